import { Badge, Button, Center, Group, Loader, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { type DeskSettings, LOOKUP_BUDGET_LIMITS, LOOKUP_WINDOW_LIMITS } from '../../../../shared/contract/settings';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSession, useSessionView } from '../../session/SessionProvider';
import { StoreBackupCard } from '../backup/StoreBackupCard';
import { NotifySettingsCard } from '../outbox/NotifySettingsCard';

const FIELDS = ['idleLockSeconds', 'totpRequiredForAll', 'piiLookupBudget', 'piiLookupWindowMinutes'];
const MINUTES = { min: 1, max: 60 };

export function SettingsPage() {
  const { t } = useI18n();
  const view = useSessionView();
  const { refresh } = useSession();
  const canManage = view.staff.permissions.includes('settings.manage');
  const [saved, setSaved] = useState<DeskSettings | null>(null);
  const [minutes, setMinutes] = useState<number | string>(5);
  const [totpForAll, setTotpForAll] = useState(false);
  const [budget, setBudget] = useState<number | string>(60);
  const [budgetMinutes, setBudgetMinutes] = useState<number | string>(10);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const { report } = errors;

  useEffect(() => {
    call('settings.get', {}).then((s) => {
      setSaved(s);
      setMinutes(Math.round(s.idleLockSeconds / 60));
      setTotpForAll(s.totpRequiredForAll);
      setBudget(s.piiLookupBudget);
      setBudgetMinutes(s.piiLookupWindowMinutes);
    }, report);
  }, [report]);

  const within = (value: number | string, range: { min: number; max: number }): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
  const changed =
    saved !== null &&
    (minutes !== Math.round(saved.idleLockSeconds / 60) ||
      totpForAll !== saved.totpRequiredForAll ||
      budget !== saved.piiLookupBudget ||
      budgetMinutes !== saved.piiLookupWindowMinutes);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const problems: [string, string][] = [];
    if (!within(minutes, MINUTES)) problems.push(['idleLockSeconds', t('settings.idleLock.range')]);
    if (!within(budget, LOOKUP_BUDGET_LIMITS)) problems.push(['piiLookupBudget', t('settings.lookupBudget.range', LOOKUP_BUDGET_LIMITS)]);
    if (!within(budgetMinutes, LOOKUP_WINDOW_LIMITS)) problems.push(['piiLookupWindowMinutes', t('settings.lookupWindow.range', LOOKUP_WINDOW_LIMITS)]);
    if (problems.length) {
      for (const [field, message] of problems) errors.setFieldError(field, message);
      return;
    }
    setBusy(true);
    try {
      const next = await call('settings.update', {
        idleLockSeconds: (minutes as number) * 60,
        totpRequiredForAll: totpForAll,
        piiLookupBudget: budget as number,
        piiLookupWindowMinutes: budgetMinutes as number,
      });
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
                <Group align="flex-start" gap="lg">
                  <NumberInput
                    label={t('settings.lookupBudget.label')}
                    description={t('settings.lookupBudget.hint', LOOKUP_BUDGET_LIMITS)}
                    value={budget}
                    onChange={setBudget}
                    min={LOOKUP_BUDGET_LIMITS.min}
                    max={LOOKUP_BUDGET_LIMITS.max}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    rightSection={<Text fz="xs" c="dimmed" pr="sm">{t('settings.lookupBudget.unit')}</Text>}
                    rightSectionWidth={60}
                    error={errors.fieldError('piiLookupBudget')}
                    disabled={!canManage}
                    w={320}
                    data-testid="lookup-budget"
                  />
                  <NumberInput
                    label={t('settings.lookupWindow.label')}
                    description={t('settings.lookupWindow.hint', LOOKUP_WINDOW_LIMITS)}
                    value={budgetMinutes}
                    onChange={setBudgetMinutes}
                    min={LOOKUP_WINDOW_LIMITS.min}
                    max={LOOKUP_WINDOW_LIMITS.max}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    rightSection={<Text fz="xs" c="dimmed" pr="sm">{t('settings.idleLock.unit')}</Text>}
                    rightSectionWidth={60}
                    error={errors.fieldError('piiLookupWindowMinutes')}
                    disabled={!canManage}
                    w={260}
                    data-testid="lookup-window"
                  />
                </Group>
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
