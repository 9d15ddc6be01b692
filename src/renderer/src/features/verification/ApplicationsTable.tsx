import { Badge, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApplicationSummary } from '../../../../shared/contract/verification';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { BADGE } from '../accounts/labels';
import { DeadlineCell, StatusBadge } from './StatusCells';

/** Applications in rows: the review queue and the intake list share it; `actions` adds a last cell. */
export function ApplicationsTable(props: {
  items: ApplicationSummary[];
  onOpen?: (id: number) => void;
  actions?: (item: ApplicationSummary) => ReactNode;
  showTakenBy?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Table highlightOnHover={!!props.onOpen} verticalSpacing="sm" data-testid="applications-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('verification.col.id')}</Table.Th>
          <Table.Th>{t('verification.col.applicant')}</Table.Th>
          <Table.Th>{t('verification.col.kind')}</Table.Th>
          <Table.Th>{t('verification.col.department')}</Table.Th>
          <Table.Th>{t('verification.col.submitted')}</Table.Th>
          <Table.Th>{t('verification.col.deadline')}</Table.Th>
          <Table.Th>{t('verification.col.status')}</Table.Th>
          {props.showTakenBy && <Table.Th>{t('verification.col.takenBy')}</Table.Th>}
          {props.actions && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.items.map((item) => (
          <Table.Tr
            key={item.id}
            onClick={props.onOpen ? () => props.onOpen!(item.id) : undefined}
            style={props.onOpen ? { cursor: 'pointer' } : undefined}
            data-testid="application-row"
            data-id={item.id}
          >
            <Table.Td className="mono">{item.id}</Table.Td>
            <Table.Td>
              <Text fz="sm" fw={600}>
                {item.realName}
              </Text>
              <Text fz="xs" c="dimmed" className="mono">
                {item.documentMasked}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text fz="sm">{t(`verification.kind.${item.kind}`)}</Text>
                <Badge {...BADGE} color="gray" size="xs">
                  {t(`verification.channel.${item.channel}`)}
                </Badge>
              </Group>
            </Table.Td>
            <Table.Td>
              <Text fz="sm">{item.department}</Text>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(item.submittedAt, false)}
              </Text>
            </Table.Td>
            <Table.Td>
              <DeadlineCell item={item} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={item.status} />
            </Table.Td>
            {props.showTakenBy && (
              <Table.Td>
                <Text fz="sm">{item.takenBy}</Text>
              </Table.Td>
            )}
            {props.actions && <Table.Td onClick={(e) => e.stopPropagation()}>{props.actions(item)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
