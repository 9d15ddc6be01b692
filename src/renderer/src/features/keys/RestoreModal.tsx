import { Button, Group, List, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { BackupFile, RestoreReport } from '../../../../shared/contract/keys';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['fileName', 'password'];

function Report({ report }: { report: RestoreReport }) {
  const { t } = useI18n();
  return (
    <Stack gap="xs" data-testid="restore-report">
      <Text fz="sm" fw={600}>
        {t('keys.restore.done', { restored: report.restored.length, skipped: report.skipped.length })}
      </Text>
      <List size="sm" spacing={2}>
        {report.restored.map((r) => (
          <List.Item key={r.kid}>
            <span className="mono">{r.kid}</span> ·{' '}
            {r.state === r.recordedState
              ? t('keys.restore.as', { state: t(`keys.state.${r.state}`) })
              : t('keys.restore.recorded', { state: t(`keys.state.${r.state}`), recorded: t(`keys.state.${r.recordedState}`) })}
          </List.Item>
        ))}
        {report.skipped.map((s) => (
          <List.Item key={s.kid}>
            <span className="mono">{s.kid}</span> · {t(`keys.restore.skipped.${s.reason}`)}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Restores from a file the desk finds in its own backup folder: the console sends a name and the password, never the file. */
export function RestoreModal(props: { onClose: () => void; onRestored: () => void }) {
  const { t } = useI18n();
  const [backups, setBackups] = useState<{ folder: string | null; files: BackupFile[] } | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const errors = useKeyErrors(FIELDS);
  const { report: reportError } = errors;

  useEffect(() => {
    call('keys.listBackups', {}).then((found) => {
      setBackups(found);
      setFileName(found.files[0]?.fileName ?? null);
    }, reportError);
  }, [reportError]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!fileName) return;
    setBusy(true);
    try {
      setReport(await call('keys.restore', { fileName, password }));
      setPassword('');
      props.onRestored();
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={report ? t('keys.restore.doneTitle') : t('keys.restore.title')} centered size="lg">
      {report ? (
        <Stack gap="md">
          <Report report={report} />
          <Group justify="flex-end">
            <Button onClick={props.onClose}>{t('keys.backup.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="restore-form">
          <Stack gap="md">
            <Text fz="sm">{t('keys.restore.text')}</Text>
            {backups?.folder && (
              <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {t('keys.restore.folder', { folder: backups.folder })}
              </Text>
            )}
            <FormAlert message={errors.formError} />
            {backups && backups.files.length === 0 ? (
              <Text fz="sm" c="orange.8">
                {t('keys.restore.noFiles')}
              </Text>
            ) : (
              <Select
                label={t('keys.restore.file')}
                value={fileName}
                onChange={setFileName}
                data={(backups?.files ?? []).map((f) => ({ value: f.fileName, label: `${f.fileName} · ${formatDateTime(f.createdAt, false)}` }))}
                error={errors.fieldError('fileName')}
                allowDeselect={false}
                required
                data-testid="restore-file"
              />
            )}
            <PasswordInput
              label={t('keys.restore.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.fieldError('password')}
              autoComplete="off"
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={!fileName || !password} data-testid="restore-submit">
                {t('keys.restore.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
