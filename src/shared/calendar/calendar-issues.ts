import type { FieldIssue } from '../errors';
import { type IsoDate, addCalendarDays, isIsoDate } from './working-days';

export const VACATION_KINDS = ['winter', 'summer'] as const;
export type VacationKind = (typeof VACATION_KINDS)[number];

/** A school vacation: an inclusive range of dates within one academic year (`2026-2027`: 1 September 2026 to 31 August 2027). */
export interface Vacation {
  academicYear: string;
  kind: VacationKind;
  from: IsoDate;
  to: IsoDate;
}

const ACADEMIC_YEAR = /^(\d{4})-(\d{4})$/;

/** The first and last date of an academic year, or null when `year` is not written `2026-2027`. */
export function academicYearSpan(year: string): { from: IsoDate; to: IsoDate } | null {
  const m = ACADEMIC_YEAR.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return { from: `${m[1]}-09-01`, to: addCalendarDays(`${m[2]}-09-01`, -1) };
}

/** Holidays and make-up working days: real dates, each listed once. */
export function calendarIssues(input: { holidays: { date: string }[]; workdays: { date: string }[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const field of ['holidays', 'workdays'] as const) {
    input[field].forEach((entry, index) => {
      const path = `${field}.${index}.date`;
      if (!isIsoDate(entry.date)) issues.push({ path, reason: 'not_a_date', message: `${entry.date} is not a date`, params: { index } });
      else if (seen.has(entry.date)) issues.push({ path, reason: 'duplicate', message: `${entry.date} is listed twice`, params: { index } });
      seen.add(entry.date);
    });
  }
  return issues;
}

/** Vacations: real dates in order, inside their academic year, one of each kind a year, none overlapping another. */
export function vacationIssues(vacations: readonly Vacation[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (index: number, field: string, reason: string, message: string) =>
    issues.push({ path: `vacations.${index}.${field}`, reason, message, params: { index } });
  const valid: { index: number; from: IsoDate; to: IsoDate }[] = [];
  const kinds = new Set<string>();
  vacations.forEach((v, index) => {
    const span = academicYearSpan(v.academicYear);
    if (!span) return issue(index, 'academicYear', 'academic_year', `${v.academicYear} is not an academic year like 2026-2027`);
    if (kinds.has(`${v.academicYear}/${v.kind}`)) return issue(index, 'kind', 'duplicate', `${v.academicYear} has two ${v.kind} vacations`);
    kinds.add(`${v.academicYear}/${v.kind}`);
    if (!isIsoDate(v.from)) return issue(index, 'from', 'not_a_date', `${v.from} is not a date`);
    if (!isIsoDate(v.to)) return issue(index, 'to', 'not_a_date', `${v.to} is not a date`);
    if (v.to < v.from) return issue(index, 'to', 'before_start', 'the last day is before the first');
    if (v.from < span.from || v.to > span.to) {
      return issue(index, 'from', 'outside_year', `the vacation is not within ${span.from} to ${span.to}`);
    }
    const clash = valid.find((o) => v.from <= o.to && o.from <= v.to);
    if (clash) return issue(index, 'from', 'overlap', 'overlaps another vacation');
    valid.push({ index, from: v.from, to: v.to });
  });
  return issues;
}
