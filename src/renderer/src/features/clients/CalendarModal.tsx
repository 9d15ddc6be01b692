import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useClientFormErrors } from './client-errors';
import { CalendarLists, parse, toText } from './CalendarLists';

const FIELDS = ['holidays', 'workdays'];

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
            <CalendarLists
              value={{ holidays, workdays }}
              onChange={(list, value) => (list === 'holidays' ? setHolidays : setWorkdays)(value)}
              errors={errors}
              texts="clients.calendar"
              testIdPrefix="calendar"
              readOnly={!props.canEdit}
            />
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
