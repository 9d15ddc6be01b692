import { type IsoDate, type WorkingCalendar, addWorkingDays, workingDaysBetween } from './working-days';

/** Where a case stands against a deadline of `workingDays` working days from `start`. */
export interface DeadlineStanding {
  dueOn: IsoDate;
  /** Working days left until the due date; negative: working days late. */
  workingDaysLeft: number;
  overdue: boolean;
}

export function deadlineStanding(start: IsoDate, workingDays: number, today: IsoDate, calendar: WorkingCalendar): DeadlineStanding {
  const dueOn = addWorkingDays(start, workingDays, calendar);
  if (today <= dueOn) return { dueOn, workingDaysLeft: workingDaysBetween(today, dueOn, calendar), overdue: false };
  // A day off right after the due date is still overdue: at least one working day late.
  return { dueOn, workingDaysLeft: -Math.max(1, workingDaysBetween(dueOn, today, calendar)), overdue: true };
}
