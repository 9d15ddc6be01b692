import { Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { type Permission, ROLES, ROLE_NAMES, type Role, covers } from '../../../../shared/permissions';
import { useI18n } from '../../i18n';

/**
 * Roles to grant, as cards with the rights each carries. A role carrying rights the signed-in
 * staff member lacks is shown but cannot be ticked (the desk refuses it too).
 */
export function RoleSelect(props: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  held: readonly Permission[];
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <Checkbox.Group
      value={props.value}
      onChange={(roles) => props.onChange(ROLE_NAMES.filter((r) => roles.includes(r)))}
      label={t('staff.field.roles')}
      description={t('staff.field.rolesHint')}
      error={props.error}
      data-testid="role-select"
      required
    >
      <SimpleGrid cols={2} spacing={8} mt={8}>
        {ROLE_NAMES.map((role) => {
          const grantable = covers(props.held, ROLES[role]);
          return (
            <Checkbox.Card
              key={role}
              value={role}
              disabled={!grantable}
              radius="md"
              px="sm"
              py={8}
              style={grantable ? undefined : { opacity: 0.55, cursor: 'not-allowed' }}
            >
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Checkbox.Indicator mt={2} disabled={!grantable} />
                <Stack gap={1} style={{ minWidth: 0 }}>
                  <Text fz="sm" fw={600}>
                    {t(`role.${role}`)}
                  </Text>
                  <Text fz="xs" c="dimmed" lineClamp={3}>
                    {!grantable
                      ? t('staff.field.roleBeyond')
                      : role === 'system_admin'
                        ? t('staff.field.allPermissions')
                        : ROLES[role].map((p) => t(`permission.${p}`)).join(t('common.listSeparator'))}
                  </Text>
                </Stack>
              </Group>
            </Checkbox.Card>
          );
        })}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
