import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { AccountSummary } from '../../../../shared/contract/accounts';
import { useI18n } from '../../i18n';
import { AccountStatusBadges } from './AccountStatusBadges';
import { BADGE } from './labels';

export const resultRowId = (index: number) => `account-result-${index}`;

/** Search results; the row under the keyboard selection is highlighted and follows ArrowUp/ArrowDown. */
export function ResultsTable(props: {
  items: AccountSummary[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (account: AccountSummary) => void;
}) {
  const { t } = useI18n();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    body.current?.querySelector<HTMLElement>(`#${resultRowId(props.selected)}`)?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);

  return (
    <Paper withBorder radius="md" bg="white">
      <Table.ScrollContainer minWidth={1000}>
        <Table
          id="account-results"
          verticalSpacing={8}
          horizontalSpacing="sm"
          fz="sm"
          data-testid="account-results"
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>{t('accounts.col.person')}</Table.Th>
              <Table.Th w={124}>{t('accounts.col.number')}</Table.Th>
              <Table.Th>{t('accounts.col.department')}</Table.Th>
              <Table.Th w={164}>{t('accounts.col.status')}</Table.Th>
              <Table.Th w={166}>{t('accounts.col.document')}</Table.Th>
              <Table.Th w={190}>{t('accounts.col.contacts')}</Table.Th>
              <Table.Th w={104}>{t('accounts.col.matchedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {props.items.map((a, index) => {
              const selected = index === props.selected;
              return (
                <Table.Tr
                  key={a.id}
                  id={resultRowId(index)}
                  data-testid="account-row"
                  data-account-id={a.id}
                  data-selected={selected || undefined}
                  aria-selected={selected}
                  onClick={() => props.onOpen(a)}
                  onMouseMove={() => !selected && props.onSelect(index)}
                  style={{
                    cursor: 'pointer',
                    background: selected ? 'var(--mantine-color-blue-0)' : undefined,
                    boxShadow: selected ? 'inset 3px 0 0 var(--mantine-color-blue-6)' : undefined,
                  }}
                >
                  <Table.Td>
                    <Stack gap={0}>
                      <Text fz="sm" fw={600} truncate data-testid="account-name">
                        {a.realName}
                        <Text span fz="xs" c="dimmed" fw={400} ml={6}>
                          {t(`accounts.category.${a.category}`)}
                        </Text>
                      </Text>
                      {a.username ? (
                        <Text fz="xs" className="mono" truncate data-testid="account-username">
                          {a.username}
                        </Text>
                      ) : (
                        <Text fz="xs" c="dimmed" fs="italic">
                          {t('accounts.notActivated')}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" className="mono" truncate>
                      {a.number ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" truncate title={a.department}>
                      {a.department}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AccountStatusBadges status={a.status} locked={a.locked} stacked />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text fz="sm" className="mono" truncate>
                        {a.documentMasked}
                      </Text>
                      <Text fz="xs" c="dimmed" truncate>
                        {t(`accounts.documentType.${a.documentType}`)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text fz="sm" className="mono" truncate c={a.mobileMasked ? undefined : 'dimmed'}>
                        {a.mobileMasked ?? '—'}
                      </Text>
                      <Text fz="xs" className="mono" truncate c="dimmed">
                        {a.emailMasked ?? '—'}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {a.matchedBy && (
                      <Badge color="gray" {...BADGE} data-testid="matched-by" data-kind={a.matchedBy}>
                        {t(`accounts.matchedBy.${a.matchedBy}`)}
                      </Badge>
                    )}
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
