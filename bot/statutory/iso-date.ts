/**
 * Calendar-date arithmetic on ISO date strings (`YYYY-MM-DD`).
 *
 * Dates here are calendar days, not instants: there are no times and no time zones. Internally a
 * date is a day number (days since 1970-01-01, proleptic Gregorian calendar) computed with integer
 * arithmetic, so nothing depends on the host's time zone or on `Date`. No `Date` leaves this module
 * except as an argument to {@link englandDateOf}.
 *
 * Convention (SEND-RULES T1; Regs 2014): "weeks" and "days" in the SEND Regulations are calendar
 * weeks and days unless the text says "working days".
 */
import { z } from 'zod';
import { InvalidDateError, StatutoryInputError, describeValue } from './errors';

/** The shape of an ISO calendar date; checked for a real date by {@link isRealIsoDate}. */
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Supported years for any date in or out: 0001 to 9999 (four-digit years only). */
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A day of the week, Monday first. */
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** A calendar date split into integers; month is 1–12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseCivil(value: unknown): CivilDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True when `value` is a string `YYYY-MM-DD` naming a real calendar date (so not "2026-02-30"). */
export function isRealIsoDate(value: unknown): value is string {
  return parseCivil(value) !== undefined;
}

/**
 * Zod schema for a real calendar date written `YYYY-MM-DD` (years 0001–9999). Reuse it at every
 * boundary (records, dialogs, config) so the same dates are accepted everywhere.
 */
export const IsoDate = z.string().refine(isRealIsoDate, {
  message: 'must be a real date in the form YYYY-MM-DD',
});
/** A string that has passed the {@link IsoDate} schema. */
export type IsoDate = z.infer<typeof IsoDate>;

// ---------------------------------------------------------------------------------------------
// Internal helpers shared by the statutory modules (not re-exported from index.ts).
// ---------------------------------------------------------------------------------------------

/** Parse or throw {@link InvalidDateError} naming the public function and the argument. */
export function toCivil(value: unknown, functionName: string, argumentName: string): CivilDate {
  const civil = parseCivil(value);
  if (!civil) throw new InvalidDateError(functionName, argumentName, value);
  return civil;
}

/** Days since 1970-01-01 (negative before). Algorithm: H. Hinnant, "days_from_civil". */
export function civilToDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link civilToDayNumber}. Algorithm: H. Hinnant, "civil_from_days". */
export function dayNumberToCivil(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parse an argument to a day number or throw {@link InvalidDateError}. */
export function toDayNumber(value: unknown, functionName: string, argumentName: string): number {
  return civilToDayNumber(toCivil(value, functionName, argumentName));
}

/** Format a civil date, throwing if the result falls outside years 0001–9999. */
export function civilToIso(civil: CivilDate, functionName: string): IsoDate {
  if (civil.year < MIN_YEAR || civil.year > MAX_YEAR) {
    throw new StatutoryInputError(`${functionName}(): the result is outside the supported range 0001-01-01 to 9999-12-31`);
  }
  const yyyy = String(civil.year).padStart(4, '0');
  const mm = String(civil.month).padStart(2, '0');
  const dd = String(civil.day).padStart(2, '0');
  return `${yyyy}-${mm}-${dd}`;
}

/** Format a day number as `YYYY-MM-DD`, throwing if out of range. */
export function dayNumberToIso(dayNumber: number, functionName: string): IsoDate {
  return civilToIso(dayNumberToCivil(dayNumber), functionName);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Throw unless `value` is a safe integer. */
export function requireInteger(value: unknown, functionName: string, argumentName: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new StatutoryInputError(`${functionName}(): ${argumentName} must be a whole number, got ${describeValue(value)}`);
  }
  return value;
}

/** Add whole calendar months, clamping to the last day of a shorter month. */
export function addMonthsToCivil(civil: CivilDate, months: number): CivilDate {
  const monthIndex = civil.year * 12 + (civil.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(civil.day, daysInMonth(year, month)) };
}

// ---------------------------------------------------------------------------------------------
// Public arithmetic
// ---------------------------------------------------------------------------------------------

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const start = toDayNumber(date, 'addDays', 'date');
  const n = requireInteger(days, 'addDays', 'days');
  return dayNumberToIso(start + n, 'addDays');
}

/** `date` plus `weeks` calendar weeks (7 days each; negative to go back). SEND-RULES T1. */
export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  const start = toDayNumber(date, 'addWeeks', 'date');
  const n = requireInteger(weeks, 'addWeeks', 'weeks');
  return dayNumberToIso(start + n * 7, 'addWeeks');
}

/**
 * `date` plus `months` calendar months (negative to go back). The day of the month is kept;
 * when the target month is shorter, the result is its last day: 31 January + 1 month is
 * 28 February (29 in a leap year); 29 February 2024 + 12 months is 28 February 2025.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const civil = toCivil(date, 'addCalendarMonths', 'date');
  const n = requireInteger(months, 'addCalendarMonths', 'months');
  return civilToIso(addMonthsToCivil(civil, n), 'addCalendarMonths');
}

/** Calendar days from `a` to `b` (b − a): positive when `b` is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b, 'daysBetween', 'b') - toDayNumber(a, 'daysBetween', 'a');
}

/** −1 if `a` is earlier than `b`, 0 if the same day, 1 if later. Usable as an `Array.sort` comparator. */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toDayNumber(a, 'compareIso', 'a') - toDayNumber(b, 'compareIso', 'b');
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The later of two dates. */
export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return toDayNumber(a, 'laterOf', 'a') >= toDayNumber(b, 'laterOf', 'b') ? a : b;
}

/** The earlier of two dates. */
export function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return toDayNumber(a, 'earlierOf', 'a') <= toDayNumber(b, 'earlierOf', 'b') ? a : b;
}

/** Day of the week, e.g. "Thursday" for 2026-03-05. */
export function weekdayName(date: IsoDate): WeekdayName {
  const weekday = weekdayOfDayNumber(toDayNumber(date, 'weekdayName', 'date'));
  return WEEKDAY_NAMES[weekday - 1] ?? 'Monday';
}

/** True on Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  return weekdayOfDayNumber(toDayNumber(date, 'isWeekend', 'date')) >= 6;
}

// ---------------------------------------------------------------------------------------------
// Formatting (GOV.UK style: "5 March 2026" — no leading zero, full month, no comma)
// ---------------------------------------------------------------------------------------------

/** GOV.UK style date: `2026-03-05` → "5 March 2026". */
export function formatLongDate(iso: IsoDate): string {
  const { year, month, day } = toCivil(iso, 'formatLongDate', 'iso');
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}

/** GOV.UK style date with the weekday: `2026-03-05` → "Thursday 5 March 2026". */
export function formatLongDateWithWeekday(iso: IsoDate): string {
  const civil = toCivil(iso, 'formatLongDateWithWeekday', 'iso');
  const weekday = WEEKDAY_NAMES[weekdayOfDayNumber(civilToDayNumber(civil)) - 1] ?? '';
  return `${weekday} ${civil.day} ${MONTH_NAMES[civil.month - 1] ?? ''} ${civil.year}`;
}

// ---------------------------------------------------------------------------------------------
// The one bridge from an instant to a calendar date
// ---------------------------------------------------------------------------------------------

let londonFormatter: Intl.DateTimeFormat | undefined;

/**
 * The calendar date in England (Europe/London, so GMT or BST) at `instant`. Use it once, where a
 * clock reading enters the system ("today"), and pass ISO dates onwards. `toISOString().slice(0, 10)`
 * is wrong for up to an hour each night during British Summer Time.
 */
export function englandDateOf(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new StatutoryInputError(`englandDateOf(): instant ${describeValue(instant)} is not a valid Date`);
  }
  londonFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = londonFormatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  const civil = { year: part('year'), month: part('month'), day: part('day') };
  if (![civil.year, civil.month, civil.day].every(Number.isInteger)) {
    throw new StatutoryInputError(`englandDateOf(): could not read a calendar date for ${instant.toISOString()}`);
  }
  return civilToIso(civil, 'englandDateOf');
}
