import { Badge, Group } from '@mantine/core';
import type { Role } from '../../../shared/permissions';
import { useI18n } from '../i18n';

const ROLE_COLORS: Record<Role, string> = {
  system_admin: 'red',
  staff_admin: 'grape',
  counter_operator: 'blue',
  senior_operator: 'indigo',
  registrar: 'lime',
  reviewer: 'cyan',
  client_admin: 'orange',
  key_admin: 'yellow',
  auditor: 'teal',
};

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} color={ROLE_COLORS[role]} variant="light" radius="sm" styles={{ label: { textTransform: 'none' } }}>
          {t(`role.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
