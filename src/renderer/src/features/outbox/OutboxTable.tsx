import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconMail, IconMessage } from '@tabler/icons-react';
import type { OutboxItem } from '../../../../shared/contract/notify';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { relativeTime } from '../../i18n/relative';
import { DeliveryState } from './DeliveryState';
import { templateLabel } from './labels';

export function ChannelIcon({ channel }: { channel: OutboxItem['channel'] }) {
  const Icon = channel === 'email' ? IconMail : IconMessage;
  return <Icon size={16} stroke={1.6} style={{ flex: 'none', color: 'var(--mantine-color-gray-6)' }} />;
}

/** Messages newest first; a row opens the message. */
export function OutboxTable(props: { items: OutboxItem[]; now: Date; onOpen: (item: OutboxItem) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Paper withBorder radius="md" bg="white">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={8} horizontalSpacing="sm" fz="sm" highlightOnHover style={{ tableLayout: 'fixed' }} data-testid="outbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t('outbox.col.created')}</Table.Th>
              <Table.Th w={230}>{t('outbox.col.recipient')}</Table.Th>
              <Table.Th>{t('outbox.col.template')}</Table.Th>
              <Table.Th w={260}>{t('outbox.col.status')}</Table.Th>
              <Table.Th w={160}>{t('outbox.col.adapter')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text fz="sm" c="dimmed" ta="center" py="md" data-testid="outbox-empty">
                    {t('outbox.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {props.items.map((item) => (
              <Table.Tr
                key={item.id}
                data-testid="outbox-row"
                data-id={item.id}
                data-status={item.status}
                data-template={item.template}
                onClick={() => props.onOpen(item)}
                style={{ cursor: 'pointer', verticalAlign: 'top' }}
              >
                <Table.Td>
                  <Stack gap={0}>
                    <Text fz="sm">{relativeTime(item.createdAt, props.now, t)}</Text>
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(item.createdAt)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ChannelIcon channel={item.channel} />
                    <Text fz="sm" className="mono" truncate data-testid="outbox-recipient">
                      {item.recipientMasked}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text fz="sm" fw={600} truncate>
                      {templateLabel(item.template, i18n)}
                    </Text>
                    <Text fz="xs" c="dimmed" className="mono" truncate>
                      {item.template} · #{item.id}
                      {item.subjectRef ? ` · ${item.subjectRef}` : ''}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <DeliveryState item={item} now={props.now} />
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" c={item.adapter ? undefined : 'dimmed'}>
                    {item.adapter ? t(`outbox.adapter.${item.adapter}`) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
