import { ActionIcon, Badge, Code, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract/audit';
import type { Desk } from '../../../../shared/desks';
import { DESK_NAMES } from '../../components/desk-names';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { outcomeColor } from './outcomes';

const COLUMNS = 8;

function compact(detail: Record<string, unknown>): string {
  const text = JSON.stringify(detail);
  return text === '{}' ? '' : text;
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  const deskName = (desk: string | null) =>
    desk && desk in DESK_NAMES ? t(DESK_NAMES[desk as Desk].campus) : (desk ?? '');

  return (
    <Paper withBorder radius="md" bg="white">
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing={8} fz="sm" highlightOnHover data-testid="audit-table" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36} />
              <Table.Th w={160}>{t('audit.col.time')}</Table.Th>
              <Table.Th w={110}>{t('audit.col.actor')}</Table.Th>
              <Table.Th w={96}>{t('audit.col.desk')}</Table.Th>
              <Table.Th w={210}>{t('audit.col.action')}</Table.Th>
              <Table.Th w={150}>{t('audit.col.target')}</Table.Th>
              <Table.Th w={110}>{t('audit.col.outcome')}</Table.Th>
              <Table.Th>{t('audit.col.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS}>
                  <Text c="dimmed" ta="center" py="lg" fz="sm">
                    {t('audit.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {entries.map((e) => {
              const expanded = open.has(e.seq);
              const detail = compact(e.detail);
              return (
                <Fragment key={e.seq}>
                  <Table.Tr data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
                    <Table.Td>
                      {detail && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          onClick={() => toggle(e.seq)}
                          aria-label={t(expanded ? 'audit.collapse' : 'audit.expand')}
                          aria-expanded={expanded}
                        >
                          {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                        </ActionIcon>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Tooltip label={`#${e.seq} · ${e.at}`}>
                        <span>{formatDateTime(e.at)}</span>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate>
                        {e.actor ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{deskName(e.desk)}</Table.Td>
                    <Table.Td>
                      <Text fz="sm" className="mono" truncate>
                        {e.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate title={e.target ?? undefined}>
                        {e.target ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={outcomeColor(e.outcome)} variant="light" radius="sm" styles={{ label: { textTransform: 'none' } }}>
                        {t(`audit.outcome.${e.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="xs" c="dimmed" className="mono" truncate title={detail}>
                        {detail}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={COLUMNS - 1}>
                        <Code block fz="xs" data-testid="audit-detail">
                          {JSON.stringify(e.detail, null, 2)}
                        </Code>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
