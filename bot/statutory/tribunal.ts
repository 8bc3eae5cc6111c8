/**
 * SEND Tribunal appeal and mediation timescales (SEND-RULES T8, D3, D4, D6).
 */
import { addMonthsToCivil, civilToDayNumber, dayNumberToCivil, dayNumberToIso, toCivil, toDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';
import { addWorkingDaysToDayNumber, calendarOf, isWorkingDayNumber, rollForwardDayNumber } from './working-days';
import type { WorkingDayOptions } from './working-days';

/** How the unadjusted date was moved to give the appeal deadline. */
export type TribunalDeadlineAdjustment =
  /** Already a working day outside the holiday periods. */
  | 'none'
  /** Fell from 25 December to 1 January: first working day after 1 January (HESC r.12(3)). */
  | 'christmasNewYear'
  /** Fell in August: first working day after 31 August (HESC r.12(3)). */
  | 'august'
  /** Fell on a weekend or bank holiday: next working day (HESC r.12(2)). */
  | 'nonWorkingDay';

export interface TribunalAppealDeadlineDetail {
  /** The last day to lodge the appeal. */
  readonly deadline: IsoDate;
  /** Decision letter + 2 calendar months. */
  readonly fromDecision: IsoDate;
  /** Mediation certificate + 1 calendar month, when a certificate date was given. */
  readonly fromMediationCertificate: IsoDate | undefined;
  /** Which period ends later (the decision one when they end on the same day). */
  readonly basis: 'decision' | 'mediationCertificate';
  /** The later of the two periods, before any adjustment. */
  readonly unadjusted: IsoDate;
  readonly adjustment: TribunalDeadlineAdjustment;
}

/**
 * The appeal deadline with the reasoning, for answers that explain it. See {@link tribunalAppealDeadline}.
 */
export function explainTribunalAppealDeadline(decisionLetter: IsoDate, mediationCertificate?: IsoDate | null, options?: WorkingDayOptions): TribunalAppealDeadlineDetail {
  const fn = 'tribunalAppealDeadline';
  const decision = toCivil(decisionLetter, fn, 'decisionLetter');
  const certificate = mediationCertificate === undefined || mediationCertificate === null ? undefined : toCivil(mediationCertificate, fn, 'mediationCertificate');
  const calendar = calendarOf(options);

  const fromDecision = civilToDayNumber(addMonthsToCivil(decision, 2));
  const fromCertificate = certificate ? civilToDayNumber(addMonthsToCivil(certificate, 1)) : undefined;
  const basis = fromCertificate !== undefined && fromCertificate > fromDecision ? 'mediationCertificate' : 'decision';
  const unadjusted = basis === 'mediationCertificate' && fromCertificate !== undefined ? fromCertificate : fromDecision;

  const { year, month, day } = dayNumberToCivil(unadjusted);
  let deadline: number;
  let adjustment: TribunalDeadlineAdjustment;
  if ((month === 12 && day >= 25) || (month === 1 && day === 1)) {
    const newYearsDay = civilToDayNumber({ year: month === 12 ? year + 1 : year, month: 1, day: 1 });
    deadline = addWorkingDaysToDayNumber(newYearsDay, 1, calendar, fn);
    adjustment = 'christmasNewYear';
  } else if (month === 8) {
    deadline = addWorkingDaysToDayNumber(civilToDayNumber({ year, month: 8, day: 31 }), 1, calendar, fn);
    adjustment = 'august';
  } else if (!isWorkingDayNumber(unadjusted, calendar, fn)) {
    deadline = rollForwardDayNumber(unadjusted, calendar, fn);
    adjustment = 'nonWorkingDay';
  } else {
    deadline = unadjusted;
    adjustment = 'none';
  }

  return {
    deadline: dayNumberToIso(deadline, fn),
    fromDecision: dayNumberToIso(fromDecision, fn),
    fromMediationCertificate: fromCertificate === undefined ? undefined : dayNumberToIso(fromCertificate, fn),
    basis,
    unadjusted: dayNumberToIso(unadjusted, fn),
    adjustment,
  };
}

/**
 * The last day to lodge a SEND Tribunal appeal (HESC Rules 2008 r.20(1)(c); r.12(2)–(3)):
 * 1. the later of the decision letter + 2 calendar months and the mediation certificate + 1
 *    calendar month (month ends clamped: 31 December + 2 months is 28 or 29 February);
 * 2. if that day is from 25 December to 1 January, the first working day after 1 January;
 * 3. if it is in August, the first working day after 31 August;
 * 4. otherwise, if it is not a working day, the next working day.
 *
 * Rules 2–3 apply to SEN appeals only, not disability discrimination claims (2020 amendment).
 * The Tribunal may still admit a late appeal; this is the date an appeal is in time by right.
 */
export function tribunalAppealDeadline(decisionLetter: IsoDate, mediationCertificate?: IsoDate | null, options?: WorkingDayOptions): IsoDate {
  return explainTribunalAppealDeadline(decisionLetter, mediationCertificate, options).deadline;
}

/**
 * A mediation certificate is due within 3 working days of the trigger: being told the parent or
 * young person does not want mediation, mediation ending, or the council being unable to arrange
 * it within 30 days. Also the time for telling health commissioners about health issues.
 * Regs 2014 regs 33–39 (paragraph numbers unverified; SEND-RULES D4).
 */
export function mediationCertificateDeadline(trigger: IsoDate, options?: WorkingDayOptions): IsoDate {
  const fn = 'mediationCertificateDeadline';
  const start = toDayNumber(trigger, fn, 'trigger');
  return dayNumberToIso(addWorkingDaysToDayNumber(start, 3, calendarOf(options), fn), fn);
}

/**
 * The council must arrange mediation within 30 (calendar) days of being told the parent or young
 * person wants it. Regs 2014 reg 37 (number unverified; SEND-RULES D4).
 */
export function mediationArrangedBy(requested: IsoDate): IsoDate {
  const fn = 'mediationArrangedBy';
  const start = toDayNumber(requested, fn, 'requested');
  return dayNumberToIso(start + 30, fn);
}
