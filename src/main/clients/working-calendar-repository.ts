import type { Queryable } from '../store/database';

/** The SQL of the working calendar: one row per date, a public holiday or a make-up working day. */

export interface CalendarRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export function calendarRows(db: Queryable): Promise<CalendarRow[]> {
  return db.all<CalendarRow>('SELECT date, kind, name FROM working_calendar ORDER BY date');
}

/** Replaces the whole calendar, in the caller's transaction. */
export async function replaceCalendarRows(tx: Queryable, rows: readonly CalendarRow[]): Promise<void> {
  await tx.run('DELETE FROM working_calendar');
  for (const row of rows) await tx.run('INSERT INTO working_calendar (date, kind, name) VALUES (?,?,?)', [row.date, row.kind, row.name]);
}
