/**
 * Corporate complaint deadlines (SEND-RULES K1).
 *
 * Complaints about the SEN service that have no statutory procedure follow the council's own
 * two-stage process. The defaults are the Local Government and Social Care Ombudsman's Complaint
 * Handling Code (issued under Local Government Act 1974 s23(12A); 2024 edition, expected to be
 * applied by 1 April 2026):
 * - acknowledge within 5 working days of receipt (both stages);
 * - stage 1: respond within 10 working days of acknowledgement, extendable by up to 10 more;
 * - stage 2: respond within 20 working days of acknowledgement, extendable by up to 20 more.
 * Councils may have other local targets, so every figure comes from a {@link ComplaintPolicy}.
 *
 * Not for children's social care complaints, which follow SI 2006/1738 (SEND-RULES K2).
 */
import { z } from 'zod';
import { StatutoryInputError, describeValue } from './errors';
import { dayNumberToIso, toDayNumber } from './iso-date';
import type { IsoDate } from './iso-date';
import { addWorkingDaysToDayNumber, calendarOf } from './working-days';
import type { WorkingDayOptions } from './working-days';

const ComplaintStagePolicySchema = z
  .object({
    /** Working days after acknowledgement for the full response. */
    respondWithinWorkingDays: z.number().int().min(1).max(120),
    /** The most working days the response may be extended by, with reasons. */
    maxExtensionWorkingDays: z.number().int().min(0).max(120),
  })
  .strict();

/** Zod schema for a council's complaint timescales; parse council configuration with it. */
export const ComplaintPolicySchema = z
  .object({
    /** Where the figures come from, named in answers (e.g. "LGSCO Complaint Handling Code"). */
    source: z.string().min(1),
    /** Working days after receipt to acknowledge a complaint, at either stage. */
    acknowledgeWithinWorkingDays: z.number().int().min(0).max(120),
    stage1: ComplaintStagePolicySchema,
    stage2: ComplaintStagePolicySchema,
  })
  .strict();

export type ComplaintPolicy = z.infer<typeof ComplaintPolicySchema>;

/** The complaint stage: 1 (first response) or 2 (review by a different officer). */
export type ComplaintStage = 1 | 2;

/** LGSCO Complaint Handling Code defaults: 5 working days to acknowledge; 10 (stage 1) or 20 (stage 2) to respond. */
export const DEFAULT_COMPLAINT_POLICY: ComplaintPolicy = Object.freeze({
  source: 'LGSCO Complaint Handling Code (2024)',
  acknowledgeWithinWorkingDays: 5,
  stage1: Object.freeze({ respondWithinWorkingDays: 10, maxExtensionWorkingDays: 10 }),
  stage2: Object.freeze({ respondWithinWorkingDays: 20, maxExtensionWorkingDays: 20 }),
});

export interface ComplaintDeadlines {
  readonly stage: ComplaintStage;
  /** Acknowledge by this date: the policy's working days after receipt. */
  readonly acknowledgeBy: IsoDate;
  /** Full response by this date, counted from {@link respondCountedFrom}. */
  readonly respondBy: IsoDate;
  /** The latest response date if the council extends the deadline by the most the policy allows. */
  readonly respondByWithExtension: IsoDate;
  /** The date the response period runs from: the actual acknowledgement, or `acknowledgeBy` if none yet. */
  readonly respondCountedFrom: IsoDate;
  readonly source: string;
}

/**
 * Deadlines for a complaint received on `received` at `stage`. The response period runs from the
 * date it was acknowledged, or, when it has not been acknowledged yet, from `acknowledgeBy`
 * (the latest the acknowledgement can lawfully be under the policy). Working days exclude
 * weekends and England and Wales bank holidays.
 *
 * Example (default policy): stage 1 complaint received Monday 21 December 2026 → acknowledge by
 * 30 December 2026 (Christmas Day and the Boxing Day substitute on 28 December are skipped) →
 * respond by 14 January 2027.
 */
export function complaintDeadlines(
  received: IsoDate,
  stage: ComplaintStage,
  acknowledged?: IsoDate | null,
  policy: ComplaintPolicy = DEFAULT_COMPLAINT_POLICY,
  options?: WorkingDayOptions,
): ComplaintDeadlines {
  const fn = 'complaintDeadlines';
  const receivedDay = toDayNumber(received, fn, 'received');
  if (stage !== 1 && stage !== 2) {
    throw new StatutoryInputError(`${fn}(): stage must be 1 or 2, got ${describeValue(stage)}`);
  }
  const parsedPolicy = ComplaintPolicySchema.safeParse(policy);
  if (!parsedPolicy.success) {
    const issues = parsedPolicy.error.issues.map((i) => `${i.path.join('.') || 'policy'}: ${i.message}`).join('; ');
    throw new StatutoryInputError(`${fn}(): invalid complaint policy (${issues})`, { cause: parsedPolicy.error });
  }
  const rules = parsedPolicy.data;
  const stageRules = stage === 1 ? rules.stage1 : rules.stage2;
  const calendar = calendarOf(options);

  const acknowledgeByDay = addWorkingDaysToDayNumber(receivedDay, rules.acknowledgeWithinWorkingDays, calendar, fn);
  let fromDay = acknowledgeByDay;
  if (acknowledged !== undefined && acknowledged !== null) {
    fromDay = toDayNumber(acknowledged, fn, 'acknowledged');
    if (fromDay < receivedDay) {
      throw new StatutoryInputError(`${fn}(): acknowledged ${acknowledged} is before received ${received}`);
    }
  }
  const respondByDay = addWorkingDaysToDayNumber(fromDay, stageRules.respondWithinWorkingDays, calendar, fn);
  const extendedDay = addWorkingDaysToDayNumber(respondByDay, stageRules.maxExtensionWorkingDays, calendar, fn);
  return {
    stage,
    acknowledgeBy: dayNumberToIso(acknowledgeByDay, fn),
    respondBy: dayNumberToIso(respondByDay, fn),
    respondByWithExtension: dayNumberToIso(extendedDay, fn),
    respondCountedFrom: dayNumberToIso(fromDay, fn),
    source: rules.source,
  };
}
