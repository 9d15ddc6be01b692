import { Badge, Button, Center, Group, Loader, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { DeskSettings } from '../../../../shared/contract/settings';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSession, useSessionView } from '../../session/SessionProvider';
import { StoreBackupCard } from '../backup/StoreBackupCard';
import { NotifySettingsCard } from '../outbox/NotifySettingsCard';

const FIELDS = ['idleLockSeconds', 'totpRequiredForAll'];
const MINUTES = { min: 1, max: 60 };

export function SettingsPage() {
  const { t } = useI18n();
  const view = useSessionView();
  const { refresh } = useSession();
  const canManage = view.staff.permissions.includes('settings.manage');
  const [saved, setSaved] = useState<DeskSettings | null>(null);
  const [minutes, setMinutes] = useState<number | string>(5);
  const [totpForAll, setTotpForAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const { report } = errors;

  useEffect(() => {
    call('settings.get', {}).then((s) => {
      setSaved(s);
      setMinutes(Math.round(s.idleLockSeconds / 60));
      setTotpForAll(s.totpRequiredForAll);
    }, report);
  }, [report]);

  const minutesValid = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= MINUTES.min && minutes <= MINUTES.max;
  const changed = saved !== null && (minutes !== Math.round(saved.idleLockSeconds / 60) || totpForAll !== saved.totpRequiredForAll);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!minutesValid) {
      errors.setFieldError('idleLockSeconds', t('settings.idleLock.range'));
      return;
    }
    setBusy(true);
    try {
      const next = await call('settings.update', { idleLockSeconds: minutes * 60, totpRequiredForAll: totpForAll });
      setSaved(next);
      notifications.show({ color: 'teal', message: t('settings.saved') });
      await refresh();
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Paper withBorder radius="md" p="xl" maw={760} bg="white">
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="settings-form">
          <Stack gap="lg">
            <Group justify="space-between">
              <Title order={4}>{t('settings.desk.title')}</Title>
              {!canManage && (
                <Badge color="gray" variant="light" leftSection={<IconLock size={12} />} styles={{ label: { textTransform: 'none' } }}>
                  {t('settings.readOnly')}
                </Badge>
              )}
            </Group>
            {!canManage && (
              <Text fz="sm" c="dimmed">
                {t('settings.readOnlyHint')}
              </Text>
            )}
            <FormAlert message={errors.formError} />
            {saved === null && !errors.formError ? (
              <Center py="lg">
                <Loader size="sm" />
              </Center>
            ) : (
              <>
                <NumberInput
                  label={t('settings.idleLock.label')}
                  description={t('settings.idleLock.hint')}
                  value={minutes}
                  onChange={setMinutes}
                  min={MINUTES.min}
                  max={MINUTES.max}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  rightSection={<Text fz="xs" c="dimmed" pr="sm">{t('settings.idleLock.unit')}</Text>}
                  rightSectionWidth={60}
                  error={errors.fieldError('idleLockSeconds')}
                  disabled={!canManage}
                  maw={320}
                  data-testid="idle-minutes"
                />
                <Switch
                  label={t('settings.totpForAll.label')}
                  description={t('settings.totpForAll.hint')}
                  checked={totpForAll}
                  onChange={(e) => setTotpForAll(e.currentTarget.checked)}
                  error={errors.fieldError('totpRequiredForAll')}
                  disabled={!canManage}
                />
                {canManage && (
                  <Group justify="flex-end">
                    <Button type="submit" loading={busy} disabled={!changed}>
                      {t('common.save')}
                    </Button>
                  </Group>
                )}
              </>
            )}
          </Stack>
        </form>
      </Paper>
      {canManage && <NotifySettingsCard />}
      {view.staff.permissions.includes('backup.manage') && <StoreBackupCard />}
    </>
  );
}
