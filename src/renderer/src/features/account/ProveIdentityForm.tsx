import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { TotpCodeInput } from '../two-step/TotpCodeInput';

const FIELDS = ['currentPassword', 'code'];

/**
 * Before two-step verification changes on a signed-in session: the current password, and a
 * code from the current authenticator when there is one. The desk checks them through the
 * same lockout as a sign-in, then starts the enrollment.
 */
export function ProveIdentityForm(props: { withCode: boolean; onStarted: (enrollment: Output<'auth.totpEnrollBegin'>) => void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      props.onStarted(await call('auth.totpEnrollBegin', { currentPassword, ...(props.withCode ? { code } : {}) }));
    } catch (err) {
      errors.report(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="totp-prove">
      <Stack gap="md">
        <Text fz="sm">{t(props.withCode ? 'account.totp.proveTextCode' : 'account.totp.proveText')}</Text>
        <FormAlert message={errors.formError} />
        <PasswordInput
          label={t('password.current')}
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.fieldError('currentPassword')}
          autoComplete="current-password"
          data-autofocus
          required
        />
        {props.withCode && <TotpCodeInput value={code} onChange={setCode} error={errors.fieldError('code')} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('account.totp.continue')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
