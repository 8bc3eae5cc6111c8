/**
 * Annual review timescales (SEND-RULES section 4).
 *
 * All periods are calendar days, weeks or months with no weekend or bank holiday adjustment:
 * there is no holiday exemption for review steps (SEND-RULES T6; Regs 2014 regs 20–22).
 */
import { StatutoryInputError } from './errors';
import { addMonthsToCivil, civilToDayNumber, civilToIso, dayNumberToIso, formatLongDate, isLeapYear, toCivil, toDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';

/** Deadlines around one annual review meeting. */
export interface ReviewMeetingDeadlines {
  /** Invitations sent with at least 2 weeks' notice: meeting − 2 weeks. Regs 2014 reg 20(3). */
  readonly noticeBy: IsoDate;
  /** Advice and information circulated at least 2 weeks before: meeting − 2 weeks. Regs 2014 reg 20(4). */
  readonly adviceCirculatedBy: IsoDate;
  /** Review report sent within 2 weeks of the meeting: meeting + 2 weeks. Regs 2014 reg 20(7), reg 21(7). */
  readonly reportBy: IsoDate;
  /**
   * Council's decision (maintain, amend or cease) within 4 weeks: meeting + 4 weeks. Regs 2014
   * reg 20(10); Code 9.176. When amending, the proposed amendments go with the decision
   * (R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)).
   */
  readonly decisionBy: IsoDate;
  /**
   * Final amended plan within 8 weeks of the proposed amendments (Regs 2014 reg 22(3)), counted
   * from `decisionBy`: meeting + 12 weeks at the latest (Devon [2022]). If the amendments were sent
   * earlier, use {@link finalAmendedPlanDeadline} on the date they were sent.
   */
  readonly finalAmendedPlanBy: IsoDate;
}

/**
 * Deadlines for an annual review meeting on `meetingDate`, in calendar days with no adjustment.
 * Example: meeting 5 March 2026 → notice and advice by 19 February, report by 19 March,
 * decision by 2 April, final amended plan by 28 May 2026.
 */
export function reviewMeetingDeadlines(meetingDate: IsoDate): ReviewMeetingDeadlines {
  const meeting = toDayNumber(meetingDate, 'reviewMeetingDeadlines', 'meetingDate');
  const at = (days: number): IsoDate => dayNumberToIso(meeting + days, 'reviewMeetingDeadlines');
  return {
    noticeBy: at(-14),
    adviceCirculatedBy: at(-14),
    reportBy: at(14),
    decisionBy: at(28),
    finalAmendedPlanBy: at(28 + 56),
  };
}

/** Final amended plan: within 8 weeks of sending the proposed amendments. Regs 2014 reg 22(3). */
export function finalAmendedPlanDeadline(proposedAmendmentsSent: IsoDate): IsoDate {
  const sent = toDayNumber(proposedAmendmentsSent, 'finalAmendedPlanDeadline', 'proposedAmendmentsSent');
  return dayNumberToIso(sent + 56, 'finalAmendedPlanDeadline');
}

/**
 * When the next annual review is due: 12 calendar months after the last review meeting, or after
 * the plan was first issued when there has been no review (CFA 2014 s44(1); Code 9.169). If that
 * month has no such day, the last day of the month (29 February 2024 → 28 February 2025).
 *
 * Amending a plan does not reset the clock (SEND-RULES R3, DfE answer to PQ 201290, 2023), so
 * there is deliberately no "amended plan issued" argument.
 *
 * Note for legal review: s44(1) speaks of "the period of 12 months starting with" the date, which
 * read strictly ends the day before the anniversary. This returns the anniversary as the product
 * specification asks; booking rules aim weeks earlier (see {@link checkReviewMeetingDate}).
 */
export function annualReviewDue(planFirstIssued: IsoDate, lastReviewMeeting?: IsoDate | null): IsoDate {
  const issued = toCivil(planFirstIssued, 'annualReviewDue', 'planFirstIssued');
  if (lastReviewMeeting === undefined || lastReviewMeeting === null) {
    return civilToIso(addMonthsToCivil(issued, 12), 'annualReviewDue');
  }
  const last = toCivil(lastReviewMeeting, 'annualReviewDue', 'lastReviewMeeting');
  if (civilToDayNumber(last) < civilToDayNumber(issued)) {
    throw new StatutoryInputError(`annualReviewDue(): lastReviewMeeting ${lastReviewMeeting} is before the plan was first issued (${planFirstIssued})`);
  }
  return civilToIso(addMonthsToCivil(last, 12), 'annualReviewDue');
}

/** Whether the under-5 review guidance applies, and what it says. */
export interface Under5ReviewGuidance {
  /** True when the child has not reached their 5th birthday on `onDate`. */
  readonly under5: boolean;
  readonly fifthBirthday: IsoDate;
  /** The suggested interval between reviews while under 5; `undefined` from age 5. */
  readonly suggestedReviewIntervalMonths: { readonly min: number; readonly max: number } | undefined;
  /** Always false: this is statutory guidance ("should consider"), not a legal duty. */
  readonly statutory: false;
  readonly source: string;
  /** One or two plain-English sentences for the reply. */
  readonly summary: string;
}

/**
 * Under-5s: the council should consider reviewing the plan every 3 to 6 months. This is guidance,
 * not law, and such reviews add to the annual review rather than replace it. Code 9.178
 * (SEND-RULES R4; paragraph number from secondary sources).
 *
 * A child born on 29 February is treated as reaching 5 on 1 March in a non-leap year (the usual
 * reading in England of Family Law Reform Act 1969 s9; confirm before relying on it legally).
 */
export function under5ReviewGuidance(dateOfBirth: IsoDate, onDate: IsoDate): Under5ReviewGuidance {
  const born = toCivil(dateOfBirth, 'under5ReviewGuidance', 'dateOfBirth');
  const on = toDayNumber(onDate, 'under5ReviewGuidance', 'onDate');
  if (on < civilToDayNumber(born)) {
    throw new StatutoryInputError(`under5ReviewGuidance(): onDate ${onDate} is before dateOfBirth ${dateOfBirth}`);
  }
  const year = born.year + 5;
  const leapling = born.month === 2 && born.day === 29 && !isLeapYear(year);
  const fifth = leapling ? { year, month: 3, day: 1 } : { year, month: born.month, day: born.day };
  const fifthBirthday = civilToIso(fifth, 'under5ReviewGuidance');
  const under5 = on < civilToDayNumber(fifth);
  const source = 'SEND Code of Practice 2015, paragraph 9.178 (guidance)';
  const summary = under5
    ? `The child is under 5 until ${formatLongDate(fifthBirthday)}. The SEND Code of Practice says the council ` +
      'should consider reviewing the plan every 3 to 6 months. This is guidance, not a legal requirement, ' +
      'and these reviews are in addition to the annual review.'
    : `The child turned 5 on ${formatLongDate(fifthBirthday)}, so the 3 to 6 month review guidance for under-5s ` +
      'no longer applies. The plan must still be reviewed at least every 12 months.';
  return {
    under5,
    fifthBirthday,
    suggestedReviewIntervalMonths: under5 ? { min: 3, max: 6 } : undefined,
    statutory: false,
    source,
    summary,
  };
}

/** Why a proposed review meeting date is a problem. */
export type ReviewBookingProblemCode = 'meetingInPast' | 'tooLittleNotice' | 'meetingAfterReviewDue' | 'decisionAfterReviewDue' | 'phaseTransferAtRisk';

export interface ReviewBookingProblem {
  readonly code: ReviewBookingProblemCode;
  /** `block`: the date must not be booked. `warn`: it may be booked, but the caseworker should be told. */
  readonly severity: 'block' | 'warn';
  readonly message: string;
  readonly source: string;
}

export interface ReviewBookingCheck {
  readonly deadlines: ReviewMeetingDeadlines;
  readonly problems: readonly ReviewBookingProblem[];
  /** False when any problem has severity `block`. */
  readonly canBook: boolean;
}

export interface ReviewBookingContext {
  /** Today's date (from the caller's clock). */
  readonly today: IsoDate;
  /** The review due date, usually from {@link annualReviewDue}. */
  readonly reviewDue: IsoDate;
  /** The phase transfer deadline when the child moves phase within 12 months (see `phaseTransferDeadline`). */
  readonly phaseTransferDeadline?: IsoDate;
}

/**
 * Checks a proposed annual review meeting date against the booking guard-rails (SEND-RULES
 * section 11, rule 3):
 * - block a date in the past, or one that leaves less than 2 weeks for notice and advice
 *   (Regs 2014 reg 20(3)–(4));
 * - warn when the meeting, or the council's decision 4 weeks later, falls after the review due
 *   date (CFA s44(1); Code 9.169; IPSEA);
 * - warn when a final amended plan 12 weeks after the meeting could miss the phase transfer
 *   deadline (Regs 2014 reg 18).
 */
export function checkReviewMeetingDate(meetingDate: IsoDate, context: ReviewBookingContext): ReviewBookingCheck {
  const fn = 'checkReviewMeetingDate';
  const meeting = toDayNumber(meetingDate, fn, 'meetingDate');
  const today = toDayNumber(context.today, fn, 'today');
  const due = toDayNumber(context.reviewDue, fn, 'reviewDue');
  const phase = context.phaseTransferDeadline === undefined ? undefined : toDayNumber(context.phaseTransferDeadline, fn, 'phaseTransferDeadline');
  const deadlines = reviewMeetingDeadlines(meetingDate);
  const long = (dayNumber: number): string => formatLongDate(dayNumberToIso(dayNumber, fn));
  const problems: ReviewBookingProblem[] = [];

  if (meeting < today) {
    problems.push({
      code: 'meetingInPast',
      severity: 'block',
      message: `The date ${long(meeting)} has already passed. Choose a date on or after ${long(today + 14)}.`,
      source: 'SEND Regulations 2014, regulation 20(3)',
    });
  } else if (meeting - 14 < today) {
    problems.push({
      code: 'tooLittleNotice',
      severity: 'block',
      message:
        `Everyone must be invited, and advice sent out, at least 2 weeks before the meeting. ` +
        `For a meeting on ${long(meeting)} that was ${long(meeting - 14)}. Choose a date on or after ${long(today + 14)}.`,
      source: 'SEND Regulations 2014, regulation 20(3) and (4)',
    });
  }

  if (meeting > due) {
    problems.push({
      code: 'meetingAfterReviewDue',
      severity: 'warn',
      message: `The review is due by ${long(due)}. A meeting on ${long(meeting)} would make it late.`,
      source: 'Children and Families Act 2014, section 44(1)',
    });
  } else if (meeting + 28 > due) {
    problems.push({
      code: 'decisionAfterReviewDue',
      severity: 'warn',
      message:
        `The council's decision is due 4 weeks after the meeting, by ${long(meeting + 28)}. ` +
        `That is after the review due date of ${long(due)}. To avoid this, hold the meeting by ${long(due - 28)}.`,
      source: 'SEND Code of Practice 2015, paragraph 9.169; IPSEA',
    });
  }

  if (phase !== undefined && meeting + 84 > phase) {
    problems.push({
      code: 'phaseTransferAtRisk',
      severity: 'warn',
      message:
        `If the plan is amended, the final plan could be issued as late as ${long(meeting + 84)}. ` +
        `That is after the phase transfer deadline of ${long(phase)}. To avoid this, hold the meeting by ${long(phase - 84)}.`,
      source: 'SEND Regulations 2014, regulations 18 and 22(3)',
    });
  }

  return { deadlines, problems, canBook: problems.every((p) => p.severity !== 'block') };
}
