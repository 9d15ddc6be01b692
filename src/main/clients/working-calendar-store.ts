import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { WorkingCalendarView } from '../../shared/contract/clients';
import type { Queryable } from '../store/database';

/** The desk's working calendar: public holidays and make-up working days, as admins entered them. */
export async function readWorkingCalendar(db: Queryable): Promise<WorkingCalendarView> {
  const rows = await db.all<{ date: string; kind: 'holiday' | 'workday'; name: string }>(
    'SELECT date, kind, name FROM working_calendar ORDER BY date',
  );
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
  await tx.run('DELETE FROM working_calendar');
  for (const [kind, entries] of [['holiday', view.holidays] as const, ['workday', view.workdays] as const]) {
    for (const entry of entries) {
      await tx.run('INSERT INTO working_calendar (date, kind, name) VALUES (?,?,?)', [entry.date, kind, entry.name]);
    }
  }
}
