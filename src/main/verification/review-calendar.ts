import type { WorkingCalendar } from '../../shared/calendar/working-days';
import type { VerificationCalendar } from '../../shared/contract/verification';
import { readWorkingCalendar, toCalendar, writeWorkingCalendar } from '../clients/working-calendar-store';
import type { Repositories } from '../repositories';

/** The desk's holidays and make-up days, plus the schools' vacations. */
export async function readVerificationCalendar(repos: Repositories): Promise<VerificationCalendar> {
  const [days, vacations] = await Promise.all([readWorkingCalendar(repos), repos.vacations.readVacations()]);
  return { ...days, vacations };
}

/** What the review deadline counts on: the desk's working calendar with the vacations closed. */
export async function reviewCalendar(repos: Repositories): Promise<WorkingCalendar> {
  const calendar = await readVerificationCalendar(repos);
  return { ...toCalendar(calendar), closed: calendar.vacations.map((v) => ({ from: v.from, to: v.to })) };
}

/** Replaces holidays, make-up days and vacations in the caller's transaction. */
export async function writeVerificationCalendar(repos: Repositories, calendar: VerificationCalendar): Promise<void> {
  await writeWorkingCalendar(repos, { holidays: calendar.holidays, workdays: calendar.workdays });
  await repos.vacations.replaceVacations(calendar.vacations);
}
