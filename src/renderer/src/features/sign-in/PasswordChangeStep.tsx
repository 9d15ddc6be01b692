import { Stack, Text } from '@mantine/core';
import type { SessionView } from '../../../../shared/contract/auth';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionProvider';
import { ChangePasswordForm } from '../account/ChangePasswordForm';

export function PasswordChangeStep({ view }: { view: SessionView }) {
  const { t } = useI18n();
  const { setView } = useSession();
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t('stage.password_change.intro')}
      </Text>
      <ChangePasswordForm
        username={view.staff.username}
        currentLabel="password.oneTime"
        submitLabel="stage.password_change.submit"
        onChanged={setView}
        fullWidthSubmit
      />
    </Stack>
  );
}
