/**
 * Working days: the unit of the desk's service deadlines (the NIC answers an interface
 * application within 3 working days). Dates are civil dates (`YYYY-MM-DD`) in the campus's
 * time zone, so a deadline never shifts with the machine's zone. Pure functions.
 */

export type IsoDate = string;

export interface WorkingCalendar {
  /** Days of the week that are not worked, 0 = Sunday. Default: Saturday and Sunday. */
  weekend?: readonly number[];
  /** Dates off although they fall on a weekday (public holidays). */
  holidays: readonly IsoDate[];
  /** Dates worked although they fall on a weekend (the make-up working days around Chinese public holidays). */
  workdays?: readonly IsoDate[];
  /**
   * Inclusive date ranges not worked at all (the winter and summer vacations, for deadlines
   * that the schools keep). They win over make-up working days: nobody is on duty then.
   */
  closed?: readonly DateRange[];
}

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** Shanghai: UTC+8 all year, no daylight saving time. */
export const CAMPUS_UTC_OFFSET_MINUTES = 8 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Bounds a search through a calendar that, misconfigured, might have no working day at all. */
const MAX_SCAN_DAYS = 3660;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The civil date at `instant` in a zone `offsetMinutes` east of UTC (the campus's by default). */
export function civilDate(instant: Date, offsetMinutes = CAMPUS_UTC_OFFSET_MINUTES): IsoDate {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

interface Compiled {
  isWorking(day: number): boolean;
}

function compile(calendar: WorkingCalendar): Compiled {
  const weekend = new Set(calendar.weekend ?? [0, 6]);
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays ?? []);
  const closed = (calendar.closed ?? []).map((r) => [toDayNumber(r.from), toDayNumber(r.to)] as const);
  return {
    isWorking(day) {
      if (closed.some(([from, to]) => day >= from && day <= to)) return false;
      const date = fromDayNumber(day);
      if (workdays.has(date)) return true;
      if (holidays.has(date)) return false;
      // Day 0 (1970-01-01) was a Thursday.
      return !weekend.has((((day + 4) % 7) + 7) % 7);
    },
  };
}

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  return compile(calendar).isWorking(toDayNumber(date));
}

/**
 * The date on which `n` working days after `date` have passed: the `n`th working day after it
 * (`date` itself does not count, whether worked or not). With n = 0, `date` itself.
 * Negative `n` counts backwards.
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`a whole number of working days, not ${n}`);
  const compiled = compile(calendar);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  let left = Math.abs(n);
  let scanned = 0;
  while (left > 0) {
    day += step;
    if (compiled.isWorking(day)) left--;
    if (++scanned > MAX_SCAN_DAYS + Math.abs(n) * 7) throw new RangeError('this calendar has no working days');
  }
  return fromDayNumber(day);
}

/**
 * Working days in (from, to]: how many working days pass between the two dates; negative when
 * `to` is before `from`. `workingDaysBetween(d, addWorkingDays(d, n, c), c) === n`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  const compiled = compile(calendar);
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (compiled.isWorking(day)) count++;
  return sign * count;
}
