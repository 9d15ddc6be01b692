import { ActionIcon, Alert, Button, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { VACATION_KINDS, type Vacation, type VacationKind } from '../../../../shared/calendar/calendar-issues';
import type { VerificationCalendar, VerificationSettings } from '../../../../shared/contract/verification';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { FormSection } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';
import { CalendarLists, parse, toText } from '../clients/CalendarLists';
import { useClientFormErrors } from '../clients/client-errors';
import { MonthView } from './MonthView';

const FIELDS = ['holidays', 'workdays', 'vacations'];
const SETTINGS_FIELDS = ['uploadMaxBytes', 'purgeAfterDays'];
const MiB = 1024 * 1024;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The upload size limit and the purge delay: desk settings, shown here where the verification calendar is kept. */
function UploadSettings() {
  const { t } = useI18n();
  const canEdit = useSessionView().staff.permissions.includes('settings.manage');
  const [settings, setSettings] = useState<VerificationSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(SETTINGS_FIELDS);
  useEffect(() => {
    call('verification.settings', {}).then(setSettings, errors.report);
  }, [errors.report]);
  if (!settings) return null;
  async function save() {
    errors.clear();
    setBusy(true);
    try {
      setSettings(await call('verification.updateSettings', settings!));
      notifications.show({ color: 'teal', message: t('calendar.settings.saved') });
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder radius="md" p="lg" bg="white">
      <FormSection title={t('calendar.settings')}>
        {!canEdit && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
            {t('calendar.settings.readOnly')}
          </Alert>
        )}
        <FormAlert message={errors.formError} />
        <NumberInput
          label={t('calendar.settings.maxMiB')}
          value={settings.uploadMaxBytes / MiB}
          onChange={(v) => setSettings({ ...settings, uploadMaxBytes: Math.round(Number(v) * MiB) })}
          error={errors.fieldError('uploadMaxBytes')}
          min={0.25}
          max={8}
          step={0.5}
          decimalScale={2}
          readOnly={!canEdit}
        />
        <NumberInput
          label={t('calendar.settings.purgeDays')}
          value={settings.purgeAfterDays}
          onChange={(v) => setSettings({ ...settings, purgeAfterDays: Number(v) })}
          error={errors.fieldError('purgeAfterDays')}
          min={1}
          max={365}
          allowDecimal={false}
          readOnly={!canEdit}
        />
        {canEdit && (
          <Group justify="flex-end">
            <Button variant="light" loading={busy} onClick={() => void save()}>
              {t('calendar.settings.save')}
            </Button>
          </Group>
        )}
      </FormSection>
    </Paper>
  );
}

/** Holidays, make-up days and the schools' vacations per academic year, with a month view of what counts as a working day. */
export function CalendarPage() {
  const { t } = useI18n();
  const [holidays, setHolidays] = useState<string | null>(null);
  const [workdays, setWorkdays] = useState('');
  const [vacations, setVacations] = useState<Vacation[]>([]);
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [busy, setBusy] = useState(false);
  const errors = useClientFormErrors(FIELDS);
  const { report } = errors;

  useEffect(() => {
    call('calendar.get', {}).then((c) => {
      setHolidays(toText(c.holidays));
      setWorkdays(toText(c.workdays));
      setVacations(c.vacations);
    }, report);
  }, [report]);

  const current: VerificationCalendar = { holidays: parse(holidays ?? ''), workdays: parse(workdays), vacations };
  const setVacation = (index: number, patch: Partial<Vacation>) => {
    setVacations((list) => list.map((v, i) => (i === index ? { ...v, ...patch } : v)));
    errors.setFieldError('vacations', null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const saved = await call('calendar.save', current);
      setVacations(saved.vacations);
      notifications.show({ color: 'teal', message: t('calendar.saved') });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  }

  const vacationErrors = errors.entryErrors('vacations');
  const year = new Date().getFullYear();
  return (
    <>
      <PageHeader title={t('calendar.title')} description={t('calendar.description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="lg" bg="white">
            <form onSubmit={(e) => void submit(e)} noValidate data-testid="verification-calendar-form">
              <Stack gap="lg">
                <FormAlert message={errors.formError} />
                <FormSection title={t('calendar.vacations')}>
                  <Text fz="sm" c="dimmed">
                    {t('calendar.vacationsHint')}
                  </Text>
                  {vacations.map((v, i) => (
                    <Stack key={i} gap={2} data-testid="vacation-row">
                      <Group gap="xs" align="flex-end" wrap="nowrap">
                        <TextInput label={t('calendar.vacation.year')} value={v.academicYear} onChange={(e) => setVacation(i, { academicYear: e.currentTarget.value })} w={120} placeholder="2026-2027" />
                        <Select
                          label={t('calendar.vacation.kind')}
                          data={VACATION_KINDS.map((k) => ({ value: k, label: t(`calendar.vacation.${k}`) }))}
                          value={v.kind}
                          onChange={(k) => k && setVacation(i, { kind: k as VacationKind })}
                          allowDeselect={false}
                          w={110}
                        />
                        <TextInput type="date" label={t('calendar.vacation.from')} value={v.from} onChange={(e) => setVacation(i, { from: e.currentTarget.value })} w={160} />
                        <TextInput type="date" label={t('calendar.vacation.to')} value={v.to} onChange={(e) => setVacation(i, { to: e.currentTarget.value })} w={160} />
                        <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('calendar.vacation.remove')} onClick={() => setVacations((list) => list.filter((_, j) => j !== i))}>
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Group>
                      {vacationErrors.get(i) && (
                        <Text fz="xs" c="red" data-testid="vacation-error">
                          {vacationErrors.get(i)}
                        </Text>
                      )}
                    </Stack>
                  ))}
                  <Group>
                    <Button
                      variant="light"
                      size="xs"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setVacations((list) => [...list, { academicYear: `${year}-${year + 1}`, kind: 'winter', from: '', to: '' }])}
                      disabled={holidays === null}
                      data-testid="vacation-add"
                    >
                      {t('calendar.vacation.add')}
                    </Button>
                  </Group>
                </FormSection>
                {holidays !== null && (
                  <CalendarLists
                    value={{ holidays, workdays }}
                    onChange={(list, value) => (list === 'holidays' ? setHolidays : setWorkdays)(value)}
                    errors={errors}
                    texts="calendar"
                    testIdPrefix="vcal"
                    columns
                  />
                )}
                <Group justify="flex-end">
                  <Button type="submit" loading={busy} disabled={holidays === null} data-testid="calendar-save">
                    {t('calendar.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="lg" bg="white">
              <Group justify="space-between" mb="sm">
                <ActionIcon variant="default" onClick={() => setMonth((m) => shiftMonth(m, -1))} aria-label={t('calendar.prevMonth')} data-testid="month-prev">
                  <IconChevronLeft size={16} />
                </ActionIcon>
                <Text fw={700} data-testid="month-label">
                  {month}
                </Text>
                <ActionIcon variant="default" onClick={() => setMonth((m) => shiftMonth(m, 1))} aria-label={t('calendar.nextMonth')} data-testid="month-next">
                  <IconChevronRight size={16} />
                </ActionIcon>
              </Group>
              <MonthView month={month} calendar={current} />
            </Paper>
            <UploadSettings />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
