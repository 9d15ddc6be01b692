import { Badge, Stack, Text } from '@mantine/core';
import type { OutboxItem } from '../../../../shared/contract/notify';
import { useI18n } from '../../i18n';
import { relativeTime } from '../../i18n/relative';
import { BADGE, STATUS_COLORS } from './labels';

/** A message's delivery: its status, the attempt it is at, when it is tried next and what went wrong last. */
export function DeliveryState({ item, now }: { item: OutboxItem; now: Date }) {
  const { t } = useI18n();
  return (
    <Stack gap={2} data-testid="delivery-state" data-status={item.status}>
      <Badge color={STATUS_COLORS[item.status]} {...BADGE} variant={item.status === 'sent' ? 'light' : 'filled'} w="fit-content" data-testid="outbox-status">
        {t(`outbox.status.${item.status}`)}
      </Badge>
      {item.attempts > 0 && (item.status !== 'sent' || item.attempts > 1) && (
        <Text fz="xs" c="dimmed">
          {t('outbox.attempts', { n: item.attempts, max: item.maxAttempts })}
        </Text>
      )}
      {item.nextAttemptAt && item.attempts > 0 && (
        <Text fz="xs" c="dimmed">
          {t('outbox.nextAttempt', { relative: relativeTime(item.nextAttemptAt, now, t) })}
        </Text>
      )}
      {item.lastError && item.status !== 'sent' && (
        <Text fz="xs" c="red.7" lineClamp={2} title={item.lastError} data-testid="outbox-error">
          {item.lastError}
        </Text>
      )}
    </Stack>
  );
}
