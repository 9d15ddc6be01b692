import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { WorkingCalendarView } from '../../shared/contract/clients';
import type { Repositories } from '../repositories';

/** The desk's working calendar: public holidays and make-up working days, as admins entered them. */
export async function readWorkingCalendar(repos: Repositories): Promise<WorkingCalendarView> {
  const rows = await repos.calendar.calendarRows();
  return {
    holidays: rows.filter((r) => r.kind === 'holiday').map((r) => ({ date: r.date, name: r.name })),
    workdays: rows.filter((r) => r.kind === 'workday').map((r) => ({ date: r.date, name: r.name })),
  };
}

export function toCalendar(view: WorkingCalendarView): WorkingCalendar {
  return { holidays: view.holidays.map((h) => h.date), workdays: view.workdays.map((w) => w.date) };
}

/** Replaces the whole calendar (one transaction: the caller's). */
export async function writeWorkingCalendar(repos: Repositories, view: WorkingCalendarView): Promise<void> {
  await repos.calendar.replaceCalendarRows([
    ...view.holidays.map((h) => ({ date: h.date, kind: 'holiday' as const, name: h.name })),
    ...view.workdays.map((w) => ({ date: w.date, kind: 'workday' as const, name: w.name })),
  ]);
}
