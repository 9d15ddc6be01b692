import { Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionProvider';
import { TotpEnrollPanel } from '../two-step/TotpEnrollPanel';

export function TotpEnrollStep() {
  const { t } = useI18n();
  const { setView } = useSession();
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t('stage.totp_enroll.intro')}
      </Text>
      <TotpEnrollPanel onEnrolled={setView} fullWidthSubmit />
    </Stack>
  );
}
