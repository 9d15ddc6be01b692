import { Badge, Stack, Text } from '@mantine/core';
import { IconAlarm, IconClockExclamation } from '@tabler/icons-react';
import type { ApplicationSummary } from '../../../../shared/contract/verification';
import type { ApplicationStatus } from '../../../../shared/verification/terms';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from '../accounts/labels';

const STATUS_COLORS = { submitted: 'blue', approved: 'teal', rejected: 'red', withdrawn: 'gray' } as const satisfies Record<ApplicationStatus, string>;

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLORS[status]} {...BADGE} data-testid="application-status" data-status={status}>
      {t(`verification.status.${status}`)}
    </Badge>
  );
}

/** Working days left on the 7-working-day review deadline; near (<= 2) in orange, overdue in red. */
export function DeadlineCell({ item }: { item: Pick<ApplicationSummary, 'deadline' | 'near' | 'decidedAt'> }) {
  const { t } = useI18n();
  const { deadline } = item;
  if (!deadline) {
    return (
      <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {item.decidedAt ? t('verification.decided', { date: formatDateTime(item.decidedAt, false).slice(0, 10) }) : '—'}
      </Text>
    );
  }
  const flag = deadline.overdue ? 'overdue' : item.near ? 'near' : 'normal';
  const due = t('verification.deadline.dueOn', { date: deadline.dueOn });
  return (
    <Stack gap={2} data-testid="deadline" data-flag={flag}>
      {flag === 'normal' ? (
        <Text fz="sm" fw={600}>
          {t('verification.deadline.left', { days: deadline.workingDaysLeft })}
        </Text>
      ) : (
        <Badge
          color={flag === 'overdue' ? 'red' : 'orange'}
          {...BADGE}
          variant="filled"
          leftSection={flag === 'overdue' ? <IconClockExclamation size={12} /> : <IconAlarm size={12} />}
        >
          {flag === 'overdue'
            ? t('verification.deadline.overdue')
            : deadline.workingDaysLeft === 0
              ? t('verification.deadline.today')
              : t('verification.deadline.near')}
        </Badge>
      )}
      <Text fz="xs" c={flag === 'overdue' ? 'red.7' : flag === 'near' ? 'orange.8' : 'dimmed'} fw={flag === 'normal' ? undefined : 600}>
        {flag === 'overdue'
          ? t('verification.deadline.late', { days: -deadline.workingDaysLeft, date: deadline.dueOn })
          : flag === 'near' && deadline.workingDaysLeft > 0
            ? `${t('verification.deadline.left', { days: deadline.workingDaysLeft })} · ${due}`
            : due}
      </Text>
    </Stack>
  );
}
