import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { WorkingCalendarView } from '../../shared/contract/clients';
import type { Queryable } from '../store/database';
import { calendarRows, replaceCalendarRows } from './working-calendar-repository';

/** The desk's working calendar: public holidays and make-up working days, as admins entered them. */
export async function readWorkingCalendar(db: Queryable): Promise<WorkingCalendarView> {
  const rows = await calendarRows(db);
  return {
    holidays: rows.filter((r) => r.kind === 'holiday').map((r) => ({ date: r.date, name: r.name })),
    workdays: rows.filter((r) => r.kind === 'workday').map((r) => ({ date: r.date, name: r.name })),
  };
}

export function toCalendar(view: WorkingCalendarView): WorkingCalendar {
  return { holidays: view.holidays.map((h) => h.date), workdays: view.workdays.map((w) => w.date) };
}

/** Replaces the whole calendar (one transaction: the caller's). */
export async function writeWorkingCalendar(tx: Queryable, view: WorkingCalendarView): Promise<void> {
  await replaceCalendarRows(tx, [
    ...view.holidays.map((h) => ({ date: h.date, kind: 'holiday' as const, name: h.name })),
    ...view.workdays.map((w) => ({ date: w.date, kind: 'workday' as const, name: w.name })),
  ]);
}
