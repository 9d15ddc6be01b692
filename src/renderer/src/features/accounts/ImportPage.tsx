import { Alert, Button, FileInput, Group, Paper, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDatabaseImport, IconFileTypeCsv, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ImportReport } from '../../../../shared/contract/accounts';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';
import { type FilePayload, MAX_IMPORT_BYTES, readFilePayload } from './file-payload';
import { ImportReportView } from './ImportReportView';

const FIELDS = ['file'];

/** What a file is imported into: the account registry (registrar exports) or the graduate registry reviewers match against. */
type Source = 'accounts' | 'registry';
const CHANNEL = { accounts: 'accounts.import', registry: 'registry.import' } as const;

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; dryRun: boolean; payload: FilePayload }
  | { kind: 'report'; dryRun: boolean; payload: FilePayload; report: ImportReport };

/**
 * Registrar import: choose a CSV, read the dry run's report, then import. The desk runs the
 * whole file in one transaction; the same file again changes nothing. Registrars also load the
 * graduate registry here.
 */
export function ImportPage() {
  const { t } = useI18n();
  const permissions = useSessionView().staff.permissions;
  const sources = (['accounts', 'registry'] as const).filter((s) => permissions.includes(s === 'accounts' ? 'account.import' : 'registry.import'));
  const [source, setSource] = useState<Source>(sources[0] ?? 'accounts');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const errors = useFormErrors(FIELDS);
  const resetFile = useRef<() => void>(null);

  /** Runs the file through the desk; a failed import returns to the dry run's report (`back`). */
  async function run(payload: FilePayload, dryRun: boolean, back: Phase = { kind: 'idle' }) {
    errors.clear();
    setPhase({ kind: 'running', dryRun, payload });
    try {
      const report = await call(CHANNEL[source], { fileName: payload.fileName, contentBase64: payload.contentBase64, dryRun });
      setPhase({ kind: 'report', dryRun, payload, report });
    } catch (err) {
      errors.report(err);
      setPhase(back);
    }
  }

  async function choose(next: File | null) {
    setFile(next);
    errors.clear();
    setPhase({ kind: 'idle' });
    if (!next) return;
    if (next.size > MAX_IMPORT_BYTES) {
      errors.setFieldError('file', t('import.tooLarge', { max: `${Math.floor(MAX_IMPORT_BYTES / 1024)} KB` }));
      return;
    }
    let payload: FilePayload;
    try {
      payload = await readFilePayload(next);
    } catch {
      errors.setFieldError('file', t('import.readFailed'));
      return;
    }
    await run(payload, true);
  }

  function startOver() {
    setFile(null);
    resetFile.current?.();
    setPhase({ kind: 'idle' });
    errors.clear();
  }

  const running = phase.kind === 'running';

  return (
    <>
      <PageHeader title={t('import.title')} description={t(source === 'accounts' ? 'import.description' : 'import.registry.description')} />
      <Stack gap="md" maw={1200}>
        <Paper withBorder radius="md" p="lg" bg="white">
          <Stack gap="sm">
            {sources.length > 1 && (
              <SegmentedControl
                value={source}
                onChange={(value) => {
                  startOver();
                  setSource(value as Source);
                }}
                data={sources.map((s) => ({ value: s, label: t(`import.source.${s}`) }))}
                disabled={running}
                w="fit-content"
                data-testid="import-source"
              />
            )}
            <Group align="flex-end" gap="sm">
              <FileInput
                label={t('import.file')}
                description={t(source === 'accounts' ? 'import.fileHint' : 'import.registry.fileHint')}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,text/csv"
                value={file}
                onChange={(f) => void choose(f)}
                resetRef={resetFile}
                leftSection={<IconFileTypeCsv size={18} />}
                error={errors.fieldError('file')}
                disabled={running}
                clearable
                w={680}
                data-testid="import-file"
              />
            </Group>
            {running && (
              <Stack gap={6} data-testid="import-progress">
                <Text fz="sm">
                  {t(phase.dryRun ? 'import.checking' : 'import.importing', { rows: phase.payload.rows, file: phase.payload.fileName })}
                </Text>
                <Progress value={100} striped animated size="lg" radius="xl" aria-label={t('import.progressLabel')} />
              </Stack>
            )}
            <FormAlert message={errors.formError} />
          </Stack>
        </Paper>

        {phase.kind === 'report' && (
          <Paper withBorder radius="md" p="lg" bg="white">
            <Stack gap="md">
              <ImportReportView
                report={phase.report}
                dryRun={phase.dryRun}
                fileName={phase.payload.fileName}
                actions={
                  <Group gap="sm" wrap="nowrap">
                    <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={startOver} data-testid="import-again">
                      {t(phase.dryRun ? 'import.chooseOther' : 'import.again')}
                    </Button>
                    {phase.dryRun && (
                      <Button
                        leftSection={<IconDatabaseImport size={18} />}
                        onClick={() => void run(phase.payload, false, phase)}
                        disabled={phase.report.total === 0}
                        data-testid="import-run"
                      >
                        {t('import.run')}
                      </Button>
                    )}
                  </Group>
                }
              />
              {phase.report.total === 0 && (
                <Alert color="yellow" variant="light">
                  {t('import.noRows')}
                </Alert>
              )}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
