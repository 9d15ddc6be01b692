import { Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionProvider';
import { TotpCodeInput } from '../two-step/TotpCodeInput';

const FIELDS = ['code'];

export function TotpStep() {
  const { t } = useI18n();
  const { setView } = useSession();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (code.length !== 6) {
      errors.setFieldError('code', t('totp.sixDigits'));
      return;
    }
    setBusy(true);
    try {
      setView(await call('auth.verifyTotp', { code }));
    } catch (err) {
      errors.report(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t('stage.totp.intro')}
        </Text>
        <FormAlert message={errors.formError} />
        <TotpCodeInput value={code} onChange={setCode} error={errors.fieldError('code')} autoFocus />
        <Button type="submit" fullWidth loading={busy}>
          {t('stage.totp.submit')}
        </Button>
      </Stack>
    </form>
  );
}
