import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { SessionView } from '../../../../shared/contract/auth';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { type MessageKey, useI18n } from '../../i18n';
import { PasswordHints } from './PasswordHints';

const FIELDS = ['currentPassword', 'newPassword', 'confirm'];

/** Current, new and repeated password; used by the forced change at first sign-in and by My account. */
export function ChangePasswordForm(props: {
  username: string;
  currentLabel: MessageKey;
  submitLabel: MessageKey;
  onChanged: (view: SessionView) => void;
  fullWidthSubmit?: boolean;
}) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (confirm !== newPassword) {
      errors.setFieldError('confirm', t('password.mismatch'));
      return;
    }
    setBusy(true);
    try {
      const view = await call('auth.changePassword', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setConfirm('');
      props.onChanged(view);
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="change-password-form">
      <Stack gap="sm">
        <FormAlert message={errors.formError} />
        <PasswordInput
          label={t(props.currentLabel)}
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.fieldError('currentPassword')}
          autoComplete="current-password"
          required
        />
        <PasswordInput
          label={t('password.new')}
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={errors.fieldError('newPassword')}
          autoComplete="new-password"
          required
        />
        <PasswordHints password={newPassword} username={props.username} />
        <PasswordInput
          label={t('password.confirm')}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errors.fieldError('confirm')}
          autoComplete="new-password"
          required
        />
        <Group justify={props.fullWidthSubmit ? undefined : 'flex-end'} mt="xs">
          <Button type="submit" loading={busy} fullWidth={props.fullWidthSubmit}>
            {t(props.submitLabel)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
