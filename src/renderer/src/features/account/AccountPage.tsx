import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useSession, useSessionView } from '../../session/SessionProvider';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ProfileCard } from './ProfileCard';
import { TwoStepCard } from './TwoStepCard';

export function AccountPage() {
  const { t } = useI18n();
  const view = useSessionView();
  const { setView } = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <ProfileCard />
            <TwoStepCard />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="lg" bg="white">
              <Stack gap="sm">
                <Title order={4}>{t('account.password.title')}</Title>
                <Text fz="sm" c="dimmed">
                  {t('account.password.hint')}
                </Text>
                <ChangePasswordForm
                  username={view.staff.username}
                  currentLabel="password.current"
                  submitLabel="account.password.submit"
                  onChanged={(next) => {
                    setView(next);
                    notifications.show({ color: 'teal', message: t('account.password.done') });
                  }}
                />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="lg" bg="white">
              <Stack gap="sm">
                <Title order={4}>{t('account.language.title')}</Title>
                <Text fz="sm" c="dimmed">
                  {t('account.language.hint')}
                </Text>
                <div>
                  <LanguageSwitch size="sm" />
                </div>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
