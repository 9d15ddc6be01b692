import { Anchor, Avatar, Group, Stack, Text, Title } from '@mantine/core';
import type { SessionView } from '../../../../shared/contract/auth';
import { useI18n } from '../../i18n';
import { useSignOut } from '../../session/use-sign-out';
import { AuthLayout } from './AuthLayout';
import { PasswordChangeStep } from './PasswordChangeStep';
import { TotpEnrollStep } from './TotpEnrollStep';
import { TotpStep } from './TotpStep';

/** The steps between a right password and a usable session: forced change, TOTP enrollment, TOTP code. */
export function SignInSteps({ view }: { view: SessionView }) {
  const { t } = useI18n();
  const { signOut } = useSignOut();
  const { staff } = view;
  return (
    <AuthLayout width={view.stage === 'totp_enroll' ? 580 : 440}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Avatar color="blue" radius="xl" size="md">
              {staff.displayName.slice(0, 1).toUpperCase()}
            </Avatar>
            <Stack gap={0}>
              <Text fw={600} fz="sm">
                {staff.displayName}
              </Text>
              <Text c="dimmed" fz="xs">
                {staff.username}
              </Text>
            </Stack>
          </Group>
          <Anchor component="button" type="button" fz="sm" onClick={() => void signOut()}>
            {t('signIn.cancel')}
          </Anchor>
        </Group>
        <Title order={3} fz={20}>
          {t(`stage.${view.stage === 'active' ? 'totp' : view.stage}.title`)}
        </Title>
        {view.stage === 'password_change' && <PasswordChangeStep view={view} />}
        {view.stage === 'totp_enroll' && <TotpEnrollStep />}
        {view.stage === 'totp' && <TotpStep />}
      </Stack>
    </AuthLayout>
  );
}
