import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { WorkingCalendarView } from '../../../../shared/contract/clients';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useClientFormErrors } from './client-errors';
import { LinesInput, toLines } from './LinesInput';

const FIELDS = ['holidays', 'workdays'];
type Entry = WorkingCalendarView['holidays'][number];

const toText = (entries: Entry[]) => entries.map((e) => (e.name ? `${e.date} ${e.name}` : e.date)).join('\n');

/** `2026-10-01 国庆节` -> { date, name }; the desk checks the date. */
function parse(text: string): Entry[] {
  return toLines(text).entries.map((line) => {
    const [date = '', ...name] = line.split(/\s+/);
    return { date, name: name.join(' ').slice(0, 64) };
  });
}

/** The working calendar deadlines count on: public holidays and make-up working days. Editing it is a settings matter. */
export function CalendarModal(props: { canEdit: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [holidays, setHolidays] = useState<string | null>(null);
  const [workdays, setWorkdays] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useClientFormErrors(FIELDS);
  const { report } = errors;

  useEffect(() => {
    call('clients.calendar', {}).then((c) => {
      setHolidays(toText(c.holidays));
      setWorkdays(toText(c.workdays));
    }, report);
  }, [report]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await call('clients.setCalendar', { holidays: parse(holidays ?? ''), workdays: parse(workdays) });
      notifications.show({ color: 'teal', message: t('clients.calendar.saved') });
      props.onSaved();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={t('clients.calendar.title')} centered size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="calendar-form">
        <Stack gap="md">
          <Text fz="sm">{t('clients.calendar.intro')}</Text>
          {!props.canEdit && (
            <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
              {t('clients.calendar.readOnly')}
            </Alert>
          )}
          <FormAlert message={errors.formError} />
          {holidays === null ? (
            <Center py="md">
              <Loader size="sm" />
            </Center>
          ) : (
            <>
              <LinesInput
                label={t('clients.calendar.holidays')}
                description={t('clients.calendar.holidaysHint')}
                value={holidays}
                onChange={(value) => {
                  setHolidays(value);
                  errors.setFieldError('holidays', null);
                }}
                entryErrors={errors.entryErrors('holidays')}
                fieldError={errors.fieldError('holidays')}
                placeholder="2026-10-01 国庆节"
                readOnly={!props.canEdit}
                testId="calendar-holidays"
              />
              <LinesInput
                label={t('clients.calendar.workdays')}
                description={t('clients.calendar.workdaysHint')}
                value={workdays}
                onChange={(value) => {
                  setWorkdays(value);
                  errors.setFieldError('workdays', null);
                }}
                entryErrors={errors.entryErrors('workdays')}
                fieldError={errors.fieldError('workdays')}
                placeholder="2026-10-10 国庆节调休"
                readOnly={!props.canEdit}
                testId="calendar-workdays"
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {props.canEdit ? t('common.cancel') : t('clients.calendar.close')}
            </Button>
            {props.canEdit && (
              <Button type="submit" loading={busy} disabled={holidays === null}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
