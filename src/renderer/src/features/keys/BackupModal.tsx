import { Alert, Button, Code, CopyButton, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { BackupFile } from '../../../../shared/contract/keys';
import { BACKUP_PASSWORD_MIN_LENGTH } from '../../../../shared/signing-keys';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['password', 'repeat'];

/** The desk writes the file itself; the console only learns where it went. */
export function BackupModal(props: { onClose: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<(BackupFile & { keys: number }) | null>(null);
  const errors = useKeyErrors(FIELDS);
  const min = BACKUP_PASSWORD_MIN_LENGTH;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if ([...password].length < min) return errors.setFieldError('password', t('keys.backup.tooShort', { min }));
    if (password !== repeat) return errors.setFieldError('repeat', t('keys.backup.mismatch'));
    setBusy(true);
    try {
      setWritten(await call('keys.backup', { password }));
      setPassword('');
      setRepeat('');
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={written ? t('keys.backup.doneTitle') : t('keys.backup.title')} centered size="lg">
      {written ? (
        <Stack gap="md" data-testid="backup-written">
          <Text fz="sm">{t('keys.backup.done', { count: written.keys })}</Text>
          <Group justify="space-between" wrap="nowrap" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
            <Code bg="transparent" fz="sm" style={{ wordBreak: 'break-all' }} data-testid="backup-path">
              {written.path}
            </Code>
            <CopyButton value={written.path}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={props.onClose} data-testid="backup-close">
              {t('keys.backup.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="backup-form">
          <Stack gap="md">
            <Alert variant="light" color="blue" icon={<IconShieldLock size={18} />}>
              {t('keys.backup.text')}
            </Alert>
            <FormAlert message={errors.formError} />
            <PasswordInput
              label={t('keys.backup.password')}
              description={t('keys.backup.passwordHint', { min })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.fieldError('password')}
              autoComplete="new-password"
              data-autofocus
              required
            />
            <PasswordInput
              label={t('keys.backup.repeat')}
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={errors.fieldError('repeat')}
              autoComplete="new-password"
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="backup-submit">
                {t('keys.backup.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
