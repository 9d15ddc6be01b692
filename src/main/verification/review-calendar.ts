import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { VerificationCalendar } from '../../shared/contract/verification';
import { readWorkingCalendar, toCalendar, writeWorkingCalendar } from '../clients/working-calendar-store';
import type { Queryable } from '../store/database';
import { readVacations, replaceVacations } from './academic-vacation-repository';

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
  await replaceVacations(tx, calendar.vacations);
}
