import { Badge, Group, Stack, Text } from '@mantine/core';
import type { RecoveryEvent } from '../../../../shared/contract/recovery';
import { DESK_NAMES } from '../../components/desk-names';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from '../accounts/labels';

const COLORS = { id_check: 'blue', code_issued: 'grape', code_closed: 'gray' } as const;

/** The account's recent recovery events: identity checks, codes issued, and how each code ended. */
export function RecoveryEvents({ events }: { events: RecoveryEvent[] }) {
  const { t } = useI18n();
  const deskName = (desk: string) => {
    const names = (DESK_NAMES as Record<string, { campus: MessageKey } | undefined>)[desk];
    return names ? t(names.campus) : desk;
  };
  if (events.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {t('recovery.events.empty')}
      </Text>
    );
  }
  function describe(e: RecoveryEvent): { text: string; by: string | null; color: string } {
    switch (e.kind) {
      case 'id_check':
        return {
          text: t(e.matched ? 'recovery.event.id_check.matched' : 'recovery.event.id_check.mismatch', { type: t(`accounts.documentType.${e.documentType}`) }),
          by: t('recovery.event.by', { actor: e.actor, desk: deskName(e.desk) }),
          color: e.matched ? COLORS.id_check : 'red',
        };
      case 'code_issued':
        return {
          text: t('recovery.event.code_issued', { purpose: t(`recovery.purpose.${e.purpose}`), channel: t(`recovery.channel.${e.channel}`) }),
          by: e.actor === 'self' ? null : e.actor,
          color: COLORS.code_issued,
        };
      case 'code_closed':
        return { text: t(`recovery.event.code_closed.${e.reason}`, { purpose: t(`recovery.purpose.${e.purpose}`) }), by: null, color: COLORS.code_closed };
    }
  }
  return (
    <Stack gap={6} data-testid="recovery-events">
      {events.map((e, i) => {
        const { text, by, color } = describe(e);
        return (
          <Group key={`${e.at}-${i}`} gap="xs" wrap="nowrap" align="flex-start" data-testid="recovery-event" data-kind={e.kind}>
            <Text fz="xs" c="dimmed" w={132} style={{ flexShrink: 0 }} className="mono">
              {formatDateTime(e.at, false)}
            </Text>
            <Badge color={color} {...BADGE} size="sm" style={{ flexShrink: 0 }}>
              {t(e.kind === 'id_check' ? 'recovery.action.idCheck' : `recovery.purpose.${e.purpose}`)}
            </Badge>
            <Text fz="sm" style={{ minWidth: 0 }}>
              {text}
              {by && (
                <Text span fz="xs" c="dimmed">
                  {' '}
                  · {by}
                </Text>
              )}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
