import { Button, Group, Pagination, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { AuditFilter } from '../../../../shared/contract/audit';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { type ChainCheck, ChainResult } from './ChainResult';
import { saveTextFile } from './download';

const NO_FIELDS: string[] = [];
const PAGE_SIZES = ['25', '50', '100'];

export function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [data, setData] = useState<Output<'audit.list'> | null>(null);
  const [chain, setChain] = useState<ChainCheck | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { formError, clear, report } = useFormErrors(NO_FIELDS);

  const load = useCallback(async () => {
    try {
      setData(await call('audit.list', { filter, page, pageSize }));
      clear();
    } catch (err) {
      report(err);
    }
  }, [filter, page, pageSize, clear, report]);

  useEffect(() => {
    void load();
  }, [load]);

  async function verify() {
    setVerifying(true);
    try {
      setChain(await call('audit.verify', {}));
      void load();
    } catch (err) {
      notifications.show({ color: 'red', message: describeError(err, i18n) });
    } finally {
      setVerifying(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const { filename, csv, rows } = await call('audit.exportCsv', { filter });
      saveTextFile(filename, csv, 'text/csv;charset=utf-8');
      notifications.show({ color: 'teal', message: t('audit.exported', { rows }) });
      void load();
    } catch (err) {
      notifications.show({ color: 'red', message: describeError(err, i18n) });
    } finally {
      setExporting(false);
    }
  }

  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <>
            <Button variant="default" leftSection={<IconShieldCheck size={18} />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={18} />} loading={exporting} onClick={() => void exportCsv()} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </>
        }
      />
      {chain && <ChainResult result={chain} onClose={() => setChain(null)} />}
      <AuditFilters
        onApply={(next) => {
          setFilter(next);
          setPage(1);
        }}
      />
      <FormAlert message={formError} />
      {data && <AuditTable entries={data.entries} />}
      <Group justify="space-between" mt="md">
        <Group gap="sm">
          <Text fz="sm" c="dimmed" data-testid="audit-count">
            {t('audit.range', { first, last, total })}
          </Text>
          <Select
            aria-label={t('audit.pageSize')}
            data={PAGE_SIZES.map((value) => ({ value, label: t('audit.perPage', { count: value }) }))}
            value={String(pageSize)}
            onChange={(value) => {
              setPageSize(Number(value ?? 25));
              setPage(1);
            }}
            allowDeselect={false}
            w={130}
            size="xs"
          />
        </Group>
        <Pagination total={pages} value={page} onChange={setPage} size="sm" />
      </Group>
    </>
  );
}
