/**
 * SENDIAS's own figures for a period: enquiries received, acknowledged within the target, open now
 * by priority, and time to close. For SENDIAS advisers only: SENDIAS is at arm's length from the
 * council, so council staff never see these (docs/triage.md).
 */
import type { Enquiry, EnquiryOutcome } from '../records/enquiries';
import { daysBetween, englandDateOf } from '../statutory';
import { triage, type PriorityLevel } from './priority';

export interface SendiasFigures {
  readonly from: string;
  readonly to: string;
  readonly received: number;
  /** Of the enquiries received in the period whose acknowledgement was due by today. */
  readonly acknowledgementDue: number;
  readonly acknowledgedInTime: number;
  readonly openByPriority: Readonly<Record<PriorityLevel, number>>;
  readonly closed: number;
  /** Median calendar days from receipt to closing, for enquiries closed in the period; undefined when none. */
  readonly medianDaysToClose?: number;
  readonly closedByOutcome: Readonly<Partial<Record<EnquiryOutcome, number>>>;
}

export function sendiasFigures(enquiries: readonly Enquiry[], options: { from: string; to: string; today: string; ackWorkingDays: number }): SendiasFigures {
  const { from, to, today, ackWorkingDays } = options;
  const day = (iso: string): string => englandDateOf(new Date(iso));
  const within = (d: string): boolean => d >= from && d <= to;
  const openByPriority: Record<PriorityLevel, number> = { urgent: 0, high: 0, normal: 0 };
  const closedByOutcome: Partial<Record<EnquiryOutcome, number>> = {};
  const closeDays: number[] = [];
  let received = 0;
  let acknowledgementDue = 0;
  let acknowledgedInTime = 0;
  for (const e of enquiries) {
    const t = triage(e, { today, ackWorkingDays });
    if (e.status !== 'closed') openByPriority[t.level] += 1;
    const came = day(e.createdAt);
    if (within(came)) {
      received += 1;
      if (t.acknowledgeBy < today || (e.acknowledgedAt && day(e.acknowledgedAt) <= t.acknowledgeBy)) {
        acknowledgementDue += 1;
        if (e.acknowledgedAt && day(e.acknowledgedAt) <= t.acknowledgeBy) acknowledgedInTime += 1;
      }
    }
    if (e.closedAt && within(day(e.closedAt))) {
      closeDays.push(daysBetween(came, day(e.closedAt)));
      if (e.outcome) closedByOutcome[e.outcome] = (closedByOutcome[e.outcome] ?? 0) + 1;
    }
  }
  closeDays.sort((a, b) => a - b);
  const median =
    closeDays.length === 0
      ? undefined
      : closeDays.length % 2
        ? closeDays[(closeDays.length - 1) / 2]!
        : (closeDays[closeDays.length / 2 - 1]! + closeDays[closeDays.length / 2]!) / 2;
  return {
    from,
    to,
    received,
    acknowledgementDue,
    acknowledgedInTime,
    openByPriority,
    closed: closeDays.length,
    ...(median !== undefined ? { medianDaysToClose: median } : {}),
    closedByOutcome,
  };
}
