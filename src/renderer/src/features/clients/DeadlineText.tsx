import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlarm, IconClockExclamation } from '@tabler/icons-react';
import type { ApplicationSummary } from '../../../../shared/contract/clients';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from './labels';

/** Where the NIC stands against the 3-working-day deadline: overdue in red, due today in orange. */
export function DeadlineText({ item }: { item: Pick<ApplicationSummary, 'state' | 'deadline' | 'processedAt'> }) {
  const { t } = useI18n();
  const { deadline } = item;
  if (!deadline) {
    if (item.state === 'submitted') {
      return (
        <Text fz="sm" c="dimmed">
          {t('clients.deadline.awaitingLeader')}
        </Text>
      );
    }
    return (
      <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {item.processedAt ? t('clients.deadline.processed', { date: formatDateTime(item.processedAt, false).slice(0, 10) }) : '—'}
      </Text>
    );
  }
  const due = t('clients.deadline.dueOn', { date: deadline.dueOn });
  if (deadline.overdue || deadline.workingDaysLeft === 0) {
    const overdue = deadline.overdue;
    return (
      <Stack gap={2} data-testid="deadline" data-overdue={overdue} data-due-today={!overdue}>
        <Group gap={4}>
          <Badge
            color={overdue ? 'red' : 'orange'}
            {...BADGE}
            variant="filled"
            leftSection={overdue ? <IconClockExclamation size={12} /> : <IconAlarm size={12} />}
          >
            {overdue ? t('clients.deadline.overdue') : t('clients.deadline.today')}
          </Badge>
        </Group>
        <Text fz="xs" c={overdue ? 'red.7' : 'orange.8'} fw={600}>
          {overdue ? t('clients.deadline.late', { date: deadline.dueOn, days: -deadline.workingDaysLeft }) : due}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={2} data-testid="deadline" data-overdue={false} data-due-today={false}>
      <Text fz="sm" fw={600}>
        {t('clients.deadline.left', { days: deadline.workingDaysLeft })}
      </Text>
      <Text fz="xs" c="dimmed">
        {due}
      </Text>
    </Stack>
  );
}
