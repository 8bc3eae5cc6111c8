/**
 * Annual review meetings of an EHC plan, recorded step by step so the council can say how many
 * reviews were held, when, with whom, and what was decided (LGSCO 18 012 490, Luton; SEND-RULES
 * section 4). Stored in the child's partition of `cases` next to the plan.
 *
 * The id is derived from the plan and the booking's idempotency key, so the same booking request
 * twice creates one meeting. Every change is a conditional write on the eTag and is appended to
 * `history`.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { checkReviewMeetingDate, englandDateOf } from '../statutory';
import {
  ChildId,
  ContactId,
  Email,
  IdempotencyKey,
  IsoDate,
  IsoDateTime,
  PersonName,
  PlanRef,
  ReviewId,
  StaffId,
  checkOrder,
  childIdFromCaseRecordId,
  shortHash,
  type IsoDateString,
} from './common';
import { InvalidStateError, NotFoundError } from './errors';
import { nextReviewDue, type Plan } from './plans';
import { DocStore, systemClock, type Clock, type Stored } from './store';

/** `not_held`: the booked date passed and someone said the meeting did not take place (with the reason). */
export const REVIEW_STATUSES = ['booked', 'rescheduled', 'cancelled', 'held', 'not_held'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** Who must be invited to every annual review meeting (Regs 2014 reg 20(2)). */
export const REQUIRED_INVITEE_ROLES = ['parent_or_young_person', 'head_or_setting', 'la_sen_officer', 'health_professional', 'social_care'] as const;
export const InviteeRole = z.enum([...REQUIRED_INVITEE_ROLES, 'other']);
export type InviteeRole = z.infer<typeof InviteeRole>;

export const Invitee = z.object({
  role: InviteeRole,
  name: PersonName,
  organisation: z.string().trim().min(1).max(200).optional(),
  email: Email.optional(),
});
export type Invitee = z.input<typeof Invitee>;

export const Attendance = z.object({ role: InviteeRole, name: PersonName, attended: z.boolean() });
export type Attendance = z.infer<typeof Attendance>;

export const Venue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in_person'), place: z.string().trim().min(1).max(300) }),
  z.object({ kind: z.literal('online'), joinUrl: z.string().url().optional() }),
]);
export type Venue = z.infer<typeof Venue>;

export const REVIEW_OUTCOMES = ['maintain', 'amend', 'cease'] as const;
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const REVIEW_CHANGES = [
  'booked',
  'rescheduled',
  'cancelled',
  'invitations_sent',
  'advice_circulated',
  'held',
  'report_received',
  'decision_recorded',
  'amendment_notice_sent',
  'final_amended_plan_issued',
  /** The booked date passed and the meeting did not take place. */
  'not_held',
  /** The school was asked for the review report because nobody knew whether the meeting happened. */
  'school_asked',
  /** The caseworker was reminded that a past meeting has no record. */
  'reminder_sent',
] as const;

/** Who made a change: a staff member, a verified parent or young person (their contact id), or the service itself (a scheduled reminder). */
export const ReviewActor = z.union([StaffId, ContactId, z.literal('system')]);
export type ReviewActor = z.infer<typeof ReviewActor>;

export const ReviewHistoryEntry = z.object({
  at: IsoDateTime,
  by: ReviewActor,
  change: z.enum(REVIEW_CHANGES),
  /** For a reschedule, the old date; otherwise absent. */
  from: IsoDate.optional(),
  /** The date the change is about: the meeting date, the date invitations went out, … */
  to: IsoDate.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type ReviewHistoryEntry = z.infer<typeof ReviewHistoryEntry>;

export const Review = z
  .object({
    id: ReviewId,
    childId: ChildId,
    planRef: PlanRef,
    docType: z.literal('review'),
    idempotencyKey: IdempotencyKey,
    /** When the review was due at booking: 12 months from the last review or first issue (CFA 2014 s44(1)). */
    dueDate: IsoDate,
    proposedDate: IsoDate,
    /** Start time, UK local, `HH:MM`; absent when not set. */
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    status: ReviewStatus,
    venue: Venue,
    invitees: z.array(Invitee).min(REQUIRED_INVITEE_ROLES.length).max(40),
    history: z.array(ReviewHistoryEntry).min(1),
    /** Notice of the meeting sent to every invitee (at least 2 weeks before; reg 20(3)). */
    invitationsSent: IsoDate.optional(),
    /** Advice and information circulated (at least 2 weeks before; reg 20(4)). */
    adviceCirculated: IsoDate.optional(),
    meetingHeld: IsoDate.optional(),
    attendance: z.array(Attendance).optional(),
    /** The review report reached the council (within 2 weeks of the meeting; reg 20(7)). */
    reportReceived: IsoDate.optional(),
    /** The council's decision (within 4 weeks of the meeting; reg 20(10)). */
    laDecision: z.object({ decision: ReviewOutcome, decidedOn: IsoDate }).optional(),
    /** Proposed amendments sent with the notice (reg 22; with the decision, Devon [2022]). */
    amendmentNoticeSent: IsoDate.optional(),
    /** Final amended plan issued (within 12 weeks of the meeting). */
    finalAmendedPlanIssued: IsoDate.optional(),
    /** What happened in the end: unchanged (maintain), amended, or ceased. */
    outcome: ReviewOutcome.optional(),
    cancellationReason: z.string().trim().min(1).max(500).optional(),
    /** Why a booked meeting did not take place (status not_held). */
    notHeldReason: z.string().trim().min(1).max(500).optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: path.split('.'), message });
    };
    for (const role of REQUIRED_INVITEE_ROLES) {
      if (!r.invitees.some((i) => i.role === role)) issue('invitees', `must include ${role} (Regs 2014 reg 20(2))`);
    }
    if (childIdFromCaseRecordId(r.id) !== r.childId) issue('id', `must carry the child id ${r.childId}`);
    if ((r.status === 'held') !== (r.meetingHeld !== undefined)) issue('meetingHeld', 'is set exactly when status is held');
    if (r.status === 'cancelled' && !r.cancellationReason) issue('cancellationReason', 'is required when cancelled');
    if ((r.status === 'not_held') !== (r.notHeldReason !== undefined)) issue('notHeldReason', 'is set exactly when status is not_held');
    if (r.laDecision && !r.meetingHeld) issue('laDecision', 'needs the meeting to have been held');
    if ((r.amendmentNoticeSent || r.finalAmendedPlanIssued) && r.laDecision?.decision !== 'amend') {
      issue('laDecision', 'must be amend when an amendment notice or amended plan is recorded');
    }
    if (r.outcome && !r.laDecision) issue('outcome', 'needs an LA decision');
    const held = { name: 'meetingHeld', value: r.meetingHeld };
    checkOrder(ctx, held, { name: 'reportReceived', value: r.reportReceived });
    checkOrder(ctx, held, { name: 'laDecision.decidedOn', value: r.laDecision?.decidedOn });
    checkOrder(ctx, held, { name: 'amendmentNoticeSent', value: r.amendmentNoticeSent });
    checkOrder(ctx, held, { name: 'finalAmendedPlanIssued', value: r.finalAmendedPlanIssued });
  });
export type Review = z.infer<typeof Review>;

export function reviewId(childId: ChildId, planRef: PlanRef, idempotencyKey: string): ReviewId {
  return `RVW-${childId}-${shortHash('review', planRef, idempotencyKey)}`;
}

export function reviewStore(container: Container): DocStore<Review> {
  return new DocStore({ container, schema: Review, partitionKeyOf: (r) => r.childId, noun: 'review meeting' });
}

export interface BookReview {
  /** The plan, as read; it must be a final plan. */
  readonly plan: Plan;
  readonly proposedDate: IsoDateString;
  readonly venue: Venue;
  readonly invitees: readonly Invitee[];
  readonly bookedBy: ReviewActor;
  readonly startTime?: string;
  /** The same key twice books one meeting, e.g. the dialog instance id. */
  readonly idempotencyKey: string;
}

/** The date a step happened and the staff member who recorded it. */
export interface Step {
  readonly on: IsoDateString;
  readonly by: ReviewActor;
}

export interface ReviewFilter {
  readonly statuses?: readonly ReviewStatus[];
}

const ACTIVE: readonly ReviewStatus[] = ['booked', 'rescheduled'];

/**
 * "Booked, not recorded": the meeting's date has passed and nobody has said whether it was held.
 * The Ombudsman's finding against Luton (no paperwork for review meetings) is exactly these.
 */
export function isBookedNotRecorded(review: Pick<Review, 'status' | 'proposedDate'>, today: IsoDateString): boolean {
  return ACTIVE.includes(review.status) && review.proposedDate < today;
}

/** The day (in England) the meeting was booked: an outcome cannot be dated before it. */
export function bookedOn(review: Pick<Review, 'createdAt'>): IsoDateString {
  return englandDateOf(new Date(review.createdAt));
}

export class ReviewRepository {
  readonly store: DocStore<Review>;

  constructor(
    container: Container,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = reviewStore(container);
  }

  /**
   * Books a review meeting for a final plan. Refuses a date in the past or with less than
   * 2 weeks' notice (Regs 2014 reg 20(3)–(4); `checkReviewMeetingDate`), and a second meeting
   * while one is already booked. Repeating the same request (same idempotency key) returns the
   * meeting booked the first time, even after its date has passed.
   */
  async book(input: BookReview): Promise<Stored<Review>> {
    const where = 'ReviewRepository.book()';
    const { plan } = input;
    const id = reviewId(plan.childId, plan.id, input.idempotencyKey);
    const existing = await this.store.read(id, plan.childId, where);
    if (existing) return existing;

    if (plan.status !== 'final_issued') {
      throw new InvalidStateError(`${where}: plan ${plan.id} is ${plan.status}; only a final plan has annual reviews`);
    }
    const meetings = await this.forPlan(plan.id, plan.childId);
    const held = meetings.flatMap((m) => (m.meetingHeld ? [m.meetingHeld] : []));
    const lastHeld = held.reduce<string>((max, d) => (d > max ? d : max), '');
    const active = meetings.find((m) => ACTIVE.includes(m.status) && m.proposedDate > lastHeld);
    if (active) {
      throw new InvalidStateError(`${where}: plan ${plan.id} already has a review meeting booked for ${active.proposedDate} (${active.id}); reschedule that one instead`);
    }
    const dueDate = nextReviewDue(plan, held);
    if (dueDate === undefined) throw new InvalidStateError(`${where}: plan ${plan.id} has no first-issued date`);
    this.assertBookable(where, input.proposedDate, dueDate);

    const now = this.clock.now().toISOString();
    const doc = this.store.validate(
      {
        id,
        childId: plan.childId,
        planRef: plan.id,
        docType: 'review',
        idempotencyKey: input.idempotencyKey,
        dueDate,
        proposedDate: input.proposedDate,
        ...(input.startTime ? { startTime: input.startTime } : {}),
        status: 'booked',
        venue: input.venue,
        invitees: input.invitees,
        history: [{ at: now, by: input.bookedBy, change: 'booked', to: input.proposedDate }],
        createdAt: now,
        updatedAt: now,
      },
      where,
    );
    return (await this.store.createOrGet(doc, where)).record;
  }

  async find(id: ReviewId): Promise<Stored<Review> | undefined> {
    const childId = childIdFromCaseRecordId(id);
    if (childId === undefined) return undefined;
    return this.store.read(id, childId, 'ReviewRepository.find()');
  }

  async get(id: ReviewId): Promise<Stored<Review>> {
    const review = await this.find(id);
    if (!review) throw new NotFoundError(`ReviewRepository.get(): review meeting ${id} not found`);
    return review;
  }

  /** A plan's meetings, latest proposed date first (single-partition query). */
  async forPlan(planRef: PlanRef, childId: ChildId): Promise<Stored<Review>[]> {
    const rows = await this.store.query(
      {
        query: "SELECT * FROM c WHERE c.childId = @childId AND c.docType = 'review' AND c.planRef = @planRef",
        parameters: [
          { name: '@childId', value: childId },
          { name: '@planRef', value: planRef },
        ],
      },
      'ReviewRepository.forPlan()',
      childId,
    );
    return rows.sort((a, b) => b.proposedDate.localeCompare(a.proposedDate));
  }

  /** Meetings across all children, optionally by status (cross-partition). */
  async list(filter: ReviewFilter = {}): Promise<Stored<Review>[]> {
    const statuses = filter.statuses ?? REVIEW_STATUSES;
    return this.store.query(
      {
        query: "SELECT * FROM c WHERE c.docType = 'review' AND ARRAY_CONTAINS(@statuses, c.status)",
        parameters: [{ name: '@statuses', value: [...statuses] }],
      },
      'ReviewRepository.list()',
    );
  }

  /** Moves the meeting to a new date; the invitations and advice must then go out again. */
  async reschedule(review: Stored<Review>, change: { to: IsoDateString; reason: string; by: ReviewActor; startTime?: string }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.reschedule()';
    this.assertStatus(where, review, ACTIVE);
    this.assertBookable(where, change.to, review.dueDate);
    const { invitationsSent: _sent, adviceCirculated: _advice, startTime: _time, ...rest } = review;
    return this.save(where, { ...rest, proposedDate: change.to, ...(change.startTime ? { startTime: change.startTime } : {}), status: 'rescheduled' }, review.etag, {
      by: change.by,
      change: 'rescheduled',
      from: review.proposedDate,
      to: change.to,
      reason: change.reason,
    });
  }

  async cancel(review: Stored<Review>, change: { reason: string; by: ReviewActor }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.cancel()';
    this.assertStatus(where, review, ACTIVE);
    return this.save(where, { ...review, status: 'cancelled', cancellationReason: change.reason }, review.etag, {
      by: change.by,
      change: 'cancelled',
      reason: change.reason,
    });
  }

  async recordInvitationsSent(review: Stored<Review>, step: Step): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordInvitationsSent()';
    this.assertStatus(where, review, ACTIVE);
    return this.save(where, { ...review, invitationsSent: step.on }, review.etag, { by: step.by, change: 'invitations_sent', to: step.on });
  }

  async recordAdviceCirculated(review: Stored<Review>, step: Step): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordAdviceCirculated()';
    this.assertStatus(where, review, ACTIVE);
    return this.save(where, { ...review, adviceCirculated: step.on }, review.etag, { by: step.by, change: 'advice_circulated', to: step.on });
  }

  /**
   * Records that the meeting took place, with who attended. The plan's `lastReviewMeeting` is a
   * separate record: call `PlanRepository.recordReviewMeeting()` too (the compliance views also
   * read held meetings, so a missed plan update does not make a review look overdue).
   */
  async recordHeld(review: Stored<Review>, step: Step & { attendance: readonly Attendance[] }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordHeld()';
    this.assertStatus(where, review, ACTIVE);
    const today = englandDateOf(this.clock.now());
    if (step.on > today) throw new InvalidStateError(`${where}: meeting date ${step.on} is in the future`);
    if (step.on < bookedOn(review)) throw new InvalidStateError(`${where}: meeting date ${step.on} is before the meeting was booked (${bookedOn(review)})`);
    return this.save(where, { ...review, status: 'held', meetingHeld: step.on, attendance: [...step.attendance] }, review.etag, {
      by: step.by,
      change: 'held',
      to: step.on,
    });
  }

  /** The booked date has passed and the meeting did not take place; the review then needs a new meeting. */
  async recordNotHeld(review: Stored<Review>, change: { reason: string; by: ReviewActor }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordNotHeld()';
    this.assertStatus(where, review, ACTIVE);
    const today = englandDateOf(this.clock.now());
    if (review.proposedDate > today) throw new InvalidStateError(`${where}: the meeting on ${review.proposedDate} is still to come; cancel it instead`);
    return this.save(where, { ...review, status: 'not_held', notHeldReason: change.reason }, review.etag, { by: change.by, change: 'not_held', reason: change.reason });
  }

  /** A note on a booked meeting's history: the school was asked for the report, or the caseworker reminded. */
  async recordChase(review: Stored<Review>, step: Step & { change: 'school_asked' | 'reminder_sent'; reason?: string }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordChase()';
    this.assertStatus(where, review, ACTIVE);
    return this.save(where, review, review.etag, { by: step.by, change: step.change, to: step.on, ...(step.reason ? { reason: step.reason } : {}) });
  }

  async recordReportReceived(review: Stored<Review>, step: Step): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordReportReceived()';
    this.assertStatus(where, review, ['held']);
    return this.save(where, { ...review, reportReceived: step.on }, review.etag, { by: step.by, change: 'report_received', to: step.on });
  }

  /** The council's decision: maintain or cease settle the outcome; amend waits for the amended plan. */
  async recordDecision(review: Stored<Review>, step: Step & { decision: ReviewOutcome }): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordDecision()';
    this.assertStatus(where, review, ['held']);
    if (review.laDecision) {
      throw new InvalidStateError(`${where}: review meeting ${review.id} already has a decision (${review.laDecision.decision})`);
    }
    const outcome = step.decision === 'amend' ? {} : { outcome: step.decision };
    return this.save(where, { ...review, laDecision: { decision: step.decision, decidedOn: step.on }, ...outcome }, review.etag, {
      by: step.by,
      change: 'decision_recorded',
      to: step.on,
      reason: step.decision,
    });
  }

  async recordAmendmentNotice(review: Stored<Review>, step: Step): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordAmendmentNotice()';
    this.assertAmending(where, review);
    return this.save(where, { ...review, amendmentNoticeSent: step.on }, review.etag, { by: step.by, change: 'amendment_notice_sent', to: step.on });
  }

  async recordFinalAmendedPlan(review: Stored<Review>, step: Step): Promise<Stored<Review>> {
    const where = 'ReviewRepository.recordFinalAmendedPlan()';
    this.assertAmending(where, review);
    return this.save(where, { ...review, finalAmendedPlanIssued: step.on, outcome: 'amend' }, review.etag, {
      by: step.by,
      change: 'final_amended_plan_issued',
      to: step.on,
    });
  }

  private assertBookable(where: string, date: IsoDateString, reviewDue: IsoDateString): void {
    const today = englandDateOf(this.clock.now());
    const check = checkReviewMeetingDate(date, { today, reviewDue });
    if (!check.canBook) {
      const reasons = check.problems.filter((p) => p.severity === 'block').map((p) => p.message);
      throw new InvalidStateError(`${where}: cannot book a meeting on ${date}: ${reasons.join(' ')}`);
    }
  }

  private assertStatus(where: string, review: Review, allowed: readonly ReviewStatus[]): void {
    if (!allowed.includes(review.status)) {
      throw new InvalidStateError(`${where}: review meeting ${review.id} is ${review.status}; this needs it to be ${allowed.join(' or ')}`);
    }
  }

  private assertAmending(where: string, review: Review): void {
    this.assertStatus(where, review, ['held']);
    if (review.laDecision?.decision !== 'amend') {
      throw new InvalidStateError(`${where}: review meeting ${review.id} has no decision to amend the plan`);
    }
  }

  private async save(where: string, next: Review, etag: string, entry: Omit<ReviewHistoryEntry, 'at'>): Promise<Stored<Review>> {
    const now = this.clock.now().toISOString();
    const doc = { ...next, history: [...next.history, { at: now, ...entry }], updatedAt: now };
    return this.store.replace(doc, etag, where);
  }
}
