import { Alert, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCircleCheck, IconClock, IconLock, IconUserOff } from '@tabler/icons-react';
import type { Diagnosis } from '../../../../shared/contract/accounts';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { describeDiagnosis } from './diagnosis-text';
import { useNow } from './use-now';

const ICONS: Record<Diagnosis['code'], typeof IconLock> = {
  ok: IconCircleCheck,
  wrong_password: IconAlertTriangle,
  locked: IconLock,
  pending_activation: IconClock,
  suspended: IconUserOff,
  revoked: IconUserOff,
  password_expired: IconAlertTriangle,
};

/** The "I failed to log in" answer, on top of the card: why, in plain words, and the next step. */
export function DiagnosisPanel({ diagnosis, compact = false }: { diagnosis: Diagnosis; compact?: boolean }) {
  const i18n = useI18n();
  const now = useNow();
  const text = describeDiagnosis(diagnosis, i18n, now);
  const Icon = ICONS[diagnosis.code];
  return (
    <Alert
      color={text.color}
      variant="light"
      radius="md"
      p={compact ? 'sm' : 'md'}
      icon={
        <ThemeIcon color={text.color} variant="light" size={compact ? 28 : 36} radius="xl">
          <Icon size={compact ? 16 : 20} />
        </ThemeIcon>
      }
      title={
        <Text fw={700} fz={compact ? 'sm' : 'md'} data-testid="diagnosis-title">
          {text.title}
        </Text>
      }
      data-testid="diagnosis"
      data-code={diagnosis.code}
      aria-label={i18n.t('diagnosis.label')}
    >
      <Stack gap={4}>
        {text.detail && (
          <Text fz="sm" data-testid="diagnosis-detail">
            {text.detail}
          </Text>
        )}
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconArrowRight size={16} style={{ flexShrink: 0, marginTop: 3 }} />
          <Text fz="sm" fw={500} data-testid="diagnosis-next">
            {i18n.t('diagnosis.next', { step: text.next })}
          </Text>
        </Group>
        {diagnosis.openRecovery && (
          <Text fz="sm" data-testid="diagnosis-open-recovery" data-purpose={diagnosis.openRecovery.purpose}>
            {i18n.t(`recovery.diagnosis.${diagnosis.openRecovery.purpose}`, { time: formatClock(diagnosis.openRecovery.expiresAt, now) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
