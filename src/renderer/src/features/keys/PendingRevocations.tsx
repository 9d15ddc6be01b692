import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { RevocationRequestView } from '../../../../shared/contract/keys';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { relativeTime } from '../../i18n/relative';

/** Emergency revocations waiting for a second key admin: impossible to miss on the screen. */
export function PendingRevocations(props: {
  requests: RevocationRequestView[];
  now: Date;
  onReview: (request: RevocationRequestView) => void;
  onWithdraw: (request: RevocationRequestView) => void;
}) {
  const { t } = useI18n();
  if (props.requests.length === 0) return null;
  return (
    <Stack gap="sm" mb="lg">
      {props.requests.map((r) => (
        <Alert
          key={r.id}
          color="red"
          variant="light"
          icon={<IconAlertOctagon size={20} />}
          title={t('keys.pending.title')}
          data-testid="pending-revocation"
          data-kid={r.kid}
        >
          <Stack gap={4}>
            <Text fz="sm">
              {t('keys.pending.text', {
                who: `${r.requestedBy.displayName} (${r.requestedBy.username})`,
                alg: r.alg,
                kid: r.kid,
                state: t(`keys.state.${r.keyState}`),
                time: formatDateTime(r.requestedAt, false),
              })}
            </Text>
            <Text fz="sm" fw={600}>
              {t('keys.pending.reason', { reason: r.reason })}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('keys.pending.expires', { time: formatDateTime(r.expiresAt, false), relative: relativeTime(r.expiresAt, props.now, t) })}
            </Text>
            <Group justify="space-between" mt={4}>
              <Text fz="sm" c="red.8">
                {r.mine ? t('keys.pending.mine') : ''}
              </Text>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => props.onWithdraw(r)} data-testid="withdraw-revocation">
                  {r.mine ? t('keys.pending.withdraw') : t('keys.confirm.reject')}
                </Button>
                {!r.mine && (
                  <Button size="xs" color="red" onClick={() => props.onReview(r)} data-testid="review-revocation">
                    {t('keys.pending.review')}
                  </Button>
                )}
              </Group>
            </Group>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
