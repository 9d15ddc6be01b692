import { Anchor, Avatar, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock, IconMapPin } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/client';
import { DESK_NAMES } from '../components/desk-names';
import { FormAlert } from '../components/FormAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ProductMark } from '../components/ProductMark';
import { useFormErrors } from '../components/use-form-errors';
import { useI18n } from '../i18n';
import { describeError } from '../i18n/describe-error';
import { useSession, useSessionView } from '../session/SessionProvider';
import { useSignOut } from '../session/use-sign-out';

const FIELDS = ['password'];

/**
 * Replaces the whole console while the workstation is locked: nothing of the data stays in the
 * page, only who is signed in and where. The password lifts it; "sign out" ends the session instead.
 */
export function LockScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const view = useSessionView();
  const { setView, lockedBy } = useSession();
  const { signOut } = useSignOut();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const desk = DESK_NAMES[view.desk];

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      setView(await call('auth.unlock', { password }));
    } catch (err) {
      errors.report(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box
      data-testid="lock-screen"
      pos="fixed"
      inset={0}
      style={{ zIndex: 1000, display: 'flex', flexDirection: 'column', background: 'linear-gradient(160deg, #0b2a4a 0%, #123c66 55%, #0e5a73 100%)' }}
    >
      <Group justify="space-between" p="md">
        <Box c="white">
          <ProductMark />
        </Box>
        <LanguageSwitch />
      </Group>
      <Center style={{ flex: 1 }} px="md" pb="xl">
        <Paper radius="lg" p={32} w="100%" maw={440} shadow="xl">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="md" align="stretch">
              <Stack gap="xs" align="center">
                <ThemeIcon size={48} radius="xl" variant="light">
                  <IconLock size={26} />
                </ThemeIcon>
                <Title order={3} fz={20}>
                  {t('lock.title')}
                </Title>
                <Text c={lockedBy ? 'orange.8' : 'dimmed'} fz="sm" ta="center" data-testid="lock-reason">
                  {lockedBy ? describeError(lockedBy, i18n) : t('lock.intro')}
                </Text>
              </Stack>
              <Group gap="sm" wrap="nowrap" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
                <Avatar color="blue" radius="xl">
                  {view.staff.displayName.slice(0, 1).toUpperCase()}
                </Avatar>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600} fz="sm" truncate data-testid="lock-user">
                    {view.staff.displayName} ({view.staff.username})
                  </Text>
                  <Group gap={4} wrap="nowrap" align="flex-start" c="teal.8" data-testid="lock-desk">
                    <IconMapPin size={14} style={{ flexShrink: 0, marginTop: 2 }} />
                    <Text fz="xs" fw={500} c="teal.8">
                      {t(desk.campus)} · {t(desk.place)}
                    </Text>
                  </Group>
                </Stack>
              </Group>
              <FormAlert message={errors.formError} />
              <PasswordInput
                label={t('lock.password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.fieldError('password')}
                autoComplete="current-password"
                autoFocus
                required
              />
              <Button type="submit" fullWidth loading={busy}>
                {t('lock.unlock')}
              </Button>
              <Text ta="center" fz="sm" c="dimmed">
                {t('lock.notYou')}{' '}
                <Anchor component="button" type="button" fz="sm" onClick={() => void signOut()} data-testid="lock-sign-out">
                  {t('lock.signOut')}
                </Anchor>
              </Text>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
