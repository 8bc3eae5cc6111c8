/**
 * Moving a plan between councils (SEND-RULES C7; Regs 2014 reg 15).
 */
import { StatutoryInputError } from './errors';
import { addMonthsToCivil, civilToDayNumber, dayNumberToIso, toCivil, toDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';
import { addWorkingDaysToDayNumber, calendarOf } from './working-days';
import type { WorkingDayOptions } from './working-days';

export interface PlanTransferDeadline {
  /** The day the old council must transfer the plan by. */
  readonly transferBy: IsoDate;
  /** `dayOfMove` when the old council knew at least 15 working days before; otherwise `fifteenWorkingDays`. */
  readonly basis: 'dayOfMove' | 'fifteenWorkingDays';
}

/**
 * When the old council must transfer the plan to the new one (Regs 2014 reg 15(2)): on the day of
 * the move; or, where it did not become aware of the move at least 15 working days before it,
 * "within 15 working days beginning with the day on which it did become aware". "Beginning with"
 * counts the day of awareness as day 1 when it is a working day.
 */
export function planTransferDeadline(becameAware: IsoDate, moveDate: IsoDate, options?: WorkingDayOptions): PlanTransferDeadline {
  const fn = 'planTransferDeadline';
  const aware = toDayNumber(becameAware, fn, 'becameAware');
  const move = toDayNumber(moveDate, fn, 'moveDate');
  const calendar = calendarOf(options);
  const latestTimelyAwareness = addWorkingDaysToDayNumber(move, -15, calendar, fn);
  if (aware <= latestTimelyAwareness) return { transferBy: moveDate, basis: 'dayOfMove' };
  // Counting from the day before makes the day of awareness itself day 1 if it is a working day.
  const transferBy = addWorkingDaysToDayNumber(aware - 1, 15, calendar, fn);
  return { transferBy: dayNumberToIso(transferBy, fn), basis: 'fifteenWorkingDays' };
}

export interface TransferredPlanDeadlines {
  /** Tell the family about the transfer, any reassessment and the review: transfer + 6 weeks. Reg 15(4). */
  readonly informFamilyBy: IsoDate;
  /**
   * Review by the later of 12 months from when the plan was made or last reviewed and 3 months
   * from the transfer (reg 15(5)); calendar months, clamped at month ends.
   */
  readonly reviewBy: IsoDate;
}

/** Deadlines for the new council after a plan transfer (Regs 2014 reg 15(4)–(5)). */
export function transferredPlanDeadlines(transferDate: IsoDate, planMadeOrLastReviewed: IsoDate): TransferredPlanDeadlines {
  const fn = 'transferredPlanDeadlines';
  const transfer = toCivil(transferDate, fn, 'transferDate');
  const lastReview = toCivil(planMadeOrLastReviewed, fn, 'planMadeOrLastReviewed');
  if (civilToDayNumber(lastReview) > civilToDayNumber(transfer)) {
    throw new StatutoryInputError(`${fn}(): planMadeOrLastReviewed ${planMadeOrLastReviewed} is after transferDate ${transferDate}`);
  }
  const twelveMonths = civilToDayNumber(addMonthsToCivil(lastReview, 12));
  const threeMonths = civilToDayNumber(addMonthsToCivil(transfer, 3));
  return {
    informFamilyBy: dayNumberToIso(civilToDayNumber(transfer) + 42, fn),
    reviewBy: dayNumberToIso(Math.max(twelveMonths, threeMonths), fn),
  };
}
