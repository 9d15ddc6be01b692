import { describe, expect, it } from 'vitest';
import {
  type WorkingCalendar,
  addCalendarDays,
  addWorkingDays,
  civilDate,
  isIsoDate,
  isWorkingDay,
  workingDaysBetween,
} from '../../src/shared/calendar/working-days';
import { deadlineStanding } from '../../src/shared/calendar/deadline';
import { academicYearSpan, vacationIssues } from '../../src/shared/calendar/calendar-issues';

const PLAIN: WorkingCalendar = { holidays: [] };
/** National Day week 2026 (Thu 1 Oct - Wed 7 Oct) with a make-up working Saturday on 10 Oct. */
const NATIONAL_DAY: WorkingCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-10-10'],
};

describe('working days', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(() => addWorkingDays('2026-02-30', 1, PLAIN)).toThrow(RangeError);
  });

  it('skips weekends: Monday + 3 is Thursday, Friday + 3 is Wednesday, Saturday + 3 is Wednesday', () => {
    expect(addWorkingDays('2026-11-23', 3, PLAIN)).toBe('2026-11-26');
    expect(addWorkingDays('2026-11-27', 3, PLAIN)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-28', 3, PLAIN)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-28', 0, PLAIN)).toBe('2026-11-28');
    expect(addWorkingDays('2026-11-30', -1, PLAIN)).toBe('2026-11-27');
  });

  it('skips holidays and counts make-up working days', () => {
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-11', NATIONAL_DAY)).toBe(false);
    // Approved Wed 30 Sep: Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (make-up day).
    expect(addWorkingDays('2026-09-30', 3, NATIONAL_DAY)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3, PLAIN)).toBe('2026-10-05');
  });

  it('takes another weekend when told', () => {
    const fridayOff: WorkingCalendar = { holidays: [], weekend: [5, 6] };
    expect(isWorkingDay('2026-11-29', fridayOff)).toBe(true);
    expect(addWorkingDays('2026-11-26', 1, fridayOff)).toBe('2026-11-29');
  });

  it('counts working days in (from, to], negative backwards, inverse of addWorkingDays', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-26', PLAIN)).toBe(3);
    expect(workingDaysBetween('2026-11-26', '2026-11-23', PLAIN)).toBe(-3);
    expect(workingDaysBetween('2026-11-27', '2026-11-29', PLAIN)).toBe(0);
    expect(workingDaysBetween('2026-11-26', '2026-11-26', PLAIN)).toBe(0);
    for (const start of ['2026-09-26', '2026-09-30', '2026-10-03', '2026-10-09']) {
      for (let n = 0; n <= 12; n++) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, NATIONAL_DAY), NATIONAL_DAY)).toBe(n);
      }
    }
  });

  it('closes vacations entirely: weekdays and make-up days inside them are not worked', () => {
    const winter: WorkingCalendar = { ...NATIONAL_DAY, closed: [{ from: '2027-01-18', to: '2027-02-26' }] };
    expect(isWorkingDay('2027-01-15', winter)).toBe(true);
    expect(isWorkingDay('2027-01-18', winter)).toBe(false);
    expect(isWorkingDay('2027-02-26', winter)).toBe(false);
    expect(isWorkingDay('2027-03-01', winter)).toBe(true);
    const withMakeUp: WorkingCalendar = { holidays: [], workdays: ['2027-02-20'], closed: [{ from: '2027-01-18', to: '2027-02-26' }] };
    expect(isWorkingDay('2027-02-20', withMakeUp)).toBe(false);
    // Thu 14 Jan + 7: Fri 15 Jan, then Mon 1 Mar to Fri 5 Mar, then Mon 8 Mar.
    expect(addWorkingDays('2027-01-14', 7, winter)).toBe('2027-03-08');
    expect(workingDaysBetween('2027-01-14', '2027-03-08', winter)).toBe(7);
    expect(addWorkingDays('2027-01-14', 7, NATIONAL_DAY)).toBe('2027-01-25');
  });

  it('places a deadline and says how far it is, overdue by at least one working day after it', () => {
    const winter: WorkingCalendar = { holidays: [], closed: [{ from: '2027-01-18', to: '2027-02-26' }] };
    expect(deadlineStanding('2027-01-14', 7, '2027-01-14', winter)).toEqual({ dueOn: '2027-03-08', workingDaysLeft: 7, overdue: false });
    expect(deadlineStanding('2027-01-14', 7, '2027-02-10', winter)).toEqual({ dueOn: '2027-03-08', workingDaysLeft: 6, overdue: false });
    expect(deadlineStanding('2027-01-14', 7, '2027-03-08', winter)).toEqual({ dueOn: '2027-03-08', workingDaysLeft: 0, overdue: false });
    expect(deadlineStanding('2027-03-04', 2, '2027-03-13', PLAIN)).toEqual({ dueOn: '2027-03-08', workingDaysLeft: -4, overdue: true });
    expect(deadlineStanding('2027-03-03', 2, '2027-03-06', PLAIN)).toEqual({ dueOn: '2027-03-05', workingDaysLeft: -1, overdue: true });
  });

  it('checks vacations: academic year, order, bounds, overlap, one of each kind a year', () => {
    expect(academicYearSpan('2026-2027')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(academicYearSpan('2026-2028')).toBeNull();
    const ok = { academicYear: '2026-2027', kind: 'winter' as const, from: '2027-01-18', to: '2027-02-26' };
    const summer = { academicYear: '2026-2027', kind: 'summer' as const, from: '2027-07-05', to: '2027-08-31' };
    expect(vacationIssues([ok, summer])).toEqual([]);
    const reasons = (v: Parameters<typeof vacationIssues>[0]) => vacationIssues(v).map((i) => `${i.path}:${i.reason}`);
    expect(reasons([{ ...ok, academicYear: '2026' }])).toEqual(['vacations.0.academicYear:academic_year']);
    expect(reasons([{ ...ok, to: '2027-01-01' }])).toEqual(['vacations.0.to:before_start']);
    expect(reasons([{ ...ok, from: '2027-02-30' }])).toEqual(['vacations.0.from:not_a_date']);
    expect(reasons([{ ...summer, to: '2027-09-05' }])).toEqual(['vacations.0.from:outside_year']);
    expect(reasons([ok, { ...ok }])).toEqual(['vacations.1.kind:duplicate']);
    expect(reasons([ok, { ...summer, from: '2027-02-20' }])).toEqual(['vacations.1.from:overlap']);
  });

  it('refuses a calendar without working days instead of looping', () => {
    expect(() => addWorkingDays('2026-11-23', 1, { holidays: [], weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
  });

  it('reads the civil date on campus (UTC+8), across month and year ends', () => {
    expect(civilDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(civilDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(civilDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(civilDate(new Date('2026-12-31T16:30:00Z'), 0)).toBe('2026-12-31');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
