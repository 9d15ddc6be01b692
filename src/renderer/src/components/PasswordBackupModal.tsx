import { Alert, Button, Code, CopyButton, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { type MessageKey, type Params, useI18n } from '../i18n';
import { FormAlert } from './FormAlert';

/** The message families of the backups written under a password: the signing keys', the whole store's. */
type Prefix = 'keys.backup' | 'storeBackup';
type Suffix = 'title' | 'text' | 'password' | 'passwordHint' | 'repeat' | 'mismatch' | 'tooShort' | 'submit' | 'doneTitle' | 'done' | 'close';

interface FormErrors {
  formError: string | null;
  fieldError(path: string): string | undefined;
  setFieldError(path: string, message: string): void;
  report(err: unknown): void;
  clear(): void;
}

/**
 * A backup the desk writes itself under a password the admin types twice; the console only
 * learns where the file went.
 */
export function PasswordBackupModal<W extends { path: string }>(props: {
  prefix: Prefix;
  minLength: number;
  errors: FormErrors;
  write: (password: string) => Promise<W>;
  doneParams: (written: W) => Params;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const k = (suffix: Suffix) => `${props.prefix}.${suffix}` as MessageKey;
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<W | null>(null);
  const { errors, minLength: min } = props;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if ([...password].length < min) return errors.setFieldError('password', t(k('tooShort'), { min }));
    if (password !== repeat) return errors.setFieldError('repeat', t(k('mismatch')));
    setBusy(true);
    try {
      setWritten(await props.write(password));
      setPassword('');
      setRepeat('');
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={written ? t(k('doneTitle')) : t(k('title'))} centered size="lg">
      {written ? (
        <Stack gap="md" data-testid="backup-written">
          <Text fz="sm">{t(k('done'), props.doneParams(written))}</Text>
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
              {t(k('close'))}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="backup-form">
          <Stack gap="md">
            <Alert variant="light" color="blue" icon={<IconShieldLock size={18} />}>
              {t(k('text'))}
            </Alert>
            <FormAlert message={errors.formError} />
            <PasswordInput
              label={t(k('password'))}
              description={t(k('passwordHint'), { min })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.fieldError('password')}
              autoComplete="new-password"
              data-autofocus
              required
            />
            <PasswordInput
              label={t(k('repeat'))}
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
                {t(k('submit'))}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
