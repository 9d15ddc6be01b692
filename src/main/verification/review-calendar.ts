import type { Vacation } from '../../shared/calendar/calendar-issues';
import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { VerificationCalendar } from '../../shared/contract/verification';
import { readWorkingCalendar, toCalendar, writeWorkingCalendar } from '../clients/working-calendar-store';
import type { Queryable } from '../store/database';

export async function readVacations(db: Queryable): Promise<Vacation[]> {
  const rows = await db.all<{ academic_year: string; kind: Vacation['kind']; starts_on: string; ends_on: string }>(
    'SELECT academic_year, kind, starts_on, ends_on FROM academic_vacations ORDER BY starts_on',
  );
  return rows.map((r) => ({ academicYear: r.academic_year, kind: r.kind, from: r.starts_on, to: r.ends_on }));
}

/** The desk's holidays and make-up days, plus the schools' vacations. */
export async function readVerificationCalendar(db: Queryable): Promise<VerificationCalendar> {
  const [days, vacations] = await Promise.all([readWorkingCalendar(db), readVacations(db)]);
  return { ...days, vacations };
}

/** What the review deadline counts on: the desk's working calendar with the vacations closed. */
export async function reviewCalendar(db: Queryable): Promise<WorkingCalendar> {
  const calendar = await readVerificationCalendar(db);
  return { ...toCalendar(calendar), closed: calendar.vacations.map((v) => ({ from: v.from, to: v.to })) };
}

/** Replaces holidays, make-up days and vacations in the caller's transaction. */
export async function writeVerificationCalendar(tx: Queryable, calendar: VerificationCalendar): Promise<void> {
  await writeWorkingCalendar(tx, { holidays: calendar.holidays, workdays: calendar.workdays });
  await tx.run('DELETE FROM academic_vacations');
  for (const v of calendar.vacations) {
    await tx.run('INSERT INTO academic_vacations (academic_year, kind, starts_on, ends_on) VALUES (?,?,?,?)', [
      v.academicYear,
      v.kind,
      v.from,
      v.to,
    ]);
  }
}
