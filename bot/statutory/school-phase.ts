/**
 * School year groups and phases of education in England, for the compliance report's "by phase".
 *
 * A child starts Reception in the school year (1 September to 31 August) in which they turn 5,
 * Year 1 the year after, and so on; Year 12 and above is post-16 (a young person keeps an EHC plan
 * up to 25, CFA 2014 s46). Children born on 1 September are the oldest in their year, those born on
 * 31 August the youngest. The year group is the one the child's age puts them in: a child taught
 * out of year group is counted by age.
 */
import { StatutoryInputError } from './errors';
import { toCivil, type IsoDate } from './iso-date';

export const SCHOOL_PHASES = ['early_years', 'primary', 'secondary', 'post16'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

/** "Early years", "Primary", … */
export const SCHOOL_PHASE_NAMES: Readonly<Record<SchoolPhase, string>> = {
  early_years: 'Early years',
  primary: 'Primary (Reception to Year 6)',
  secondary: 'Secondary (Years 7 to 11)',
  post16: 'Post-16 (Year 12 and over)',
};

/** The calendar year in which the school year holding `date` began (September). */
function schoolYearStart(date: IsoDate, fn: string, arg: string): number {
  const c = toCivil(date, fn, arg);
  return c.month >= 9 ? c.year : c.year - 1;
}

/** The year group on `on` for a child born on `dateOfBirth`: 0 is Reception, 1 Year 1, …; negative before Reception. */
export function yearGroupOn(dateOfBirth: IsoDate, on: IsoDate): number {
  if (on < dateOfBirth) throw new StatutoryInputError(`yearGroupOn(): ${on} is before the date of birth ${dateOfBirth}`);
  // Born in the school year starting B: turns 5 in the school year starting B + 5, which is Reception.
  return schoolYearStart(on, 'yearGroupOn', 'on') - schoolYearStart(dateOfBirth, 'yearGroupOn', 'dateOfBirth') - 5;
}

/** The phase of education the child's age puts them in on `on`. */
export function schoolPhaseOn(dateOfBirth: IsoDate, on: IsoDate): SchoolPhase {
  const year = yearGroupOn(dateOfBirth, on);
  if (year < 0) return 'early_years';
  if (year <= 6) return 'primary';
  if (year <= 11) return 'secondary';
  return 'post16';
}
