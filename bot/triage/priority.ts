/**
 * SENDIAS triage: how soon an adviser should pick an enquiry up, and why. The rules are written
 * down in docs/triage.md; each one that applies adds a reason the adviser sees on the queue.
 *
 * Pure functions of the enquiry, today's date (England) and the acknowledgement target.
 */
import type { Enquiry } from '../records/enquiries';
import { addWorkingDays, daysBetween, englandDateOf, formatLongDate } from '../statutory';

export type PriorityLevel = 'urgent' | 'high' | 'normal';

export type ReasonCode =
  | 'safeguarding'
  | 'appeal_deadline_close'
  | 'appeal_deadline_passed'
  | 'final_plan_overdue'
  | 'excluded'
  | 'out_of_school'
  | 'hearing_soon'
  | 'hearing_within_8_weeks'
  | 'acknowledgement_overdue';

export interface PriorityReason {
  readonly code: ReasonCode;
  readonly level: Exclude<PriorityLevel, 'normal'>;
  /** Plain English for the adviser, e.g. "Tribunal hearing in 9 days (14 April 2026)". */
  readonly text: string;
}

export interface Triage {
  readonly level: PriorityLevel;
  /** Why, most urgent first; empty for `normal`. */
  readonly reasons: readonly PriorityReason[];
  /** The enquiry's age in calendar days (0 on the day it came in). */
  readonly ageDays: number;
  /** The day it should be acknowledged by (`ackWorkingDays` working days after it came in). */
  readonly acknowledgeBy: string;
  /** Not yet acknowledged and past `acknowledgeBy`. */
  readonly acknowledgementOverdue: boolean;
  /** Show the safeguarding contacts to the adviser with this enquiry. */
  readonly showSafeguardingContacts: boolean;
}

export interface TriageOptions {
  /** Today in England, YYYY-MM-DD. */
  readonly today: string;
  /** Working days to acknowledge in (SENDIAS_ACK_WORKING_DAYS, default 2). */
  readonly ackWorkingDays?: number;
}

export const DEFAULT_ACK_WORKING_DAYS = 2;
/** A hearing or appeal deadline this close is urgent. */
export const URGENT_WITHIN_DAYS = 14;
/** A hearing this close (8 weeks) is high priority. */
export const HEARING_HIGH_WITHIN_DAYS = 56;

const LEVEL_RANK: Readonly<Record<PriorityLevel, number>> = { urgent: 0, high: 1, normal: 2 };

const inDays = (n: number): string => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`);
const daysAgo = (n: number): string => (n === 1 ? '1 day ago' : `${n} days ago`);

/** The rules, in the order docs/triage.md gives them. */
export function triage(enquiry: Enquiry, options: TriageOptions): Triage {
  const { today } = options;
  const ackDays = options.ackWorkingDays ?? DEFAULT_ACK_WORKING_DAYS;
  const p = enquiry.priority;
  const reasons: PriorityReason[] = [];
  const open = enquiry.status !== 'closed';

  // 1. Safeguarding.
  if (p.safeguarding) reasons.push({ code: 'safeguarding', level: 'urgent', text: 'Safeguarding concern: check the child is safe today' });

  // 2. Statutory deadlines: the appeal window, a final plan overdue.
  if (p.appealDeadline) {
    const left = daysBetween(today, p.appealDeadline);
    if (left < 0) {
      reasons.push({
        code: 'appeal_deadline_passed',
        level: 'high',
        text: `Appeal deadline passed ${daysAgo(-left)} (${formatLongDate(p.appealDeadline)}): a late appeal needs the Tribunal's permission`,
      });
    } else if (left <= URGENT_WITHIN_DAYS) {
      reasons.push({ code: 'appeal_deadline_close', level: 'urgent', text: `Appeal deadline ${inDays(left)} (${formatLongDate(p.appealDeadline)})` });
    }
  }
  if (p.finalPlanOverdue) reasons.push({ code: 'final_plan_overdue', level: 'high', text: 'Final EHC plan overdue (past the 20-week deadline)' });

  // 3. Out of school or excluded.
  if (p.excluded) reasons.push({ code: 'excluded', level: 'high', text: 'Child excluded from school' });
  else if (p.outOfSchool) reasons.push({ code: 'out_of_school', level: 'high', text: 'Child out of school' });

  // 4. A tribunal hearing.
  if (p.tribunalHearing) {
    const left = daysBetween(today, p.tribunalHearing);
    if (left >= 0 && left <= URGENT_WITHIN_DAYS) {
      reasons.push({ code: 'hearing_soon', level: 'urgent', text: `Tribunal hearing ${inDays(left)} (${formatLongDate(p.tribunalHearing)})` });
    } else if (left > URGENT_WITHIN_DAYS && left <= HEARING_HIGH_WITHIN_DAYS) {
      reasons.push({ code: 'hearing_within_8_weeks', level: 'high', text: `Tribunal hearing ${inDays(left)} (${formatLongDate(p.tribunalHearing)})` });
    }
  }

  // 5. The acknowledgement target; then age orders the rest.
  const received = englandDateOf(new Date(enquiry.createdAt));
  const acknowledgeBy = addWorkingDays(received, ackDays);
  const acknowledgementOverdue = open && !enquiry.acknowledgedAt && today > acknowledgeBy;
  if (acknowledgementOverdue) {
    reasons.push({ code: 'acknowledgement_overdue', level: 'high', text: `Not acknowledged: was due by ${formatLongDate(acknowledgeBy)}` });
  }

  const ordered = [...reasons].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const level: PriorityLevel = ordered[0]?.level ?? 'normal';
  return {
    level,
    reasons: ordered,
    ageDays: Math.max(0, daysBetween(received, today)),
    acknowledgeBy,
    acknowledgementOverdue,
    showSafeguardingContacts: p.safeguarding,
  };
}

/**
 * Queue order: urgent, then high, then normal; within a level, overdue acknowledgements first,
 * then more reasons first, then the oldest first (then by reference, so the order is stable).
 */
export function compareTriaged(a: { enquiry: Enquiry; triage: Triage }, b: { enquiry: Enquiry; triage: Triage }): number {
  return (
    LEVEL_RANK[a.triage.level] - LEVEL_RANK[b.triage.level] ||
    Number(b.triage.acknowledgementOverdue) - Number(a.triage.acknowledgementOverdue) ||
    b.triage.reasons.length - a.triage.reasons.length ||
    a.enquiry.createdAt.localeCompare(b.enquiry.createdAt) ||
    a.enquiry.id.localeCompare(b.enquiry.id)
  );
}

/** Triages and orders a list of enquiries, highest priority first. */
export function prioritise<E extends Enquiry>(enquiries: readonly E[], options: TriageOptions): { enquiry: E; triage: Triage }[] {
  return enquiries.map((enquiry) => ({ enquiry, triage: triage(enquiry, options) })).sort(compareTriaged);
}

export function levelLabel(level: PriorityLevel): string {
  return level === 'urgent' ? 'Urgent' : level === 'high' ? 'High' : 'Normal';
}
