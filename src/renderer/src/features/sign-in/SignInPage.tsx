import { Alert, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { Desk } from '../../../../shared/desks';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session/SessionProvider';
import { rememberWorkstationDesk, workstationDesk } from '../../session/workstation';
import { AuthLayout } from './AuthLayout';
import { DeskPicker } from './DeskPicker';

const FIELDS = ['username', 'password', 'desk'];

export function SignInPage({ notice }: { notice: MessageKey | null }) {
  const { t } = useI18n();
  const { setView } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [desk, setDesk] = useState<Desk | null>(workstationDesk);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!desk) {
      errors.setFieldError('desk', t('signIn.deskRequired'));
      return;
    }
    setBusy(true);
    try {
      const view = await call('auth.signIn', { username, password, desk });
      rememberWorkstationDesk(desk);
      setView(view);
    } catch (err) {
      errors.report(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Title order={3} fz={20}>
            {t('signIn.title')}
          </Title>
          {notice && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="sign-in-notice">
              {t(notice)}
            </Alert>
          )}
          <FormAlert message={errors.formError} />
          <TextInput
            label={t('signIn.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.fieldError('username')}
            autoComplete="username"
            autoFocus
            required
          />
          <PasswordInput
            label={t('signIn.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.fieldError('password')}
            autoComplete="current-password"
            required
          />
          <DeskPicker
            value={desk}
            onChange={(d) => {
              setDesk(d);
              errors.setFieldError('desk', null);
            }}
            error={errors.fieldError('desk')}
          />
          <Button type="submit" size="md" fullWidth loading={busy} mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
