import { Avatar, Button, Group, Menu, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconDevicesOff, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../i18n';
import { useSessionView } from '../session/SessionProvider';
import { useSignOut } from '../session/use-sign-out';
import type { AreaId } from './areas';

export function UserMenu({ onNavigate }: { onNavigate: (id: AreaId) => void }) {
  const { t } = useI18n();
  const { staff } = useSessionView();
  const { signOut, signOutEverywhere } = useSignOut();
  const [confirming, confirm] = useDisclosure(false);
  const [busy, setBusy] = useState(false);

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('shell.userMenu')} px={6} py={4} style={{ borderRadius: 8 }}>
            <Group gap={8} wrap="nowrap">
              <Avatar color="blue" radius="xl" size={32}>
                {staff.displayName.slice(0, 1).toUpperCase()}
              </Avatar>
              <Stack gap={0} visibleFrom="xs">
                <Text fz="sm" fw={600} lh={1.2} maw={160} truncate data-testid="user-display-name">
                  {staff.displayName}
                </Text>
                <Text fz={11} c="dimmed" lh={1.2}>
                  {staff.username}
                </Text>
              </Stack>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('shell.signedInAs', { name: staff.username })}</Menu.Label>
          <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => onNavigate('account')}>
            {t('nav.account')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">
            {t('shell.signOut')}
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconDevicesOff size={16} />} onClick={confirm.open}>
            {t('shell.signOutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={confirming} onClose={confirm.close} title={t('shell.signOutEverywhere')} centered>
        <Stack>
          <Text fz="sm">{t('shell.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() => {
                setBusy(true);
                void signOutEverywhere();
              }}
            >
              {t('shell.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
