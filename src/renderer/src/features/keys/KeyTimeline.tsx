import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconArrowUpCircle, IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import type { KeyView } from '../../../../shared/contract/keys';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { relativeTime } from '../../i18n/relative';
import { KeyStateBadge } from './KeyStateBadge';
import { keyKind, shortFingerprint } from './key-text';

export type KeyAction = 'promote' | 'revoke';

/** The key's life so far, one dated step per line. */
function Dates({ k }: { k: KeyView }) {
  const { t } = useI18n();
  const steps = [
    ['published', k.publishedAt],
    ['activated', k.activatedAt],
    ['retired', k.retiredAt],
    ['revoked', k.revokedAt],
    ['removed', k.removedAt],
  ] as const;
  return (
    <Stack gap={0}>
      {steps
        .filter(([, at]) => at)
        .map(([step, at]) => (
          <Text key={step} fz="xs" style={{ whiteSpace: 'nowrap' }}>
            <Text span fz="xs" c="dimmed" mr={6}>
              {t(`keys.date.${step}`)}
            </Text>
            {formatDateTime(at, false)}
          </Text>
        ))}
    </Stack>
  );
}

function NextStep({ k, now }: { k: KeyView; now: Date }) {
  const { t } = useI18n();
  const when = (iso: string) => ({ time: formatDateTime(iso, false), relative: relativeTime(iso, now, t) });
  let text: string | null = null;
  if (k.state === 'next' && k.promotableAt) {
    text = new Date(k.promotableAt) <= now ? t('keys.due.promotableNow') : t('keys.due.promotable', when(k.promotableAt));
  } else if (k.state === 'retired' && k.removalDueAt) text = t('keys.due.removal', when(k.removalDueAt));
  else if (k.state === 'active' && k.rotationDueAt) text = t('keys.due.rotation', when(k.rotationDueAt));
  else if (k.state === 'revoked' && k.revocationReason) text = t('keys.due.revocationReason', { reason: k.revocationReason });
  return text ? <Text fz="xs">{text}</Text> : null;
}

/** Every key with its state and dates, newest first within each state; removed keys on request. */
export function KeyTimeline(props: {
  keys: KeyView[];
  now: Date;
  delayHours: number;
  windowHours: number;
  onAction: (action: KeyAction, key: KeyView) => void;
}) {
  const { t } = useI18n();
  const [showRemoved, setShowRemoved] = useState(false);
  const removed = props.keys.filter((k) => k.state === 'removed').length;
  const shown = props.keys.filter((k) => showRemoved || k.state !== 'removed');

  return (
    <Paper withBorder radius="md" bg="white" p="md" mb="lg">
      <Group justify="space-between" mb={4}>
        <Title order={4}>{t('keys.timeline.title')}</Title>
        <Switch
          size="sm"
          label={t('keys.timeline.showRemoved', { count: removed })}
          checked={showRemoved}
          onChange={(e) => setShowRemoved(e.currentTarget.checked)}
          disabled={removed === 0}
        />
      </Group>
      <Text fz="xs" c="dimmed" mb="sm">
        {t('keys.timeline.hint', { delay: props.delayHours, window: props.windowHours })}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="key-timeline">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('keys.col.key')}</Table.Th>
              <Table.Th w={104}>{t('keys.col.state')}</Table.Th>
              <Table.Th>{t('keys.col.dates')}</Table.Th>
              <Table.Th miw={200}>{t('keys.col.next')}</Table.Th>
              <Table.Th w={132} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((k) => {
              const promotable = k.state === 'next' && k.promotableAt !== null && new Date(k.promotableAt) <= props.now;
              const revocable = k.state === 'next' || k.state === 'active' || k.state === 'retired';
              return (
                <Table.Tr key={k.kid} data-testid={`key-row-${k.kid}`} data-state={k.state} opacity={k.state === 'removed' ? 0.6 : 1}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text fz="sm" fw={600}>
                        {keyKind(k, t)}
                      </Text>
                      <Text fz={11} className="mono">
                        {k.kid}
                      </Text>
                      <Tooltip label={k.fingerprint} multiline maw={360}>
                        <Text fz="xs" c="dimmed" className="mono">
                          SHA-256 {shortFingerprint(k.fingerprint)}
                        </Text>
                      </Tooltip>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <KeyStateBadge state={k.state} />
                      {k.origin === 'restored' && (
                        <Badge size="xs" variant="outline" color="gray" radius="sm" styles={{ label: { textTransform: 'none' } }}>
                          {t('keys.restoredBadge')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Dates k={k} />
                  </Table.Td>
                  <Table.Td miw={200} maw={260}>
                    <NextStep k={k} now={props.now} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {k.state === 'next' && (
                        <Tooltip
                          label={t('keys.due.promotable', {
                            time: formatDateTime(k.promotableAt, false),
                            relative: relativeTime(k.promotableAt!, props.now, t),
                          })}
                          disabled={promotable}
                        >
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconArrowUpCircle size={14} />}
                            // data-disabled, not disabled: a disabled button fires no events, so its tooltip (the date) would never show.
                            data-disabled={!promotable || undefined}
                            aria-disabled={!promotable}
                            onClick={() => promotable && props.onAction('promote', k)}
                            data-testid="promote"
                          >
                            {t('keys.action.promote')}
                          </Button>
                        </Tooltip>
                      )}
                      {revocable && (
                        <Menu position="bottom-end" withinPortal shadow="md" width={260}>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('keys.actionsFor', { kid: k.kid })} data-testid="key-actions">
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item color="red" leftSection={<IconAlertOctagon size={16} />} onClick={() => props.onAction('revoke', k)}>
                              {t('keys.action.revoke')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
