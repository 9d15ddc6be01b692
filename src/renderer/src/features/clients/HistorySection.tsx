import { Paper, Table, Text, Title } from '@mantine/core';
import type { AuditEntry } from '../../../../shared/contract/audit';
import { useI18n } from '../../i18n';
import { AuditEntryRow } from '../audit/AuditEntryRow';

/** Every step of the application, from the audit log. */
export function HistorySection({ history }: { history: AuditEntry[] }) {
  const { t, tDynamic } = useI18n();
  return (
    <Paper withBorder radius="md" bg="white" p="md" data-testid="history-section">
      <Title order={5} mb="xs">
        {t('clients.detail.history')}
      </Title>
      <Table fz="sm" verticalSpacing={6} horizontalSpacing="xs" style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>{t('clients.history.time')}</Table.Th>
            <Table.Th w={90}>{t('clients.history.actor')}</Table.Th>
            <Table.Th w={150}>{t('clients.history.action')}</Table.Th>
            <Table.Th w={70}>{t('clients.history.outcome')}</Table.Th>
            <Table.Th>{t('clients.history.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((e) => (
            <AuditEntryRow
              key={e.seq}
              entry={e}
              withSeconds={false}
              action={
                <Text fz="sm" truncate title={e.action}>
                  {tDynamic(`clients.history.${e.action}`, e.action)}
                </Text>
              }
            />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
