import { ActionIcon, Badge, Group, Menu, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDashed,
  IconDots,
  IconKey,
  IconPencil,
  IconShieldOff,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import type { StaffView } from '../../../../shared/contract/staff';
import { type Permission, covers } from '../../../../shared/permissions';
import { RoleBadges } from '../../components/RoleBadges';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { StaffStatus } from './StaffStatus';

export type StaffAction = 'edit' | 'disable' | 'enable' | 'resetPassword' | 'resetTotp';

export function StaffTable(props: {
  staff: StaffView[];
  selfId: number;
  held: readonly Permission[];
  onAction: (action: StaffAction, staff: StaffView) => void;
}) {
  const { t } = useI18n();

  const actions = (s: StaffView) => {
    if (s.id === props.selfId) {
      return (
        <Tooltip label={t('staff.selfHint')} multiline maw={260}>
          <Badge variant="outline" color="gray" radius="sm" styles={{ label: { textTransform: 'none' } }}>
            {t('staff.you')}
          </Badge>
        </Tooltip>
      );
    }
    const allowed = covers(props.held, s.permissions);
    return (
      <Menu position="bottom-end" withinPortal shadow="md" width={220} disabled={!allowed}>
        <Menu.Target>
          <Tooltip label={t('staff.beyondHint')} disabled={allowed} multiline maw={260}>
            <ActionIcon variant="subtle" color="gray" aria-label={t('staff.actionsFor', { username: s.username })} disabled={!allowed}>
              <IconDots size={18} />
            </ActionIcon>
          </Tooltip>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => props.onAction('edit', s)}>
            {t('staff.action.edit')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => props.onAction('resetPassword', s)}>
            {t('staff.action.resetPassword')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconShieldOff size={16} />}
            onClick={() => props.onAction('resetTotp', s)}
            disabled={!s.totpEnrolled}
          >
            {t('staff.action.resetTotp')}
          </Menu.Item>
          <Menu.Divider />
          {s.disabled ? (
            <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => props.onAction('enable', s)}>
              {t('staff.action.enable')}
            </Menu.Item>
          ) : (
            <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => props.onAction('disable', s)}>
              {t('staff.action.disable')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    );
  };

  return (
    <Paper withBorder radius="md" bg="white">
      <Table.ScrollContainer minWidth={960}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="staff-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staff.col.member')}</Table.Th>
              <Table.Th>{t('staff.col.roles')}</Table.Th>
              <Table.Th>{t('staff.col.status')}</Table.Th>
              <Table.Th>{t('staff.col.totp')}</Table.Th>
              <Table.Th>{t('staff.col.lastSignIn')}</Table.Th>
              <Table.Th w={88} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.staff.map((s) => (
              <Table.Tr key={s.id} data-testid={`staff-row-${s.username}`} opacity={s.disabled ? 0.7 : 1}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text fz="sm" fw={600}>
                      {s.displayName}
                    </Text>
                    <Text fz="xs" c="dimmed" className="mono">
                      {s.username}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td maw={320}>
                  <RoleBadges roles={s.roles} />
                </Table.Td>
                <Table.Td>
                  <StaffStatus staff={s} />
                </Table.Td>
                <Table.Td>
                  {s.totpEnrolled ? (
                    <Group gap={4} wrap="nowrap" c="teal.7">
                      <IconCircleCheck size={16} />
                      <Text fz="sm">{t('staff.totp.enrolled')}</Text>
                    </Group>
                  ) : (
                    <Group gap={4} wrap="nowrap" c="dimmed">
                      <IconCircleDashed size={16} />
                      <Text fz="sm">{t('staff.totp.notEnrolled')}</Text>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" c={s.lastSignInAt ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {s.lastSignInAt ? formatDateTime(s.lastSignInAt, false) : t('staff.never')}
                  </Text>
                </Table.Td>
                <Table.Td>{actions(s)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
