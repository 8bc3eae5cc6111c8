/**
 * Bank holiday calendars for working-day arithmetic.
 *
 * Law: a "working day" is any day except a Saturday, a Sunday, Christmas Day, Good Friday or a
 * bank holiday (HESC Rules 2008 r.1(3); Children Act 1989 Representations Procedure (England)
 * Regulations 2006 reg 2, which also names Boxing Day). Bank holidays are those under the Banking
 * and Financial Dealings Act 1971 Sch 1 and royal proclamations, including substitute days when a
 * holiday falls at a weekend. England and Wales share one list. SEND-RULES T3 asks for a
 * configurable calendar, so every working-day function accepts a {@link BankHolidayCalendar}.
 *
 * The default calendar comes from the `date-holidays` package (country GB, region ENG),
 * keeping holidays of type "public" or "bank" and dropping observances (Mother's Day, Easter
 * Sunday…). Checked against the package (v3.37) for 2020–2033, by test:
 * - substitute days are included (e.g. Boxing Day 2026 → Monday 28 December; Christmas and Boxing
 *   Day 2027 → Monday 27 and Tuesday 28 December), so no substitute logic is needed here;
 * - one-off holidays known when the package was released are included (VE Day 2020 move, Platinum
 *   Jubilee 2022, the State Funeral 19 September 2022, the Coronation 8 May 2023). Later one-offs
 *   need a package update, or {@link withAdditionalBankHolidays} until then;
 * - each holiday's `date` field ("YYYY-MM-DD 00:00:00", in Europe/London) is used, never its
 *   `start` instant, which during British Summer Time is 23:00 UTC on the previous day;
 * - the package applies today's rules to every year (e.g. an early May bank holiday in 1970, before
 *   it existed), so years before 2000 are refused rather than answered wrongly.
 */
import Holidays from 'date-holidays';
import { StatutoryInputError, describeValue } from './errors';
import { isRealIsoDate } from './iso-date';
import type { IsoDate } from './iso-date';

/** One bank holiday. */
export interface BankHoliday {
  readonly date: IsoDate;
  readonly name: string;
  /** True for a substitute day given because the holiday fell at a weekend. */
  readonly substitute: boolean;
}

/** A source of bank holidays. Implement it to add council-specific or newly announced days. */
export interface BankHolidayCalendar {
  /** Where the list comes from, for logs and answers. */
  readonly description: string;
  /** The bank holidays in `year`, in date order. Throws {@link StatutoryInputError} for an unsupported year. */
  bankHolidaysIn(year: number): readonly BankHoliday[];
  /** The bank holiday on `date` (a valid ISO date), or `undefined`. */
  bankHolidayOn(date: IsoDate): BankHoliday | undefined;
}

/** Years the England and Wales calendar answers for (the package's rules are modern rules). */
export const ENGLAND_AND_WALES_SUPPORTED_YEARS = { from: 2000, to: 2199 } as const;

interface YearTable {
  readonly list: readonly BankHoliday[];
  readonly byDate: ReadonlyMap<IsoDate, BankHoliday>;
}

function tableOf(list: readonly BankHoliday[]): YearTable {
  const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byDate = new Map<IsoDate, BankHoliday>();
  for (const holiday of sorted) {
    if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
  }
  return { list: [...byDate.values()], byDate };
}

function yearOfIso(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * A new England and Wales calendar backed by `date-holidays` (GB/ENG). Nothing is loaded until the
 * first lookup; each year is computed once and cached inside this calendar.
 */
export function createEnglandAndWalesCalendar(): BankHolidayCalendar {
  let source: Holidays | undefined;
  const years = new Map<number, YearTable>();

  const load = (year: number): YearTable => {
    const cached = years.get(year);
    if (cached) return cached;
    const { from, to } = ENGLAND_AND_WALES_SUPPORTED_YEARS;
    if (!Number.isInteger(year) || year < from || year > to) {
      throw new StatutoryInputError(`England and Wales bank holidays: year ${String(year)} is not supported (${from} to ${to})`);
    }
    source ??= new Holidays('GB', 'ENG');
    const list: BankHoliday[] = [];
    for (const holiday of source.getHolidays(year, 'en')) {
      if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
      const date = holiday.date.slice(0, 10);
      if (!isRealIsoDate(date) || yearOfIso(date) !== year) {
        throw new StatutoryInputError(`England and Wales bank holidays: date-holidays returned an unexpected date ${describeValue(holiday.date)} for ${year}`);
      }
      list.push({ date, name: holiday.name, substitute: holiday.substitute === true });
    }
    const table = tableOf(list);
    years.set(year, table);
    return table;
  };

  return {
    description: 'England and Wales bank holidays (date-holidays, GB/ENG)',
    bankHolidaysIn: (year) => load(year).list,
    bankHolidayOn: (date) => load(yearOfIso(date)).byDate.get(date),
  };
}

/**
 * A calendar that adds days to `base`, e.g. a one-off bank holiday proclaimed after the installed
 * `date-holidays` release. Dates already in `base` keep the base entry.
 */
export function withAdditionalBankHolidays(base: BankHolidayCalendar, additional: readonly BankHoliday[]): BankHolidayCalendar {
  for (const holiday of additional) {
    if (!isRealIsoDate(holiday.date)) {
      throw new StatutoryInputError(`withAdditionalBankHolidays(): ${describeValue(holiday.date)} is not a real date (expected YYYY-MM-DD)`);
    }
  }
  const extraByDate = new Map(additional.map((h) => [h.date, h] as const));
  const years = new Map<number, YearTable>();
  const load = (year: number): YearTable => {
    const cached = years.get(year);
    if (cached) return cached;
    const table = tableOf([...base.bankHolidaysIn(year), ...additional.filter((h) => yearOfIso(h.date) === year)]);
    years.set(year, table);
    return table;
  };
  return {
    description: `${base.description}, plus ${additional.length} added day(s)`,
    bankHolidaysIn: (year) => load(year).list,
    bankHolidayOn: (date) => base.bankHolidayOn(date) ?? extraByDate.get(date),
  };
}

let defaultCalendar: BankHolidayCalendar | undefined;

/**
 * The shared England and Wales calendar, created on first use. It is a pure cache (the same
 * input always gives the same answer), so sharing it is safe.
 */
export function englandAndWalesBankHolidays(): BankHolidayCalendar {
  defaultCalendar ??= createEnglandAndWalesCalendar();
  return defaultCalendar;
}
