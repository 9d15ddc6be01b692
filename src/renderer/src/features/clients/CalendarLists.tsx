import { Grid } from '@mantine/core';
import type { WorkingCalendarView } from '../../../../shared/contract/clients';
import { useI18n } from '../../i18n';
import { LinesInput, toLines } from './LinesInput';

type Entry = WorkingCalendarView['holidays'][number];
export type CalendarList = 'holidays' | 'workdays';

export const toText = (entries: Entry[]) => entries.map((e) => (e.name ? `${e.date} ${e.name}` : e.date)).join('\n');

/** `2026-10-01 国庆节` -> { date, name }; the desk checks the date. */
export function parse(text: string): Entry[] {
  return toLines(text).entries.map((line) => {
    const [date = '', ...name] = line.split(/\s+/);
    return { date, name: name.join(' ').slice(0, 64) };
  });
}

const PLACEHOLDERS: Record<CalendarList, string> = {
  holidays: '2026-10-01 国庆节',
  workdays: '2026-10-10 国庆节调休',
};

/** What the editor needs of a form's errors (`useClientFormErrors`): each list's messages, and clearing them on an edit. */
interface ListErrors {
  entryErrors: (field: string) => Map<number, string>;
  fieldError: (field: string) => string | undefined;
  setFieldError: (field: string, message: string | null) => void;
}

/**
 * The public holidays and the make-up working days, one date a line with an optional name:
 * side by side in two columns (`columns`), or one under the other. Texts come from the
 * `<texts>.holidays`, `<texts>.holidaysHint`, `<texts>.workdays` and `<texts>.workdaysHint` messages.
 */
export function CalendarLists(props: {
  value: Record<CalendarList, string>;
  onChange: (list: CalendarList, value: string) => void;
  errors: ListErrors;
  texts: 'calendar' | 'clients.calendar';
  /** Test ids are `<testIdPrefix>-holidays` and `<testIdPrefix>-workdays`. */
  testIdPrefix: string;
  readOnly?: boolean;
  columns?: boolean;
}) {
  const { t } = useI18n();
  const { errors, texts } = props;
  const editor = (list: CalendarList) => (
    <LinesInput
      label={t(`${texts}.${list}` as const)}
      description={t(`${texts}.${list}Hint` as const)}
      value={props.value[list]}
      onChange={(value) => {
        props.onChange(list, value);
        errors.setFieldError(list, null);
      }}
      entryErrors={errors.entryErrors(list)}
      fieldError={errors.fieldError(list)}
      placeholder={PLACEHOLDERS[list]}
      readOnly={props.readOnly}
      testId={`${props.testIdPrefix}-${list}`}
    />
  );
  if (!props.columns) {
    return (
      <>
        {editor('holidays')}
        {editor('workdays')}
      </>
    );
  }
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>{editor('holidays')}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>{editor('workdays')}</Grid.Col>
    </Grid>
  );
}
