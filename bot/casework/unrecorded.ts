/**
 * Meetings booked but never recorded: the Ombudsman found Luton had no paperwork for review
 * meetings held in its schools (LGSCO 18 012 490). A booked meeting whose date has passed is asked
 * about before anything else is done to the plan: was it held (record the outcome), not held (say
 * why, then book a new meeting), or not known (ask the school for the review report). Two working
 * days after such a date the caseworker is reminded in Teams and the school emailed, then weekly
 * until someone says what happened. Every answer goes through the guard and is audited.
 */
import type { Identity } from '../identity/identity';
import { ConflictError, InvalidStateError, bookedOn, isBookedNotRecorded, nextReviewDue, type Plan, type Review, type ReviewHistoryEntry, type Stored, StaffId } from '../records';
import type { UnrecordedMeeting } from '../records/compliance';
import { addWorkingDays, daysBetween, englandDateOf, formatLongDate } from '../statutory';
import { caseloadFilter } from './compliance';
import { OncePerKey } from './once';
import type { PlanCasework } from './plans';
import type { CaseworkDeps, OutgoingMessage } from './ports';

/** The three answers to "Was it held?". */
export const UNRECORDED_ANSWERS = ['held', 'not_held', 'not_sure'] as const;
export type UnrecordedAnswer = (typeof UNRECORDED_ANSWERS)[number];

/** Working days after the meeting's date before the first reminder, then days between reminders. */
export const FIRST_REMINDER_WORKING_DAYS = 2;
export const REMINDER_EVERY_DAYS = 7;

/** A meeting whose date has passed with no record, as the person answering sees it. */
export interface UnrecordedView {
  readonly planRef: string;
  readonly reviewId: string;
  /** The date the meeting was booked for. */
  readonly date: string;
  /** The day it was booked: an outcome cannot be dated before it. */
  readonly bookedOn: string;
  readonly childName?: string;
  /** The school on the invitation, and whether we have an email address to ask it. */
  readonly school?: { readonly name: string; readonly email?: string };
  readonly reviewDue?: string;
}

/** Who last changed a meeting's record, and to what: for "already recorded by …". */
export interface RecordedChange {
  readonly planRef: string;
  readonly status: Review['status'];
  readonly date: string;
  readonly by: string;
  readonly on: string;
}

export type OpenUnrecorded =
  | { readonly kind: 'not_found' }
  /** Nothing waiting on the plan; `change` says what happened to the meeting asked about, if one was named. */
  | { readonly kind: 'none'; readonly planRef: string; readonly change?: RecordedChange }
  | { readonly kind: 'ready'; readonly meeting: UnrecordedView };

export type UnrecordedResult =
  | { readonly kind: 'denied' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'already'; readonly change: RecordedChange }
  | { readonly kind: 'not_held'; readonly planRef: string; readonly date: string; readonly reviewDue?: string; readonly reviewDaysLate?: number }
  | { readonly kind: 'school_asked'; readonly planRef: string; readonly school: string; readonly email: string }
  | { readonly kind: 'no_school_email'; readonly planRef: string; readonly school?: string };

/** What the caseworker's reminder card shows. */
export interface UnrecordedReminder {
  readonly planRef: string;
  readonly reviewId: string;
  readonly childName?: string;
  readonly date: string;
  readonly daysSince: number;
  readonly reminder: number;
  readonly schoolEmailed: boolean;
}

export class UnrecordedCasework {
  private readonly done = new OncePerKey<UnrecordedResult>();

  constructor(
    private readonly deps: CaseworkDeps,
    private readonly plans: PlanCasework,
  ) {}

  /**
   * The plan's meeting whose date passed with no record, for someone who may record outcomes.
   * With `reviewId` (a reminder card), that meeting: when it has been recorded since, who did it.
   */
  async open(identity: Identity, planRef: string, reviewId?: string): Promise<OpenUnrecorded> {
    const plan = await this.plans.find(identity, planRef, 'review.record_outcome');
    if (!plan) return { kind: 'not_found' };
    const reviews = await this.deps.records.reviews.forPlan(plan.id, plan.childId);
    const today = this.deps.clock.today();
    const named = reviewId ? reviews.find((r) => r.id === reviewId) : undefined;
    if (reviewId && !named) return { kind: 'not_found' };
    if (named && !isBookedNotRecorded(named, today)) return { kind: 'none', planRef: plan.id, change: await this.changeOf(named) };
    const meeting = named ?? unrecordedOf(reviews, today);
    if (!meeting) return { kind: 'none', planRef: plan.id };
    return { kind: 'ready', meeting: await this.view(plan, meeting, reviews) };
  }

  /** "It was not held": the meeting is marked not held with the reason, so a new one can be booked. */
  markNotHeld(identity: Identity, input: { readonly reviewId: string; readonly reason: string; readonly key: string }): Promise<UnrecordedResult> {
    return this.once(input.key, identity, input.reviewId, async (review, plan) => {
      const marked = await this.deps.records.reviews.recordNotHeld(review, { reason: input.reason, by: identity.actorId });
      await this.deps.guard.recordDone(identity, 'review.record_outcome', { childId: plan.childId, recordRef: marked.id });
      const reviews = await this.deps.records.reviews.forPlan(plan.id, plan.childId);
      const due = nextReviewDue(
        plan,
        reviews.flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : [])),
      );
      const late = due ? daysBetween(due, this.deps.clock.today()) : 0;
      return { kind: 'not_held', planRef: plan.id, date: marked.proposedDate, ...(due ? { reviewDue: due } : {}), ...(late > 0 ? { reviewDaysLate: late } : {}) };
    });
  }

  /** "Not sure": the school on the invitation is emailed for the review report (regulation 20(7)); the meeting stays open. */
  askSchool(identity: Identity, input: { readonly reviewId: string; readonly key: string }): Promise<UnrecordedResult> {
    return this.once(input.key, identity, input.reviewId, async (review, plan) => {
      const school = schoolOf(review, plan);
      if (!school?.email) return { kind: 'no_school_email', planRef: plan.id, ...(school ? { school: school.name } : {}) };
      await this.emailSchool(review, plan, school.email);
      await this.deps.records.reviews.recordChase(review, { change: 'school_asked', on: this.deps.clock.today(), by: identity.actorId, reason: 'Asked by the caseworker' });
      await this.deps.guard.recordDone(identity, 'review.record_outcome', { childId: plan.childId, recordRef: review.id });
      return { kind: 'school_asked', planRef: plan.id, school: school.name, email: school.email };
    });
  }

  /** The meetings booked whose date has passed with no record: a caseworker's caseload, a manager's every plan; undefined for anyone else. */
  async list(identity: Identity): Promise<UnrecordedMeeting[] | undefined> {
    if (identity.kind !== 'staff' || !(await this.deps.guard.allows(identity, 'compliance.overdue'))) return undefined;
    return this.deps.records.compliance.meetingsNotRecorded(this.deps.clock.today(), caseloadFilter(identity));
  }

  /** What happened to a meeting since a card or question was shown: who recorded what, and when. */
  async changeOf(review: Review): Promise<RecordedChange> {
    const entry = lastDecisive(review.history);
    return {
      planRef: review.planRef,
      status: review.status,
      date: review.meetingHeld ?? review.proposedDate,
      by: await this.nameOf(entry?.by),
      on: englandDateOf(new Date(entry?.at ?? review.updatedAt)),
    };
  }

  /**
   * The reminder job: for each meeting booked whose date passed at least 2 working days ago with
   * no record, a card to the plan's caseworker in Teams and an email to the school on the
   * invitation asking for the review report; again every week until someone answers. Once per
   * meeting per week across instances (a claim). Returns how many meetings were chased.
   */
  async chase(render: (reminder: UnrecordedReminder) => OutgoingMessage): Promise<number> {
    const { records, messenger, clock } = this.deps;
    const today = clock.today();
    let chased = 0;
    for (const item of await records.compliance.meetingsNotRecorded(today)) {
      const first = addWorkingDays(item.record.proposedDate, FIRST_REMINDER_WORKING_DAYS);
      if (today < first) continue;
      const week = Math.floor(daysBetween(first, today) / REMINDER_EVERY_DAYS);
      const claim = `unrecorded-chase:${item.record.id}:${week}`;
      if (!(await messenger.claimOnce(claim, (REMINDER_EVERY_DAYS + 2) * 24 * 60 * 60))) continue;
      await this.chaseOne(item, claim, render);
      chased++;
    }
    return chased;
  }

  private async chaseOne(item: UnrecordedMeeting, purpose: string, render: (reminder: UnrecordedReminder) => OutgoingMessage): Promise<void> {
    const { records, messenger, clock, logger } = this.deps;
    const { record: review, plan } = item;
    const school = schoolOf(review, plan);
    if (school?.email) await this.emailSchool(review, plan, school.email);
    const reference = plan.caseworkerId ? await messenger.referenceFor(`staff:${plan.caseworkerId}`) : undefined;
    if (reference) {
      const child = await records.children.find(plan.childId);
      await messenger.send(
        purpose,
        reference,
        render({
          planRef: plan.id,
          reviewId: review.id,
          ...(child ? { childName: child.givenName } : {}),
          date: review.proposedDate,
          daysSince: item.daysSince,
          reminder: item.reminders + 1,
          schoolEmailed: Boolean(school?.email),
        }),
      );
    }
    const sent = [reference ? 'caseworker reminded in Teams' : 'no Teams chat for the caseworker', school?.email ? 'school emailed' : 'no school email on the invitation'];
    // A caseworker answering at the same moment wins; the reminder note is then not needed.
    try {
      await records.reviews.recordChase(review, { change: 'reminder_sent', on: clock.today(), by: 'system', reason: sent.join('; ') });
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof InvalidStateError)) throw error;
    }
    await records.audit.append({
      actor: { id: 'system', role: 'system' },
      channel: 'system',
      action: 'review.chase',
      outcome: 'allowed',
      recordRef: review.id,
      childRef: plan.childId,
    });
    logger?.info({ purpose: 'unrecorded-chase', ref: review.id, caseworkerReminded: Boolean(reference), schoolEmailed: Boolean(school?.email) }, 'chased a meeting with no record');
  }

  private async emailSchool(review: Review, plan: Plan, to: string): Promise<void> {
    const { notifier, council } = this.deps;
    const when = formatLongDate(review.proposedDate);
    await notifier.send({
      kind: 'email',
      to,
      reference: plan.id,
      subject: `Annual review report needed: EHC plan ${plan.id}, meeting booked for ${when}`,
      body: [
        `${council.name} has no record of the annual review meeting for EHC plan ${plan.id}, which was booked for ${when}.`,
        `If the meeting took place, please send the review report to ${council.sendEmail}. The report is due within 2 weeks of the meeting (SEND Regulations 2014, regulation 20(7)).`,
        `If the meeting did not take place, please tell us at the same address, so it can be booked again.`,
      ].join('\n\n'),
    });
  }

  private async view(plan: Stored<Plan>, meeting: Stored<Review>, reviews: readonly Review[]): Promise<UnrecordedView> {
    const child = await this.deps.records.children.find(plan.childId);
    const school = schoolOf(meeting, plan);
    const due = nextReviewDue(
      plan,
      reviews.flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : [])),
    );
    return {
      planRef: plan.id,
      reviewId: meeting.id,
      date: meeting.proposedDate,
      bookedOn: bookedOn(meeting),
      ...(child ? { childName: child.givenName } : {}),
      ...(school ? { school } : {}),
      ...(due ? { reviewDue: due } : {}),
    };
  }

  /** One answer per key (two presses make one change); the meeting is re-read and must still be waiting. */
  private async once(
    key: string,
    identity: Identity,
    reviewId: string,
    work: (review: Stored<Review>, plan: Stored<Plan>) => Promise<UnrecordedResult>,
  ): Promise<UnrecordedResult> {
    const { records, clock } = this.deps;
    const found = await records.reviews.find(reviewId as never);
    const plan = found ? await this.plans.find(identity, found.planRef, 'review.record_outcome') : undefined;
    if (!found || !plan) return { kind: 'denied' };
    const { first, result } = this.done.run(key, async () => {
      if (!isBookedNotRecorded(found, clock.today())) return { kind: 'already', change: await this.changeOf(found) };
      try {
        return await work(found, plan);
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof InvalidStateError)) throw error;
        const now = await records.reviews.get(found.id);
        return { kind: 'already', change: await this.changeOf(now) };
      }
    });
    const outcome = await result;
    return first ? outcome : { kind: 'repeat' };
  }

  private async nameOf(actor: string | undefined): Promise<string> {
    if (!actor || actor === 'system') return 'the assistant';
    const staff = StaffId.safeParse(actor);
    if (!staff.success) return 'the family';
    return (await this.deps.records.staff.find(staff.data))?.displayName ?? 'a member of staff';
  }
}

/**
 * The plan's meeting booked for a date already passed with no record, in the current review cycle
 * (after the last meeting held), as the compliance views and the records' booking rule see it.
 */
export function unrecordedOf<R extends Review>(reviews: readonly R[], today: string): R | undefined {
  const lastHeld = reviews.reduce((max, r) => (r.meetingHeld && r.meetingHeld > max ? r.meetingHeld : max), '');
  return reviews.filter((r) => r.proposedDate > lastHeld && isBookedNotRecorded(r, today)).sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))[0];
}

/** The school or setting on the invitation, with its email address when the invitation has one. */
function schoolOf(review: Review, plan: Plan): { name: string; email?: string } | undefined {
  const invited = review.invitees.find((i) => i.role === 'head_or_setting');
  const name = invited?.organisation ?? plan.schoolName ?? invited?.name;
  if (!name) return undefined;
  return { name, ...(invited?.email ? { email: invited.email } : {}) };
}

/** The history entry that settled the meeting's state: held, not held, cancelled, moved or booked. */
function lastDecisive(history: readonly ReviewHistoryEntry[]): ReviewHistoryEntry | undefined {
  return [...history].reverse().find((h) => ['held', 'not_held', 'cancelled', 'rescheduled', 'booked'].includes(h.change));
}
