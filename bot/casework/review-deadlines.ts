/**
 * The annual review's statutory steps, worded once. The booking reply, the outcome reply, the plan
 * status reply and the reports all take their words and sources from this table.
 */
import { daysBetween, formatLongDate, reviewMeetingDeadlines } from '../statutory';
import type { Review } from '../records';

interface ReviewStep {
  /** As a line of the deadlines that follow a meeting date: "Invitations sent by …". */
  readonly by: string;
  /** Plain words for how long the law allows. */
  readonly rule: string;
  /** As something the council must do: "the council must … by 5 March 2026". */
  readonly task: string;
  /** As a step in the outcome record: "Review report: due by …". */
  readonly step: string;
  readonly source: string;
}

export const REVIEW_STEPS = {
  meeting: {
    by: 'The annual review meeting held',
    rule: 'within 12 months of the plan or the last review',
    task: 'hold the annual review meeting',
    step: 'Meeting held',
    source: 'Children and Families Act 2014, section 44(1)',
  },
  notice: {
    by: 'Invitations sent',
    rule: 'at least 2 weeks before the meeting',
    task: 'send the invitations',
    step: 'Invitations sent',
    source: 'SEND Regulations 2014, regulation 20(3)',
  },
  advice: {
    by: 'Advice and information sent to everyone invited',
    rule: 'at least 2 weeks before',
    task: 'send the advice and information to everyone invited',
    step: 'Advice and information sent',
    source: 'SEND Regulations 2014, regulation 20(4)',
  },
  report: {
    by: 'Review report sent to everyone',
    rule: 'within 2 weeks of the meeting',
    task: 'send the review report',
    step: 'Review report',
    source: 'SEND Regulations 2014, regulation 20(7)',
  },
  decision: {
    by: "The council's decision (keep, change or end the plan)",
    rule: 'within 4 weeks',
    task: 'send its decision after the last review meeting',
    step: 'Council decision',
    source: 'SEND Regulations 2014, regulation 20(10)',
  },
  amendedPlan: {
    by: 'If the plan is changed, the final amended plan',
    rule: 'within 12 weeks',
    task: 'issue the final amended plan',
    step: 'Final amended plan',
    source: 'SEND Regulations 2014, regulation 22(3)',
  },
} as const satisfies Record<string, ReviewStep>;

/** Every deadline that follows from a meeting date, one line each, dates as "5 March 2026". */
export function deadlineLines(meeting: string): string[] {
  const d = reviewMeetingDeadlines(meeting);
  const line = (s: ReviewStep, date: string): string => `- ${s.by} by ${formatLongDate(date)} (${s.rule})`;
  return [
    line(REVIEW_STEPS.notice, d.noticeBy),
    line(REVIEW_STEPS.advice, d.adviceCirculatedBy),
    line(REVIEW_STEPS.report, d.reportBy),
    line(REVIEW_STEPS.decision, d.decisionBy),
    line(REVIEW_STEPS.amendedPlan, d.finalAmendedPlanBy),
  ];
}

/** Steps of the review process after the meeting, each with its legal deadline, and whether it was late. */
export function lateSteps(review: Pick<Review, 'dueDate' | 'meetingHeld' | 'reportReceived' | 'laDecision'>, today: string): string[] {
  if (!review.meetingHeld) return [];
  const d = reviewMeetingDeadlines(review.meetingHeld);
  const lines: string[] = [];
  const late = (s: ReviewStep, due: string, done: string | undefined): void => {
    const days = daysBetween(due, done ?? today);
    if (days <= 0) lines.push(`${s.step}: due by ${formatLongDate(due)}, ${done ? `done on ${formatLongDate(done)}, on time` : 'not due yet'}.`);
    else
      lines.push(
        `${s.step}: due by ${formatLongDate(due)}, ${done ? `done on ${formatLongDate(done)},` : 'not done yet,'} ${days} ${days === 1 ? 'day' : 'days'} late (${s.source}).`,
      );
  };
  late(REVIEW_STEPS.meeting, review.dueDate, review.meetingHeld);
  late(REVIEW_STEPS.report, d.reportBy, review.reportReceived);
  late(REVIEW_STEPS.decision, d.decisionBy, review.laDecision?.decidedOn);
  if (review.laDecision?.decision === 'amend') lines.push(`${REVIEW_STEPS.amendedPlan.step}: due by ${formatLongDate(d.finalAmendedPlanBy)} (${REVIEW_STEPS.amendedPlan.source}).`);
  return lines;
}
