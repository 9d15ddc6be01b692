import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AuditEntry } from '../../../../shared/contract/audit';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from '../accounts/labels';
import { outcomeColor } from './outcomes';

function detailText(detail: Record<string, unknown>): string {
  if (typeof detail.reason === 'string') return detail.reason;
  const text = JSON.stringify(detail);
  return text === '{}' ? '' : text;
}

/** One audit entry in a record's own history (an account's card, an application's drawer). */
export function AuditEntryRow(props: { entry: AuditEntry; action: ReactNode; withSeconds?: boolean }) {
  const { t } = useI18n();
  const { entry: e } = props;
  const detail = detailText(e.detail);
  return (
    <Table.Tr data-testid="history-row" data-action={e.action}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, props.withSeconds ?? true)}</Table.Td>
      <Table.Td>
        <Text fz="sm" truncate>
          {e.actor ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{props.action}</Table.Td>
      <Table.Td>
        <Badge color={outcomeColor(e.outcome)} {...BADGE}>
          {t(`audit.outcome.${e.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text fz="xs" c="dimmed" truncate title={detail}>
          {detail}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
