import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ImportReport } from '../../../../shared/contract/accounts';
import { useI18n } from '../../i18n';
import { describeField } from '../../i18n/describe-error';
import { BADGE } from './labels';

function Stat(props: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" bg="white">
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" truncate>
        {props.label}
      </Text>
      <Text fz={26} fw={700} c={props.value > 0 ? props.color : 'dimmed'} data-testid={props.testId}>
        {props.value}
      </Text>
    </Paper>
  );
}

/** What an import would do (dry run) or did: counts, the encoding read, and every rejected row with its reasons. */
export function ImportReportView(props: { report: ImportReport; dryRun: boolean; fileName: string; actions?: ReactNode }) {
  const { report, dryRun, fileName } = props;
  const i18n = useI18n();
  const { t, tDynamic } = i18n;
  const nothing = report.created === 0 && report.updated === 0;
  return (
    <Stack gap="md" data-testid="import-report" data-dry-run={dryRun}>
      <Group justify="space-between" align="center" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Title order={4}>{dryRun ? t('import.dryRunTitle', { file: fileName }) : t('import.doneTitle', { file: fileName })}</Title>
          <Group gap="xs">
            <Badge color="gray" {...BADGE} data-testid="import-encoding">
              {t('import.encoding', { encoding: report.encoding.toUpperCase() })}
            </Badge>
            {!dryRun && report.batchId !== null && (
              <Badge color="teal" {...BADGE} data-testid="import-batch">
                {t('import.batch', { id: report.batchId })}
              </Badge>
            )}
          </Group>
        </Stack>
        {props.actions}
      </Group>
      <SimpleGrid cols={5} spacing="sm">
        <Stat label={t('import.total')} value={report.total} color="dark" testId="import-total" />
        <Stat label={t(dryRun ? 'import.wouldCreate' : 'import.created')} value={report.created} color="teal.7" testId="import-created" />
        <Stat label={t(dryRun ? 'import.wouldUpdate' : 'import.updated')} value={report.updated} color="blue.7" testId="import-updated" />
        <Stat label={t('import.unchanged')} value={report.unchanged} color="dark" testId="import-unchanged" />
        <Stat label={t('import.rejected')} value={report.rejected.length} color="red.7" testId="import-rejected" />
      </SimpleGrid>
      {nothing && report.unchanged > 0 && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="import-nothing">
          {t(dryRun ? 'import.nothingToDo' : 'import.nothingDone')}
        </Alert>
      )}
      {report.rejected.length > 0 && (
        <Paper withBorder radius="md" bg="white">
          <Group justify="space-between" px="md" pt="sm">
            <Text fw={600} fz="sm">
              {t('import.rejectedTitle', { count: report.rejected.length })}
            </Text>
            <Text fz="xs" c="dimmed">
              {t('import.rejectedNote')}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={600} mah={360}>
            <Table fz="sm" verticalSpacing={6} data-testid="import-rejected-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('import.col.line')}</Table.Th>
                  <Table.Th>{t('import.col.problems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rejected.map((row) => (
                  <Table.Tr key={row.line} data-testid="rejected-row" data-line={row.line}>
                    <Table.Td className="mono">{row.line}</Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={2}>
                        {row.fields.map((f, i) => (
                          <List.Item key={i} data-field={f.field} data-reason={f.reason}>
                            <Text span fw={600} fz="sm">
                              {tDynamic(`accounts.field.${f.field}`, f.field)}
                            </Text>
                            {t('import.problemSeparator')}
                            {describeField({ path: f.field, reason: f.reason, message: f.reason }, i18n)}
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Group gap={6} c="dimmed">
        <IconInfoCircle size={16} />
        <Text fz="xs">{t('import.rerunNote')}</Text>
      </Group>
    </Stack>
  );
}
