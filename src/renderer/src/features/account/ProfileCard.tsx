import { Avatar, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { DeskBadge } from '../../components/DeskBadge';
import { RoleBadges } from '../../components/RoleBadges';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';

export function ProfileCard() {
  const { t } = useI18n();
  const { staff, desk } = useSessionView();
  return (
    <Paper withBorder radius="md" p="lg" bg="white">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap">
          <Avatar color="blue" radius="xl" size={52}>
            {staff.displayName.slice(0, 1).toUpperCase()}
          </Avatar>
          <Stack gap={2}>
            <Title order={4}>{staff.displayName}</Title>
            <Text fz="sm" c="dimmed" className="mono">
              {staff.username}
            </Text>
          </Stack>
        </Group>
        <Stack gap={6}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            {t('account.roles')}
          </Text>
          <RoleBadges roles={staff.roles} />
        </Stack>
        <Stack gap={6}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            {t('account.permissions')}
          </Text>
          <Group gap={4}>
            {staff.permissions.map((p) => (
              <Badge key={p} variant="outline" color="gray" radius="sm" styles={{ label: { textTransform: 'none', fontWeight: 500 } }}>
                {t(`permission.${p}`)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Stack gap={6}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            {t('account.desk')}
          </Text>
          <Group>
            <DeskBadge desk={desk} />
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
