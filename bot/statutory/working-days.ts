/**
 * Working-day arithmetic for England and Wales.
 *
 * A working day is any day except Saturday, Sunday, Christmas Day, Good Friday or a bank holiday,
 * substitute days included (HESC Rules 2008 r.1(3); SI 2006/1738 reg 2; SEND-RULES T3). The SEND
 * Regulations use working days only in a few places: plan transfer (reg 15(2), 15 working days),
 * mediation certificates and health notifications (3 working days, regs 33ff, numbers unverified).
 * Corporate complaint targets (LGSCO Complaint Handling Code) are also in working days.
 */
import { englandAndWalesBankHolidays } from './bank-holidays';
import type { BankHoliday, BankHolidayCalendar } from './bank-holidays';
import { StatutoryInputError } from './errors';
import { dayNumberToIso, requireInteger, toDayNumber, weekdayOfDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';

/** Options shared by every working-day function. */
export interface WorkingDayOptions {
  /** The bank holidays to skip; defaults to {@link englandAndWalesBankHolidays}. */
  readonly calendar?: BankHolidayCalendar;
}

/** Internal: the calendar to use. */
export function calendarOf(options: WorkingDayOptions | undefined): BankHolidayCalendar {
  return options?.calendar ?? englandAndWalesBankHolidays();
}

/** Internal: working-day test on a day number. The calendar is consulted even at weekends so that
 * an unsupported year always fails the same way. */
export function isWorkingDayNumber(dayNumber: number, calendar: BankHolidayCalendar, functionName: string): boolean {
  const holiday = calendar.bankHolidayOn(dayNumberToIso(dayNumber, functionName));
  return holiday === undefined && weekdayOfDayNumber(dayNumber) <= 5;
}

/** Internal: the n-th working day after (n > 0) or before (n < 0) a day number; n = 0 returns it unchanged. */
export function addWorkingDaysToDayNumber(start: number, n: number, calendar: BankHolidayCalendar, functionName: string): number {
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = start;
  while (remaining > 0) {
    current += step;
    if (isWorkingDayNumber(current, calendar, functionName)) remaining -= 1;
  }
  return current;
}

/** Internal: the day itself if it is a working day, otherwise the next working day. */
export function rollForwardDayNumber(dayNumber: number, calendar: BankHolidayCalendar, functionName: string): number {
  let current = dayNumber;
  while (!isWorkingDayNumber(current, calendar, functionName)) current += 1;
  return current;
}

/** True unless `date` is a Saturday, Sunday or bank holiday (substitute days included). */
export function isWorkingDay(date: IsoDate, options?: WorkingDayOptions): boolean {
  return isWorkingDayNumber(toDayNumber(date, 'isWorkingDay', 'date'), calendarOf(options), 'isWorkingDay');
}

/**
 * The n-th working day after `date` (England and Wales). `date` itself is never counted, so
 * "within 5 working days of receipt" is `addWorkingDays(received, 5)` whatever day it arrived.
 *
 * - `n = 0` returns `date` unchanged, even if it is not a working day (as a spreadsheet's
 *   WORKDAY(date, 0) does). Use {@link nextWorkingDayOnOrAfter} to roll a date forward.
 * - A negative `n` counts back: `addWorkingDays(d, -1)` is the last working day before `d`.
 */
export function addWorkingDays(date: IsoDate, n: number, options?: WorkingDayOptions): IsoDate {
  const start = toDayNumber(date, 'addWorkingDays', 'date');
  const count = requireInteger(n, 'addWorkingDays', 'n');
  const result = addWorkingDaysToDayNumber(start, count, calendarOf(options), 'addWorkingDays');
  return dayNumberToIso(result, 'addWorkingDays');
}

/** `date` if it is a working day, otherwise the next working day. HESC Rules r.12(2). */
export function nextWorkingDayOnOrAfter(date: IsoDate, options?: WorkingDayOptions): IsoDate {
  const start = toDayNumber(date, 'nextWorkingDayOnOrAfter', 'date');
  return dayNumberToIso(rollForwardDayNumber(start, calendarOf(options), 'nextWorkingDayOnOrAfter'), 'nextWorkingDayOnOrAfter');
}

/** The first working day strictly after `date` (same as `addWorkingDays(date, 1)`). */
export function firstWorkingDayAfter(date: IsoDate, options?: WorkingDayOptions): IsoDate {
  const start = toDayNumber(date, 'firstWorkingDayAfter', 'date');
  return dayNumberToIso(addWorkingDaysToDayNumber(start, 1, calendarOf(options), 'firstWorkingDayAfter'), 'firstWorkingDayAfter');
}

/**
 * Working days from `a` to `b`: the number of working days after `a` up to and including `b`
 * (negative when `b` is earlier). The inverse of {@link addWorkingDays}:
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 1.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, options?: WorkingDayOptions): number {
  const start = toDayNumber(a, 'workingDaysBetween', 'a');
  const end = toDayNumber(b, 'workingDaysBetween', 'b');
  const calendar = calendarOf(options);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) {
    if (isWorkingDayNumber(day, calendar, 'workingDaysBetween')) count += 1;
  }
  return sign * count;
}

/** The bank holiday on `date`, or `undefined` (weekends are not bank holidays). */
export function bankHolidayOn(date: IsoDate, options?: WorkingDayOptions): BankHoliday | undefined {
  const dayNumber = toDayNumber(date, 'bankHolidayOn', 'date');
  return calendarOf(options).bankHolidayOn(dayNumberToIso(dayNumber, 'bankHolidayOn'));
}

/** All bank holidays in `year`, in date order. */
export function bankHolidaysInYear(year: number, options?: WorkingDayOptions): readonly BankHoliday[] {
  const y = requireInteger(year, 'bankHolidaysInYear', 'year');
  if (y < 1 || y > 9999) {
    throw new StatutoryInputError(`bankHolidaysInYear(): year ${y} is outside 1 to 9999`);
  }
  return calendarOf(options).bankHolidaysIn(y);
}
