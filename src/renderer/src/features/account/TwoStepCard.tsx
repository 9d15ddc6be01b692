import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { useI18n } from '../../i18n';
import { useSession, useSessionView } from '../../session/SessionProvider';
import { TotpEnrollPanel } from '../two-step/TotpEnrollPanel';
import { ProveIdentityForm } from './ProveIdentityForm';

/** Two-step verification status, and (re)enrollment with a new authenticator. */
export function TwoStepCard() {
  const { t } = useI18n();
  const { staff } = useSessionView();
  const { setView } = useSession();
  const [enrolling, enroll] = useDisclosure(false);
  const [begun, setBegun] = useState<Output<'auth.totpEnrollBegin'> | null>(null);
  const close = () => (setBegun(null), enroll.close());
  return (
    <Paper withBorder radius="md" p="lg" bg="white">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('account.totp.title')}</Title>
          {staff.totpEnrolled ? (
            <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />} styles={{ label: { textTransform: 'none' } }} data-testid="totp-status">
              {t('account.totp.on')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" leftSection={<IconShieldX size={12} />} styles={{ label: { textTransform: 'none' } }} data-testid="totp-status">
              {t('account.totp.off')}
            </Badge>
          )}
        </Group>
        <Text fz="sm" c="dimmed">
          {t(staff.totpRequired ? 'account.totp.required' : 'account.totp.optional')}
        </Text>
        <Group>
          <Button variant={staff.totpEnrolled ? 'default' : 'filled'} onClick={enroll.open}>
            {t(staff.totpEnrolled ? 'account.totp.replace' : 'account.totp.setUp')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={enrolling} onClose={close} title={t(begun ? 'account.totp.modalTitle' : 'account.totp.proveTitle')} size="lg" centered>
        {enrolling && !begun && <ProveIdentityForm withCode={staff.totpEnrolled} onStarted={setBegun} />}
        {enrolling && begun && (
          <Stack gap="sm">
            {staff.totpEnrolled && (
              <Text fz="sm" c="orange.8">
                {t('account.totp.replaceWarning')}
              </Text>
            )}
            <TotpEnrollPanel
              begun={begun}
              submitLabel={t('account.totp.confirm')}
              onEnrolled={(view) => {
                setView(view);
                close();
                notifications.show({ color: 'teal', message: `${t('account.totp.done')} ${t('account.totp.othersEnded')}` });
              }}
            />
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
