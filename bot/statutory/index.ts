/**
 * Statutory deadline arithmetic for the SEND service in England.
 *
 * Pure functions: ISO date strings (`YYYY-MM-DD`) in and out, no times, no time zones, no clock.
 * Every function validates its dates and throws {@link InvalidDateError} for an impossible one
 * ("2026-02-30") and {@link StatutoryInputError} for other bad input. Legal sources are cited on
 * each function; rule ids (T1, R13, …) refer to /shared/domain/SEND-RULES.md.
 *
 * Decisions worth knowing:
 * - "Weeks", "days" and "months" are calendar periods unless a rule says working days (T1).
 * - Adding calendar months keeps the day of the month, or the month's last day if it is shorter.
 * - `addWorkingDays(date, 0)` returns `date` unchanged; the date itself is never counted.
 * - Working days exclude weekends and England and Wales bank holidays, substitute days included,
 *   from `date-holidays` (GB/ENG), years 2000 to 2199. Pass `{ calendar }` to override.
 */
export { InvalidDateError, StatutoryInputError } from './errors';

export {
  IsoDate,
  isRealIsoDate,
  isLeapYear,
  daysInMonth,
  addDays,
  addWeeks,
  addCalendarMonths,
  daysBetween,
  compareIso,
  laterOf,
  earlierOf,
  weekdayName,
  isWeekend,
  formatLongDate,
  formatLongDateWithWeekday,
  englandDateOf,
} from './iso-date';
export type { WeekdayName } from './iso-date';

export { ENGLAND_AND_WALES_SUPPORTED_YEARS, createEnglandAndWalesCalendar, englandAndWalesBankHolidays, withAdditionalBankHolidays } from './bank-holidays';
export type { BankHoliday, BankHolidayCalendar } from './bank-holidays';

export { isWorkingDay, addWorkingDays, nextWorkingDayOnOrAfter, firstWorkingDayAfter, workingDaysBetween, bankHolidayOn, bankHolidaysInYear } from './working-days';
export type { WorkingDayOptions } from './working-days';

export { ASSESSMENT_TOTAL_WEEKS, assessmentDeadlines, assessmentTimeline, assessmentProgress, draftPlanCommentsPeriodEnds, reassessmentFinalPlanDeadline } from './assessment';
export type { AssessmentDeadlines, AssessmentStage, AssessmentStageId, AssessmentProgress } from './assessment';

export { reviewMeetingDeadlines, finalAmendedPlanDeadline, annualReviewDue, under5ReviewGuidance, checkReviewMeetingDate } from './reviews';
export type { ReviewMeetingDeadlines, Under5ReviewGuidance, ReviewBookingCheck, ReviewBookingContext, ReviewBookingProblem, ReviewBookingProblemCode } from './reviews';

export { PHASE_TRANSFER_KINDS, SCHOOL_PHASE_TRANSFER_KINDS, PhaseTransferKindSchema, phaseTransferDeadline } from './phase-transfer';
export type { PhaseTransferKind, SchoolPhaseTransferKind, FixedDatePhaseTransferKind } from './phase-transfer';

export { ComplaintPolicySchema, DEFAULT_COMPLAINT_POLICY, complaintDeadlines } from './complaints';
export type { ComplaintDeadlines, ComplaintPolicy, ComplaintStage } from './complaints';

export { tribunalAppealDeadline, explainTribunalAppealDeadline, mediationCertificateDeadline, mediationArrangedBy } from './tribunal';
export type { TribunalAppealDeadlineDetail, TribunalDeadlineAdjustment } from './tribunal';

export { planTransferDeadline, transferredPlanDeadlines } from './transfer';
export type { PlanTransferDeadline, TransferredPlanDeadlines } from './transfer';

export { SCHOOL_PHASES, SCHOOL_PHASE_NAMES, yearGroupOn, schoolPhaseOn } from './school-phase';
export type { SchoolPhase } from './school-phase';
