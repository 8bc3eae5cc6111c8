/**
 * EHC needs assessment timescales (SEND-RULES sections 2 and 3).
 *
 * All periods are calendar weeks counted from the day the council received the request
 * (SEND-RULES T1). They may be missed only where an exception in Regs 2014 reg 5(4), 10(4) or
 * 13(3) makes compliance impractical (T4); these functions give the deadlines themselves.
 */
import { StatutoryInputError } from './errors';
import { dayNumberToIso, toDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';

/** The three statutory assessment deadlines. */
export interface AssessmentDeadlines {
  /** Decide whether to assess and tell the family: +6 weeks. Regs 2014 reg 5(1). */
  readonly decisionToAssess: IsoDate;
  /** Tell the family if, after assessing, no plan will be issued: +16 weeks. Regs 2014 reg 10(1). */
  readonly noticeNotToIssue: IsoDate;
  /** Issue the final EHC plan: +20 weeks. Regs 2014 reg 13(2); Code 9.40. */
  readonly finalPlan: IsoDate;
}

/** The length of the whole assessment process in weeks (Regs 2014 reg 13(2)). */
export const ASSESSMENT_TOTAL_WEEKS = 20;

/**
 * Statutory deadlines from the date the request for an EHC needs assessment was received:
 * 6, 16 and 20 calendar weeks (Regs 2014 regs 5(1), 10(1) and 13(2)).
 * Example: received 3 February 2026 → 17 March, 26 May and 23 June 2026.
 */
export function assessmentDeadlines(requestReceived: IsoDate): AssessmentDeadlines {
  const start = toDayNumber(requestReceived, 'assessmentDeadlines', 'requestReceived');
  const at = (weeks: number): IsoDate => dayNumberToIso(start + weeks * 7, 'assessmentDeadlines');
  return { decisionToAssess: at(6), noticeNotToIssue: at(16), finalPlan: at(ASSESSMENT_TOTAL_WEEKS) };
}

/** Stable ids for the stages of the 20-week timeline. */
export type AssessmentStageId = 'decisionToAssess' | 'adviceDue' | 'draftPlan' | 'noticeNotToIssue' | 'finalPlan';

/** One stage of the 20-week timeline. */
export interface AssessmentStage {
  readonly id: AssessmentStageId;
  /** Weeks after the request was received. */
  readonly week: number;
  /** The date of the stage: request + `week` weeks. */
  readonly due: IsoDate;
  /** Plain-English name of the stage. */
  readonly title: string;
  /** True for a legal deadline; false for a practice target that keeps the process on time. */
  readonly statutory: boolean;
  /** The legal or practice source. */
  readonly source: string;
}

const STAGES: readonly Omit<AssessmentStage, 'due'>[] = [
  {
    id: 'decisionToAssess',
    week: 6,
    title: 'Decision on whether to carry out an EHC needs assessment',
    statutory: true,
    source: 'SEND Regulations 2014, regulation 5(1)',
  },
  {
    id: 'adviceDue',
    week: 12,
    title: 'Advice from professionals due',
    statutory: false,
    source: 'Practice: advisers must reply within 6 weeks of the council asking (SEND Regulations 2014, regulation 8), assuming the council asks at week 6',
  },
  {
    id: 'draftPlan',
    week: 14,
    title: 'Draft EHC plan issued',
    statutory: false,
    source:
      'Practice: no legal deadline for the draft, but it must go out by about week 14 to allow at least 15 days for comments (regulation 13(1)) and school consultation before week 20',
  },
  {
    id: 'noticeNotToIssue',
    week: 16,
    title: 'Decision not to issue an EHC plan (if that is the decision)',
    statutory: true,
    source: 'SEND Regulations 2014, regulation 10(1)',
  },
  {
    id: 'finalPlan',
    week: ASSESSMENT_TOTAL_WEEKS,
    title: 'Final EHC plan issued',
    statutory: true,
    source: 'SEND Regulations 2014, regulation 13(2); SEND Code of Practice 9.40',
  },
];

/**
 * The 20-week assessment timeline in date order, each stage marked statutory or practice:
 * week 6 decision whether to assess (statutory), week 12 advice due (practice), week 14 draft plan
 * (practice), week 16 decision not to issue a plan (statutory), week 20 final plan (statutory).
 */
export function assessmentTimeline(requestReceived: IsoDate): readonly AssessmentStage[] {
  const start = toDayNumber(requestReceived, 'assessmentTimeline', 'requestReceived');
  return STAGES.map((stage) => ({ ...stage, due: dayNumberToIso(start + stage.week * 7, 'assessmentTimeline') }));
}

/** Where an assessment is on its 20-week timeline. */
export interface AssessmentProgress {
  /**
   * The current week, 1-based: the request day and the 7 days after it are week 1, and each
   * deadline day falls at the end of its week (the week-6 deadline is in week 6, the final-plan
   * deadline in week 20). Goes past 20 when the process overruns.
   */
  readonly week: number;
  readonly totalWeeks: number;
  /** "week 9 of 20", or "week 23, past the 20-week limit". */
  readonly label: string;
  /** Calendar days since the request was received. */
  readonly daysSinceRequest: number;
  /** The first statutory deadline on or after `today`, if any is left. */
  readonly nextStatutoryDeadline: AssessmentStage | undefined;
  /** Days from `today` to {@link nextStatutoryDeadline} (0 when it is today). */
  readonly daysToNextStatutoryDeadline: number | undefined;
  /** Statutory deadlines whose date is before `today`. Whether each was met is for the caller's records. */
  readonly passedStatutoryDeadlines: readonly AssessmentStage[];
  readonly anyStatutoryDeadlinePassed: boolean;
}

/** Progress through the 20-week timeline on `today` (which must not be before the request). */
export function assessmentProgress(requestReceived: IsoDate, today: IsoDate): AssessmentProgress {
  const start = toDayNumber(requestReceived, 'assessmentProgress', 'requestReceived');
  const now = toDayNumber(today, 'assessmentProgress', 'today');
  if (now < start) {
    throw new StatutoryInputError(`assessmentProgress(): today ${today} is before the request was received (${requestReceived})`);
  }
  const daysSinceRequest = now - start;
  const week = Math.max(1, Math.ceil(daysSinceRequest / 7));
  const statutory = assessmentTimeline(requestReceived).filter((stage) => stage.statutory);
  const next = statutory.find((stage) => start + stage.week * 7 >= now);
  const passed = statutory.filter((stage) => start + stage.week * 7 < now);
  return {
    week,
    totalWeeks: ASSESSMENT_TOTAL_WEEKS,
    label: week <= ASSESSMENT_TOTAL_WEEKS ? `week ${week} of ${ASSESSMENT_TOTAL_WEEKS}` : `week ${week}, past the ${ASSESSMENT_TOTAL_WEEKS}-week limit`,
    daysSinceRequest,
    nextStatutoryDeadline: next,
    daysToNextStatutoryDeadline: next ? start + next.week * 7 - now : undefined,
    passedStatutoryDeadlines: passed,
    anyStatutoryDeadlinePassed: passed.length > 0,
  };
}

/**
 * The last day of the period for comments on a draft plan (or on proposed amendments): the
 * parent or young person must have "at least 15 days, beginning with the day on which the draft
 * plan was served", so the day of service is day 1 and the period ends 14 days later.
 * Regs 2014 reg 13(1)(b) (draft plan) and reg 22(2)(c) (amendments); SEND-RULES T1, P1, R13.
 */
export function draftPlanCommentsPeriodEnds(served: IsoDate): IsoDate {
  const start = toDayNumber(served, 'draftPlanCommentsPeriodEnds', 'served');
  return dayNumberToIso(start + 14, 'draftPlanCommentsPeriodEnds');
}

/**
 * Final plan after a reassessment: within 14 weeks of notifying the decision to reassess.
 * Regs 2014 reg 27 (SEND-RULES R18; the T4 exceptions apply, reg 27(3)).
 */
export function reassessmentFinalPlanDeadline(decisionNotified: IsoDate): IsoDate {
  const start = toDayNumber(decisionNotified, 'reassessmentFinalPlanDeadline', 'decisionNotified');
  return dayNumberToIso(start + 14 * 7, 'reassessmentFinalPlanDeadline');
}
