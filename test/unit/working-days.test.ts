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
