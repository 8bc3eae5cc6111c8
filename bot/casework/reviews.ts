/**
 * Annual reviews: which plans a person may book for, opening a plan for booking, the date rules,
 * the regulation 20(2) invitees, booking, moving and cancelling a meeting with its invitations, and
 * recording that a meeting was held and what was decided. Every step goes through the access guard.
 */
import type { Identity } from '../identity/identity';
import { meetingInvitation, addressOf } from '../notify';
import {
  ConflictError,
  InvalidStateError,
  REQUIRED_INVITEE_ROLES,
  ValidationError,
  bookedOn,
  nextReviewDue,
  type Attendance,
  type Invitee,
  type Plan,
  type Review,
  type ReviewOutcome,
  type Stored,
  type Venue,
} from '../records';
import { addDays, checkReviewMeetingDate, formatLongDate, formatLongDateWithWeekday, phaseTransferDeadline, type ReviewBookingProblem } from '../statutory';
import { OncePerKey } from './once';
import type { PlanCasework } from './plans';
import type { CaseworkDeps } from './ports';
import { lateSteps } from './review-deadlines';
import { unrecordedOf } from './unrecorded';

/** A plan to offer as a button: its reference and what the button says. */
export interface PlanChoice {
  readonly ref: string;
  readonly label: string;
}

export type BookablePlans =
  { readonly kind: 'no_final_plan' } | { readonly kind: 'one'; readonly ref: string } | { readonly kind: 'choose'; readonly plans: readonly PlanChoice[] };

export type OpenForBooking =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_final'; readonly planRef: string }
  /** A meeting was booked for a date already passed and nobody has said whether it was held: ask first. */
  | { readonly kind: 'unrecorded'; readonly planRef: string; readonly reviewId: string; readonly date: string }
  | {
      readonly kind: 'ready';
      readonly planRef: string;
      /** When the review is due by. */
      readonly due: string;
      /** The phase-transfer deadline, when the child moves phase this year. */
      readonly phase?: string;
      /** The meeting already booked, if any. */
      readonly active?: { readonly id: string; readonly date: string; readonly startTime?: string };
    };

/** What a meeting date must respect: the review's due date and any phase-transfer deadline. */
export interface DateRules {
  readonly due: string;
  readonly phase?: string;
}

export interface BookInput {
  readonly planRef: string;
  readonly date: string;
  readonly startTime?: string;
  readonly venue: Venue;
  readonly invitees: readonly Invitee[];
  /** One booking per key, however often it is confirmed. */
  readonly key: string;
  readonly rules: DateRules;
}

export interface ChangeInput {
  readonly planRef: string;
  readonly reviewId: string;
  readonly reason: string;
  readonly key: string;
}

/** Why the records refused a change the person had been allowed to ask for, so the reply can say what to do. */
export type RefusalReason =
  /** A meeting booked for a date already passed has no record: say whether it was held first. */
  | { readonly kind: 'unrecorded'; readonly date: string }
  /** Another meeting is booked (by someone else, since the dialog started). */
  | { readonly kind: 'booked'; readonly date: string }
  /** The date is no longer allowed (for example, less than 2 weeks' notice is left). */
  | { readonly kind: 'date'; readonly problems: readonly string[] }
  | { readonly kind: 'not_final' }
  /** Someone else changed the meeting at the same moment. */
  | { readonly kind: 'changed' };

export type MeetingChange =
  | { readonly kind: 'denied' }
  | { readonly kind: 'stale'; readonly why: RefusalReason }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'booked'; readonly review: Stored<Review>; readonly invitationsSent?: string; readonly warnings: readonly string[] }
  | { readonly kind: 'moved'; readonly from: string; readonly review: Stored<Review> }
  | { readonly kind: 'cancelled'; readonly review: Stored<Review> };

export type OpenForOutcome =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'nothing_waiting'; readonly planRef: string }
  | {
      readonly kind: 'ready';
      readonly planRef: string;
      readonly reviewId: string;
      readonly proposedDate: string;
      /** The day the meeting was booked: it cannot have been held before then. */
      readonly bookedOn: string;
      readonly held?: string;
      readonly invitees: readonly Invitee[];
    };

export interface OutcomeInput {
  readonly reviewId: string;
  readonly held: string;
  /** Invitee numbers (1-based) who came; ignored when the meeting is already recorded as held. */
  readonly attended: readonly number[];
  readonly reportReceived?: string;
  readonly decision?: { readonly decision: ReviewOutcome; readonly on: string };
}

export type OutcomeResult =
  { readonly kind: 'denied' } | { readonly kind: 'stale' } | { readonly kind: 'recorded'; readonly review: Stored<Review>; readonly steps: readonly string[] };

/** A meeting waiting for an outcome: booked for today or earlier, or held with no decision yet. */
export function isAwaitingOutcome(review: Pick<Review, 'status' | 'proposedDate' | 'laDecision'>, today: string): boolean {
  return ((review.status === 'booked' || review.status === 'rescheduled') && review.proposedDate <= today) || (review.status === 'held' && !review.laDecision);
}

const MAX_BUTTONS = 8;

export class ReviewCasework {
  private readonly done = new OncePerKey<MeetingChange>();

  constructor(
    private readonly deps: CaseworkDeps,
    private readonly plans: PlanCasework,
  ) {}

  /** The plans a person may book a review for: a parent's children's final plans, or a caseworker's soonest due. */
  async bookablePlans(identity: Identity): Promise<BookablePlans> {
    if (identity.kind === 'parent') {
      const final = (await this.plans.ofParent(identity)).filter((p) => p.status === 'final_issued');
      if (final.length === 0) return { kind: 'no_final_plan' };
      if (final.length === 1) return { kind: 'one', ref: final[0]!.id };
      const children = await this.deps.records.children.getMany(final.map((p) => p.childId));
      const nameOf = new Map(children.map((c) => [c.id, c.givenName]));
      return { kind: 'choose', plans: final.map((p) => ({ ref: p.id, label: `${nameOf.get(p.childId) ?? 'Your child'} (${p.id})` })) };
    }
    const caseload = await this.plans.caseload(identity);
    const soonest = (caseload ?? [])
      .flatMap((p) => {
        const due = p.status === 'final_issued' ? nextReviewDue(p) : undefined;
        return due ? [{ ref: p.id, due }] : [];
      })
      .sort((a, b) => a.due.localeCompare(b.due))
      .slice(0, MAX_BUTTONS)
      .map((p) => ({ ref: p.ref, label: `${p.ref}: review due by ${formatLongDate(p.due)}` }));
    return { kind: 'choose', plans: soonest };
  }

  /** A plan the person may book for, when the review is due, and any meeting already booked. */
  async openForBooking(identity: Identity, ref: string): Promise<OpenForBooking> {
    const plan = await this.plans.find(identity, ref, 'review.book');
    if (!plan) return { kind: 'not_found' };
    if (plan.status !== 'final_issued') return { kind: 'not_final', planRef: plan.id };
    const today = this.deps.clock.today();
    const reviews = await this.deps.records.reviews.forPlan(plan.id, plan.childId);
    const held = reviews.flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : []));
    // The records refuse a second meeting while one is booked, even for a past date: ask about it
    // first, rather than offering every step of a booking and refusing at the end.
    const unrecorded = unrecordedOf(reviews, today);
    if (unrecorded) return { kind: 'unrecorded', planRef: plan.id, reviewId: unrecorded.id, date: unrecorded.proposedDate };
    const due = nextReviewDue(plan, held) ?? addDays(today, 365);
    const phase = plan.phaseTransfer ? safePhaseDeadline(plan.phaseTransfer.year, plan.phaseTransfer.kind) : undefined;
    const active = reviews.find((r) => (r.status === 'booked' || r.status === 'rescheduled') && r.proposedDate >= today);
    return {
      kind: 'ready',
      planRef: plan.id,
      due,
      ...(phase ? { phase } : {}),
      ...(active ? { active: { id: active.id, date: active.proposedDate, ...(active.startTime ? { startTime: active.startTime } : {}) } } : {}),
    };
  }

  /** The first date a meeting may be on: 2 weeks' notice (regulation 20(3)). */
  earliestDate(): string {
    return addDays(this.deps.clock.today(), 14);
  }

  /** What is wrong with a meeting date: `block` problems stop the booking, `warn` ones are shown. */
  checkDate(date: string, rules: DateRules): readonly ReviewBookingProblem[] {
    return checkReviewMeetingDate(date, { today: this.deps.clock.today(), reviewDue: rules.due, ...(rules.phase ? { phaseTransferDeadline: rules.phase } : {}) }).problems;
  }

  warnings(date: string, rules: DateRules): string[] {
    return this.checkDate(date, rules)
      .filter((p) => p.severity === 'warn')
      .map((p) => p.message);
  }

  /** The people regulation 20(2) says must be invited, named from the records where we know them. */
  async requiredInvitees(planRef: string): Promise<Invitee[]> {
    const { records } = this.deps;
    const plan = await records.plans.get(planRef);
    const [parents, caseworker] = await Promise.all([
      records.parents.forChild(plan.childId),
      plan.caseworkerId ? records.staff.find(plan.caseworkerId) : Promise.resolve(undefined),
    ]);
    const parent = parents.find((p) => p.kind === 'parent_carer') ?? parents[0];
    const names: Record<(typeof REQUIRED_INVITEE_ROLES)[number], Invitee> = {
      parent_or_young_person: {
        role: 'parent_or_young_person',
        name: parent ? `${parent.givenName} ${parent.familyName}` : 'Parent or carer',
        ...(parent?.email ? { email: parent.email } : {}),
      },
      head_or_setting: { role: 'head_or_setting', name: plan.schoolName ? `Head teacher, ${plan.schoolName}` : 'Head teacher or setting' },
      la_sen_officer: { role: 'la_sen_officer', name: caseworker?.displayName ?? 'Council SEN officer', ...(caseworker?.email ? { email: caseworker.email } : {}) },
      health_professional: { role: 'health_professional', name: 'Health professional (designated clinical officer)' },
      social_care: { role: 'social_care', name: 'Social care' },
    };
    return REQUIRED_INVITEE_ROLES.map((role) => names[role]);
  }

  /** Books the meeting (once per key), audits it and sends the invitations. */
  book(identity: Identity, input: BookInput): Promise<MeetingChange> {
    return this.once(input.key, identity, input.planRef, 'review.book', input.date, async (plan) => {
      const review = await this.deps.records.reviews.book({
        plan,
        proposedDate: input.date,
        ...(input.startTime ? { startTime: input.startTime } : {}),
        venue: input.venue,
        invitees: [...input.invitees],
        bookedBy: identity.actorId,
        idempotencyKey: input.key,
      });
      await this.deps.guard.recordDone(identity, 'review.book', { childId: plan.childId, recordRef: review.id });
      const sent = review.invitationsSent ? review : await this.invite(review, plan, false);
      return { kind: 'booked', review, ...(sent.invitationsSent ? { invitationsSent: sent.invitationsSent } : {}), warnings: this.warnings(review.proposedDate, input.rules) };
    });
  }

  /** Moves the meeting, keeping its history, and sends everyone an updated invitation. */
  move(identity: Identity, input: ChangeInput & { readonly date: string; readonly startTime?: string }): Promise<MeetingChange> {
    return this.once(input.key, identity, input.planRef, 'review.change', input.date, async (plan) => {
      const review = await this.deps.records.reviews.get(input.reviewId as never);
      const moved = await this.deps.records.reviews.reschedule(review, {
        to: input.date,
        reason: input.reason,
        by: identity.actorId,
        ...(input.startTime ? { startTime: input.startTime } : {}),
      });
      await this.deps.guard.recordDone(identity, 'review.change', { childId: plan.childId, recordRef: review.id });
      await this.invite(moved, plan, false);
      return { kind: 'moved', from: review.proposedDate, review: moved };
    });
  }

  /** Cancels the meeting, keeping its history, and tells everyone invited. */
  cancel(identity: Identity, input: ChangeInput): Promise<MeetingChange> {
    return this.once(input.key, identity, input.planRef, 'review.change', undefined, async (plan) => {
      const review = await this.deps.records.reviews.get(input.reviewId as never);
      const cancelled = await this.deps.records.reviews.cancel(review, { reason: input.reason, by: identity.actorId });
      await this.deps.guard.recordDone(identity, 'review.change', { childId: plan.childId, recordRef: review.id });
      await this.invite(cancelled, plan, true);
      return { kind: 'cancelled', review: cancelled };
    });
  }

  /** Confirm pressed twice at once: one change, one audit event, one set of invitations. A stale record changes nothing. */
  private async once(
    key: string,
    identity: Identity,
    planRef: string,
    action: 'review.book' | 'review.change',
    date: string | undefined,
    work: (plan: Stored<Plan>) => Promise<MeetingChange>,
  ): Promise<MeetingChange> {
    const plan = await this.plans.find(identity, planRef, action);
    if (!plan) return { kind: 'denied' };
    try {
      const { first, result } = this.done.run(key, () => work(plan));
      const change = await result;
      return first ? change : { kind: 'repeat' };
    } catch (error) {
      if (error instanceof InvalidStateError || error instanceof ConflictError) return { kind: 'stale', why: await this.whyRefused(plan, action, date) };
      throw error;
    }
  }

  /** Reads the plan's meetings again to say why the records refused: the reply then says what to do. */
  private async whyRefused(plan: Stored<Plan>, action: 'review.book' | 'review.change', date: string | undefined): Promise<RefusalReason> {
    const today = this.deps.clock.today();
    const now = await this.deps.records.plans.get(plan.id);
    if (now.status !== 'final_issued') return { kind: 'not_final' };
    const reviews = await this.deps.records.reviews.forPlan(plan.id, plan.childId);
    const unrecorded = unrecordedOf(reviews, today);
    if (unrecorded) return { kind: 'unrecorded', date: unrecorded.proposedDate };
    const active = reviews.find((r) => (r.status === 'booked' || r.status === 'rescheduled') && r.proposedDate >= today);
    if (action === 'review.book' && active) return { kind: 'booked', date: active.proposedDate };
    if (date) {
      const held = reviews.flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : []));
      const due = active?.dueDate ?? nextReviewDue(now, held) ?? addDays(today, 365);
      const blocks = this.checkDate(date, { due }).filter((p) => p.severity === 'block');
      if (blocks.length > 0) return { kind: 'date', problems: blocks.map((p) => p.message) };
    }
    return { kind: 'changed' };
  }

  /** Sends the invitation (or update, or cancellation) to every invitee with an email, and the parent by their preferred route. */
  private async invite(review: Stored<Review>, plan: Plan, cancelled: boolean): Promise<Stored<Review>> {
    const { notifier, records, clock } = this.deps;
    const sequence = review.history.filter((h) => h.change === 'rescheduled' || h.change === 'cancelled').length;
    const where = review.venue.kind === 'online' ? 'Online' : review.venue.place;
    const ics = meetingInvitation({
      uid: `${review.id}@send-assistant`,
      date: review.proposedDate,
      ...(review.startTime ? { startTime: review.startTime } : {}),
      title: `EHC plan annual review meeting (${plan.id})`,
      location: where,
      description: `Annual review meeting for EHC plan ${plan.id}.`,
      sequence,
      cancelled,
    });
    const when = meetingWhen(review);
    const subject = cancelled ? `Cancelled: annual review meeting (${plan.id})` : `Annual review meeting (${plan.id}) on ${when}`;
    const body = cancelled
      ? `The annual review meeting for EHC plan ${plan.id} on ${when} has been cancelled. You will be invited to the new date.`
      : `You are invited to the annual review meeting for EHC plan ${plan.id} on ${when}, ${where === 'Online' ? 'online' : `at ${where}`}. Please send any advice or reports at least 2 weeks before the meeting. A calendar file (annual-review.ics) is attached.`;
    const attachment = { filename: 'annual-review.ics', contentType: 'text/calendar' as const, content: ics };
    const sentTo = new Set<string>();
    for (const invitee of review.invitees) {
      if (!invitee.email || sentTo.has(invitee.email)) continue;
      sentTo.add(invitee.email);
      await notifier.send({ kind: 'email', to: invitee.email, subject, body, attachment, reference: plan.id });
    }
    for (const contact of await records.parents.forChild(plan.childId)) {
      const address = addressOf(contact);
      if (!address || sentTo.has(address.to)) continue;
      sentTo.add(address.to);
      await notifier.send(
        address.kind === 'email'
          ? { kind: 'email', to: address.to, subject, body, attachment, reference: plan.id }
          : { kind: 'sms', to: address.to, body: body.replace(' A calendar file (annual-review.ics) is attached.', ''), reference: plan.id },
      );
    }
    if (cancelled) return review;
    return records.reviews.recordInvitationsSent(review, { on: clock.today(), by: review.history[0]!.by });
  }

  /** A caseworker's meetings waiting for an outcome, oldest first; undefined for anyone without a caseload. */
  async awaitingOutcome(identity: Identity): Promise<PlanChoice[]> {
    const caseload = await this.plans.caseload(identity);
    const mine = new Set((caseload ?? []).map((p) => p.id));
    if (mine.size === 0) return [];
    const today = this.deps.clock.today();
    const reviews = await this.deps.records.reviews.list({ statuses: ['booked', 'rescheduled', 'held'] });
    return reviews
      .filter((r) => mine.has(r.planRef) && isAwaitingOutcome(r, today))
      .sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))
      .slice(0, MAX_BUTTONS)
      .map((r) => ({ ref: r.planRef, label: `${r.planRef}: meeting ${r.status === 'held' ? 'held' : 'booked for'} ${formatLongDate(r.meetingHeld ?? r.proposedDate)}` }));
  }

  /** May this person record outcomes at all? (Audited when refused.) */
  mayRecordOutcomes(identity: Identity): Promise<boolean> {
    return this.deps.guard.allows(identity, 'review.record_outcome');
  }

  /** The meeting on a plan that is waiting for an outcome, for someone who may record it. */
  async openForOutcome(identity: Identity, ref: string): Promise<OpenForOutcome> {
    const plan = await this.plans.find(identity, ref, 'review.record_outcome');
    if (!plan) return { kind: 'not_found' };
    const reviews = await this.deps.records.reviews.forPlan(plan.id, plan.childId);
    const open = reviews
      .filter((r) => r.status === 'booked' || r.status === 'rescheduled' || (r.status === 'held' && !r.laDecision))
      .sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))[0];
    if (!open) return { kind: 'nothing_waiting', planRef: plan.id };
    return {
      kind: 'ready',
      planRef: plan.id,
      reviewId: open.id,
      proposedDate: open.proposedDate,
      bookedOn: bookedOn(open),
      invitees: open.invitees,
      ...(open.status === 'held' && open.meetingHeld ? { held: open.meetingHeld } : {}),
    };
  }

  /** Records the meeting as held (with who came), the report and the decision; returns which steps were late. */
  async recordOutcome(identity: Identity, input: OutcomeInput): Promise<OutcomeResult> {
    const { records, guard, clock } = this.deps;
    const found = await records.reviews.find(input.reviewId as never);
    const plan = found ? await this.plans.find(identity, found.planRef, 'review.record_outcome') : undefined;
    if (!found || !plan) return { kind: 'denied' };
    const by = identity.actorId;
    try {
      let review = found;
      if (review.status !== 'held') {
        const picked = new Set(input.attended);
        const attendance: Attendance[] = review.invitees.map((i, n) => ({ role: i.role, name: i.name, attended: picked.has(n + 1) }));
        review = await records.reviews.recordHeld(review, { on: input.held, by, attendance });
        await records.plans.recordReviewMeeting(await records.plans.get(review.planRef), input.held);
      }
      if (input.reportReceived && !review.reportReceived) review = await records.reviews.recordReportReceived(review, { on: input.reportReceived, by });
      if (input.decision) review = await records.reviews.recordDecision(review, { on: input.decision.on, by, decision: input.decision.decision });
      await guard.recordDone(identity, 'review.record_outcome', { childId: review.childId, recordRef: review.id });
      return { kind: 'recorded', review, steps: lateSteps(review, clock.today()) };
    } catch (error) {
      if (error instanceof InvalidStateError || error instanceof ValidationError || error instanceof ConflictError) return { kind: 'stale' };
      throw error;
    }
  }
}

/** "Thursday 5 March 2026 at 10:00". */
export function meetingWhen(review: Pick<Review, 'proposedDate' | 'startTime'>): string {
  return `${formatLongDateWithWeekday(review.proposedDate)}${review.startTime ? ` at ${review.startTime}` : ''}`;
}

function safePhaseDeadline(year: number, kind: string): string | undefined {
  try {
    return phaseTransferDeadline(year, kind as never);
  } catch {
    return undefined;
  }
}
