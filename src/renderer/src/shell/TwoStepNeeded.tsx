import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client';
import { FormAlert } from '../components/FormAlert';
import { useFormErrors } from '../components/use-form-errors';
import { useI18n } from '../i18n';
import { useSession, useSessionView } from '../session/SessionProvider';
import { TotpCodeInput } from '../features/two-step/TotpCodeInput';

const FIELDS = ['code'];

/**
 * Rights of an admin role granted during this session wait for two-step verification: this
 * says which, and leads to the step (a code, or setting up an authenticator on My account).
 */
export function TwoStepNeeded(props: { onNavigate: (area: 'account') => void }) {
  const { t } = useI18n();
  const view = useSessionView();
  const { setView } = useSession();
  const [opened, dialog] = useDisclosure(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const waiting = view.staff.twoStepNeededFor;
  if (!waiting.length) return null;

  async function verify(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      setView(await call('auth.verifyTotp', { code }));
      dialog.close();
      notifications.show({ color: 'teal', message: t('twoStep.needed.done') });
    } catch (err) {
      errors.report(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Alert color="orange" variant="light" icon={<IconShieldLock size={18} />} title={t('twoStep.needed.title')} mb="md" data-testid="two-step-needed">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text fz="sm">{t('twoStep.needed.text', { permissions: waiting.map((p) => t(`permission.${p}`)).join(t('common.listSeparator')) })}</Text>
        {view.staff.totpEnrolled ? (
          <Button size="xs" onClick={dialog.open}>
            {t('twoStep.needed.verify')}
          </Button>
        ) : (
          <Button size="xs" onClick={() => props.onNavigate('account')}>
            {t('twoStep.needed.enroll')}
          </Button>
        )}
      </Group>
      <Modal opened={opened} onClose={dialog.close} title={t('twoStep.needed.title')} centered>
        <form onSubmit={(e) => void verify(e)} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.formError} />
            <TotpCodeInput value={code} onChange={setCode} error={errors.fieldError('code')} autoFocus />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('twoStep.needed.verify')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Alert>
  );
}
