/**
 * What a plan's status reply says, worked out from the records and the statutory rules. Pure, so
 * every branch is unit-tested; the plan-status dialog only renders it.
 */
import { assessmentDeadlines, assessmentProgress, daysBetween, formatLongDate, reviewMeetingDeadlines } from '../statutory';
import { nextReviewDue, type Plan, type Review } from '../records';
import { REVIEW_STEPS } from './review-deadlines';
import { unrecordedOf } from './unrecorded';

export interface StatusDeadline {
  readonly what: string;
  readonly due: string;
  /** Days late when missed; undefined when not yet due. */
  readonly daysLate?: number;
  readonly source: string;
}

export interface PlanStatusView {
  /** "Assessment: week 9 of 20. The council must decide by 17 March 2026." */
  readonly stage: string;
  readonly next?: StatusDeadline;
  readonly missed: readonly StatusDeadline[];
  readonly lastReview?: string;
  readonly nextReview?: string;
  /** The date of a booked meeting that has passed with no record of whether it was held ("booked, not recorded"). */
  readonly unrecordedMeeting?: string;
}

const long = formatLongDate;

function deadline(what: string, due: string, today: string, source: string): StatusDeadline {
  const late = daysBetween(due, today);
  return { what, due, source, ...(late > 0 ? { daysLate: late } : {}) };
}

export function planStatusView(plan: Plan, reviews: readonly Review[], today: string): PlanStatusView {
  const d = plan.keyDates;
  const missed: StatusDeadline[] = [];
  let next: StatusDeadline | undefined;
  let stage: string;
  const consider = (item: StatusDeadline): void => {
    if (item.daysLate) missed.push(item);
    else if (!next || item.due < next.due) next = item;
  };

  if ((plan.status === 'requested' || plan.status === 'assessing' || plan.status === 'draft_issued') && d.requestReceived) {
    const due = assessmentDeadlines(d.requestReceived);
    const progress = d.requestReceived <= today ? assessmentProgress(d.requestReceived, today).label : 'not started';
    if (plan.status === 'requested') {
      consider(deadline('decide whether to carry out an EHC needs assessment', due.decisionToAssess, today, 'SEND Regulations 2014, regulation 5(1)'));
      stage = `Request for assessment: ${progress}. The council must decide whether to assess by ${long(due.decisionToAssess)}.`;
    } else if (plan.status === 'assessing') {
      consider(deadline('tell you if it will not issue a plan', due.noticeNotToIssue, today, 'SEND Regulations 2014, regulation 10(1)'));
      consider(deadline('issue the final EHC plan', due.finalPlan, today, 'SEND Regulations 2014, regulation 13(2)'));
      stage = `Assessment: ${progress}. The council must decide by ${long(due.noticeNotToIssue)} whether to issue a plan, and issue any final plan by ${long(due.finalPlan)}.`;
    } else {
      consider(deadline('issue the final EHC plan', due.finalPlan, today, 'SEND Regulations 2014, regulation 13(2)'));
      stage = `Draft plan issued on ${long(d.draftIssued ?? d.requestReceived)}: ${progress}. The final plan must be issued by ${long(due.finalPlan)}.`;
    }
  } else if (plan.status === 'final_issued') {
    const held = reviews.filter((r) => r.meetingHeld).sort((a, b) => (a.meetingHeld! < b.meetingHeld! ? -1 : 1));
    const heldDates = held.map((r) => r.meetingHeld!);
    const due = nextReviewDue(plan, heldDates);
    const booked = reviews.find((r) => (r.status === 'booked' || r.status === 'rescheduled') && r.proposedDate >= today);
    const unrecorded = unrecordedOf(reviews, today);
    stage = `Final EHC plan in place since ${long(d.planFirstIssued ?? d.finalIssued!)}.`;
    const meeting = REVIEW_STEPS.meeting;
    if (due && !(booked && booked.proposedDate <= due)) consider(deadline(meeting.task, due, today, meeting.source));
    else if (due) next = { what: meeting.task, due, source: meeting.source };
    const last = held.at(-1);
    if (last?.meetingHeld) {
      const after = reviewMeetingDeadlines(last.meetingHeld);
      if (!last.laDecision) consider(deadline(REVIEW_STEPS.decision.task, after.decisionBy, today, REVIEW_STEPS.decision.source));
      else if (last.laDecision.decision === 'amend' && !last.finalAmendedPlanIssued) {
        consider(deadline(REVIEW_STEPS.amendedPlan.task, after.finalAmendedPlanBy, today, REVIEW_STEPS.amendedPlan.source));
      }
    }
    const lastDate = [d.lastReviewMeeting, ...heldDates]
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
    return {
      stage,
      missed,
      ...(next ? { next } : {}),
      ...(lastDate ? { lastReview: `The last annual review meeting was on ${long(lastDate)}.` } : { lastReview: 'There has not been an annual review meeting yet.' }),
      ...(unrecorded ? { unrecordedMeeting: unrecorded.proposedDate } : {}),
      nextReview: unrecorded
        ? `Booked, not recorded: a review meeting was booked for ${long(unrecorded.proposedDate)} and there is no record of whether it took place.${due ? ` The review is due by ${long(due)}.` : ''}`
        : booked
          ? `The next annual review meeting is booked for ${long(booked.proposedDate)}${due ? ` (it is due by ${long(due)})` : ''}.`
          : due
            ? `The next annual review is due by ${long(due)}. No meeting is booked yet.`
            : 'No annual review is due.',
    };
  } else if (plan.status === 'ceased') {
    stage = `The EHC plan ended on ${long(d.ceased!)}.`;
  } else {
    stage = 'The plan has no dates recorded yet.';
  }
  return { stage, missed, ...(next ? { next } : {}) };
}

/** The reply's lines, in order: stage, next deadline, missed deadlines, reviews. */
export function planStatusLines(view: PlanStatusView): string[] {
  const lines = [view.stage];
  if (view.next) lines.push(`Next deadline: the council must ${view.next.what} by ${long(view.next.due)}.`);
  for (const m of view.missed) {
    lines.push(`Missed deadline: the council had to ${m.what} by ${long(m.due)}. This is ${m.daysLate} ${m.daysLate === 1 ? 'day' : 'days'} late (${m.source}).`);
  }
  if (view.lastReview) lines.push(view.lastReview);
  if (view.nextReview) lines.push(view.nextReview);
  return lines;
}
