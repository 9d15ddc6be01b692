import { Alert, Button, FileInput, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconDatabaseImport, IconFileCode } from '@tabler/icons-react';
import { useState } from 'react';
import type { OnlineImportReport } from '../../../../shared/contract/verification';
import { VERIFICATION_LIMITS } from '../../../../shared/verification/terms';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { type FilePayload, readFilePayload } from '../accounts/file-payload';
import { formatSize } from '../../i18n/format';

const FIELDS = ['file'];

/** The online site's export: checked first (nothing written), then imported all or nothing. */
export function OnlineImport() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [payload, setPayload] = useState<FilePayload | null>(null);
  const [report, setReport] = useState<OnlineImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function run(p: FilePayload, dryRun: boolean) {
    errors.clear();
    setBusy(true);
    try {
      const r = await call('verification.importOnline', { fileName: p.fileName, contentBase64: p.contentBase64, dryRun });
      setReport(r);
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  async function choose(next: File | null) {
    setFile(next);
    setReport(null);
    setPayload(null);
    errors.clear();
    if (!next) return;
    if (next.size > VERIFICATION_LIMITS.importFileMaxBytes) {
      errors.setFieldError('file', t('import.tooLarge', { max: formatSize(VERIFICATION_LIMITS.importFileMaxBytes) }));
      return;
    }
    const p = await readFilePayload(next);
    setPayload(p);
    await run(p, true);
  }

  return (
    <Paper withBorder radius="md" p="lg" bg="white" maw={1100}>
      <Stack gap="md">
        <Text fz="sm">{t('applications.import.hint')}</Text>
        <FileInput
          label={t('applications.import.file')}
          value={file}
          onChange={(f) => void choose(f)}
          accept="application/json,.json"
          leftSection={<IconFileCode size={16} />}
          error={errors.fieldError('file')}
          clearable
          maw={520}
          data-testid="online-file"
        />
        <FormAlert message={errors.formError} />
        {report && (
          <Stack gap="xs" data-testid="online-report">
            <Text fz="sm" fw={600}>
              {t('applications.import.summary', { total: report.total, created: report.created, unchanged: report.unchanged })}
            </Text>
            {report.applied && <Alert color="teal">{t('applications.import.applied', { created: report.created })}</Alert>}
            {report.rejected.length > 0 && (
              <Alert color="red" title={t('applications.import.rejected')}>
                <List size="sm">
                  {report.rejected.map((r) => (
                    <List.Item key={r.index}>
                      {r.index < 0 ? t('applications.import.file.whole') : t('applications.import.application', { index: r.index + 1, id: r.onlineId ?? '—' })}:{' '}
                      {r.fields.map((f) => `${f.field} (${f.reason})`).join(', ')}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        )}
        {payload && report && !report.applied && report.rejected.length === 0 && report.created > 0 && (
          <Group>
            <Button loading={busy} leftSection={<IconDatabaseImport size={18} />} onClick={() => void run(payload, false)} data-testid="online-import">
              {t('applications.import.run', { count: report.created })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
