import { Paper, Stack, Table, Text } from '@mantine/core';
import type { ApplicationSummary } from '../../../../shared/contract/clients';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { DeadlineText } from './DeadlineText';
import { StateBadges } from './StateBadges';

function rowTint(item: ApplicationSummary): string | undefined {
  if (item.deadline?.overdue) return 'var(--mantine-color-red-0)';
  if (item.deadline?.workingDaysLeft === 0) return 'var(--mantine-color-orange-0)';
  return undefined;
}

export function ApplicationsTable(props: { items: ApplicationSummary[]; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  if (props.items.length === 0) {
    return (
      <Paper withBorder radius="md" bg="white" p="xl" data-testid="applications-empty">
        <Text c="dimmed" ta="center">
          {t('clients.list.empty')}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" bg="white">
      <Table.ScrollContainer minWidth={960}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="applications-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clients.col.application')}</Table.Th>
              <Table.Th w={110}>{t('clients.col.type')}</Table.Th>
              <Table.Th w={170}>{t('clients.col.state')}</Table.Th>
              <Table.Th w={190}>{t('clients.col.deadline')}</Table.Th>
              <Table.Th w={230}>{t('clients.col.clientId')}</Table.Th>
              <Table.Th w={130}>{t('clients.col.submitted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.map((item) => (
              <Table.Tr
                key={item.id}
                onClick={() => props.onOpen(item.id)}
                style={{ cursor: 'pointer', background: rowTint(item) }}
                data-testid={`application-row-${item.id}`}
                data-app-name={item.appName}
              >
                <Table.Td>
                  <Stack gap={0}>
                    <Text
                      fz="sm"
                      fw={600}
                      component="a"
                      href={`#/clients/${item.id}`}
                      onClick={(e) => e.stopPropagation()}
                      c="dark"
                      td="none"
                    >
                      {item.appName}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {item.department}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{t(`clients.type.${item.clientType}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <StateBadges state={item.state} clientStatus={item.clientStatus} />
                </Table.Td>
                <Table.Td>
                  <DeadlineText item={item} />
                </Table.Td>
                <Table.Td>
                  <Text fz="xs" className="mono" c={item.clientStatus === 'deleted' ? 'dimmed' : undefined} td={item.clientStatus === 'deleted' ? 'line-through' : undefined}>
                    {item.clientId ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(item.submittedAt, false).slice(0, 10)}
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
