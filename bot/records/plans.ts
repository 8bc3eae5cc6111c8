/**
 * EHC plans (education, health and care plans), from the request for an assessment to a final
 * plan and, eventually, ceasing. Stored in the child's partition of `cases`, next to the child
 * and the plan's review meetings.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { PhaseTransferKindSchema, annualReviewDue } from '../statutory';
import { AssessmentRequestId, ChildId, FreeText, IsoDate, IsoDateTime, PlanRef, StaffId, checkOrder, pad, type IsoDateString } from './common';
import { InvalidStateError, NotFoundError } from './errors';
import { createWithReference, type IdempotencyClaims, type ReferenceSequences } from './sequences';
import { DocStore, systemClock, type Clock, type Stored } from './store';

export const PLAN_STATUSES = ['requested', 'assessing', 'draft_issued', 'final_issued', 'ceased'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** Why a plan (or a request that never became a plan) was closed. */
export const CEASED_REASONS = [
  'refused_to_assess',
  'not_issued_after_assessment',
  'no_longer_necessary',
  'moved_to_another_la',
  'higher_education_or_employment',
  'request_withdrawn',
  'other',
] as const;
export const CeasedReason = z.enum(CEASED_REASONS);
export type CeasedReason = z.infer<typeof CeasedReason>;

/** The exceptions that can make a 6/16/20-week limit impractical (Regs 2014 reg 5(4), 10(4), 13(3); SEND-RULES T4). */
export const TIMESCALE_EXCEPTIONS = ['school_closure', 'early_years_closure', 'exceptional_personal_circumstances', 'absent_from_area'] as const;

export const PlanKeyDates = z.object({
  /** The council received the request for an EHC needs assessment. */
  requestReceived: IsoDate.optional(),
  /** The council decided whether to assess (see `assessmentDecision`). */
  decisionToAssess: IsoDate.optional(),
  /** Notice that no plan will be issued after assessment (Regs 2014 reg 10). */
  noticeNotToIssue: IsoDate.optional(),
  draftIssued: IsoDate.optional(),
  /** The latest final plan issued after an assessment or reassessment. */
  finalIssued: IsoDate.optional(),
  /** The plan was first made: the start of the annual review clock (CFA 2014 s44(1)). */
  planFirstIssued: IsoDate.optional(),
  lastReviewMeeting: IsoDate.optional(),
  ceased: IsoDate.optional(),
});
export type PlanKeyDates = z.infer<typeof PlanKeyDates>;

export const PhaseTransfer = z.object({
  /** Calendar year of the move, e.g. 2027 for a move in September 2027. */
  year: z.number().int().min(2000).max(2100),
  kind: PhaseTransferKindSchema,
});

export const Plan = z
  .object({
    id: PlanRef,
    childId: ChildId,
    docType: z.literal('plan'),
    status: PlanStatus,
    assessmentDecision: z.enum(['assess', 'refuse']).optional(),
    keyDates: PlanKeyDates,
    /** The named caseworker (staff id); absent until one is allocated. */
    caseworkerId: StaffId.optional(),
    schoolName: z.string().trim().min(1).max(200).optional(),
    phaseTransfer: PhaseTransfer.optional(),
    ceasedReason: CeasedReason.optional(),
    /** A T4 exception the council relies on; recorded, never assumed (SEND-RULES 11.2). */
    timescaleException: z.object({ kind: z.enum(TIMESCALE_EXCEPTIONS), reason: FreeText, recordedOn: IsoDate }).optional(),
    assessmentRequestId: AssessmentRequestId.optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .superRefine((plan, ctx) => {
    const d = plan.keyDates;
    const need = (field: keyof PlanKeyDates): void => {
      if (d[field] === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['keyDates', field], message: `is required when status is ${plan.status}` });
      }
    };
    if (plan.status === 'requested' || plan.status === 'assessing' || plan.status === 'draft_issued') need('requestReceived');
    if (plan.status === 'assessing' || plan.status === 'draft_issued') {
      need('decisionToAssess');
      if (plan.assessmentDecision !== 'assess') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['assessmentDecision'], message: `must be "assess" when status is ${plan.status}` });
      }
    }
    if (plan.status === 'draft_issued') need('draftIssued');
    if (plan.status === 'final_issued') {
      need('finalIssued');
      need('planFirstIssued');
    }
    if (plan.status === 'ceased') {
      need('ceased');
      if (!plan.ceasedReason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ceasedReason'], message: 'is required when status is ceased' });
    } else if (plan.ceasedReason) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ceasedReason'], message: 'is only allowed when status is ceased' });
    }
    if (plan.assessmentDecision !== undefined) need('decisionToAssess');
    const at = (name: keyof PlanKeyDates): { name: string; value: string | undefined } => ({ name: `keyDates.${name}`, value: d[name] });
    checkOrder(ctx, at('requestReceived'), at('decisionToAssess'));
    checkOrder(ctx, at('decisionToAssess'), at('draftIssued'));
    checkOrder(ctx, at('decisionToAssess'), at('noticeNotToIssue'));
    checkOrder(ctx, at('draftIssued'), at('finalIssued'));
    checkOrder(ctx, at('planFirstIssued'), at('finalIssued'));
    checkOrder(ctx, at('planFirstIssued'), at('lastReviewMeeting'));
  });
export type Plan = z.infer<typeof Plan>;

/** A plan as given to `create()`: everything but the reference and stamps. */
export type NewPlan = Omit<z.input<typeof Plan>, 'id' | 'docType' | 'createdAt' | 'updatedAt'>;

export function planStore(container: Container): DocStore<Plan> {
  return new DocStore({ container, schema: Plan, partitionKeyOf: (p) => p.childId, noun: 'plan' });
}

export function planRef(n: number): PlanRef {
  return `EHC-${pad(n, 6)}`;
}

/**
 * When the next annual review of a final plan is due (CFA 2014 s44(1)): 12 months from the last
 * review meeting, or from when the plan was first issued. `heldMeetings` are meeting dates known
 * from review records, in case the plan's own `lastReviewMeeting` was not updated.
 */
export function nextReviewDue(plan: Pick<Plan, 'status' | 'keyDates'>, heldMeetings: readonly IsoDateString[] = []): IsoDateString | undefined {
  const first = plan.keyDates.planFirstIssued;
  if (plan.status !== 'final_issued' || first === undefined) return undefined;
  const last = latestOf([plan.keyDates.lastReviewMeeting, ...heldMeetings].filter((d): d is string => d !== undefined && d >= first));
  return annualReviewDue(first, last);
}

function latestOf(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);
}

export interface PlanFilter {
  readonly statuses?: readonly PlanStatus[];
  readonly caseworkerId?: StaffId;
}

export class PlanRepository {
  readonly store: DocStore<Plan>;

  constructor(
    container: Container,
    private readonly sequences: ReferenceSequences,
    private readonly claims: IdempotencyClaims,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = planStore(container);
  }

  /**
   * Records a new plan (usually `status: 'requested'` when a request arrives) under a new
   * reference `EHC-000123`. With an idempotency key, repeating the call returns the same plan.
   */
  async create(input: NewPlan, options: { idempotencyKey?: string } = {}): Promise<Stored<Plan>> {
    const where = 'PlanRepository.create()';
    const now = this.now();
    // Validate before allocating a number, so bad input does not use one up.
    this.store.validate({ ...input, id: planRef(1), docType: 'plan', createdAt: now, updatedAt: now }, where);
    return createWithReference<Plan>({
      claims: this.claims,
      scope: 'plan',
      idempotencyKey: options.idempotencyKey,
      allocate: async () => planRef(await this.sequences.next('EHC')),
      createOrGet: async (id) => {
        const doc = this.store.validate({ ...input, id, docType: 'plan', createdAt: now, updatedAt: now }, where);
        return (await this.store.createOrGet(doc, where)).record;
      },
    });
  }

  async find(ref: PlanRef): Promise<Stored<Plan> | undefined> {
    const rows = await this.store.query({ query: "SELECT * FROM c WHERE c.docType = 'plan' AND c.id = @id", parameters: [{ name: '@id', value: ref }] }, 'PlanRepository.find()');
    return rows[0];
  }

  async get(ref: PlanRef): Promise<Stored<Plan>> {
    const plan = await this.find(ref);
    if (!plan) throw new NotFoundError(`PlanRepository.get(): plan ${ref} not found`);
    return plan;
  }

  /** All plans of one child, newest reference first (single-partition query). */
  async forChild(childId: ChildId): Promise<Stored<Plan>[]> {
    const plans = await this.store.query(
      { query: "SELECT * FROM c WHERE c.childId = @childId AND c.docType = 'plan'", parameters: [{ name: '@childId', value: childId }] },
      'PlanRepository.forChild()',
      childId,
    );
    return plans.sort((a, b) => b.id.localeCompare(a.id));
  }

  /** A caseworker's open plans (every status but ceased), by reference. */
  async caseload(caseworkerId: StaffId): Promise<Stored<Plan>[]> {
    const plans = await this.store.query(
      {
        query: "SELECT * FROM c WHERE c.docType = 'plan' AND c.caseworkerId = @staffId AND c.status != 'ceased'",
        parameters: [{ name: '@staffId', value: caseworkerId }],
      },
      'PlanRepository.caseload()',
    );
    return plans.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Plans across all children, optionally by status and caseworker (cross-partition). */
  async list(filter: PlanFilter = {}): Promise<Stored<Plan>[]> {
    const clauses = ["c.docType = 'plan'"];
    const parameters: { name: string; value: string | string[] }[] = [];
    if (filter.statuses) {
      clauses.push('ARRAY_CONTAINS(@statuses, c.status)');
      parameters.push({ name: '@statuses', value: [...filter.statuses] });
    }
    if (filter.caseworkerId) {
      clauses.push('c.caseworkerId = @staffId');
      parameters.push({ name: '@staffId', value: filter.caseworkerId });
    }
    const plans = await this.store.query({ query: `SELECT * FROM c WHERE ${clauses.join(' AND ')}`, parameters }, 'PlanRepository.list()');
    return plans.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Saves a changed plan; {@link ConflictError} if it changed since it was read. */
  async replace(plan: Stored<Plan>): Promise<Stored<Plan>> {
    return this.store.replace({ ...plan, updatedAt: this.now() }, plan.etag, 'PlanRepository.replace()');
  }

  async assignCaseworker(plan: Stored<Plan>, caseworkerId: StaffId): Promise<Stored<Plan>> {
    return this.change(plan, 'assignCaseworker', PLAN_STATUSES, { caseworkerId });
  }

  /** The decision whether to assess: `assess` moves to assessing; `refuse` closes the request. */
  async recordAssessmentDecision(plan: Stored<Plan>, decision: 'assess' | 'refuse', on: IsoDateString): Promise<Stored<Plan>> {
    const keyDates = { ...plan.keyDates, decisionToAssess: on };
    return decision === 'assess'
      ? this.change(plan, 'recordAssessmentDecision', ['requested'], { status: 'assessing', assessmentDecision: 'assess', keyDates })
      : this.change(plan, 'recordAssessmentDecision', ['requested'], {
          status: 'ceased',
          assessmentDecision: 'refuse',
          ceasedReason: 'refused_to_assess',
          keyDates: { ...keyDates, ceased: on },
        });
  }

  async recordDraftIssued(plan: Stored<Plan>, on: IsoDateString): Promise<Stored<Plan>> {
    return this.change(plan, 'recordDraftIssued', ['assessing'], { status: 'draft_issued', keyDates: { ...plan.keyDates, draftIssued: on } });
  }

  /** After assessment, the council decided not to issue a plan (Regs 2014 reg 10). */
  async recordNoticeNotToIssue(plan: Stored<Plan>, on: IsoDateString): Promise<Stored<Plan>> {
    return this.change(plan, 'recordNoticeNotToIssue', ['assessing'], {
      status: 'ceased',
      ceasedReason: 'not_issued_after_assessment',
      keyDates: { ...plan.keyDates, noticeNotToIssue: on, ceased: on },
    });
  }

  async recordFinalIssued(plan: Stored<Plan>, on: IsoDateString): Promise<Stored<Plan>> {
    return this.change(plan, 'recordFinalIssued', ['draft_issued'], {
      status: 'final_issued',
      keyDates: { ...plan.keyDates, finalIssued: on, planFirstIssued: plan.keyDates.planFirstIssued ?? on },
    });
  }

  /** Moves the review clock on after a review meeting was held (never backwards). */
  async recordReviewMeeting(plan: Stored<Plan>, heldOn: IsoDateString): Promise<Stored<Plan>> {
    const last = plan.keyDates.lastReviewMeeting;
    if (last !== undefined && last >= heldOn) return plan;
    return this.change(plan, 'recordReviewMeeting', ['final_issued'], { keyDates: { ...plan.keyDates, lastReviewMeeting: heldOn } });
  }

  async cease(plan: Stored<Plan>, on: IsoDateString, reason: CeasedReason): Promise<Stored<Plan>> {
    return this.change(plan, 'cease', ['requested', 'assessing', 'draft_issued', 'final_issued'], {
      status: 'ceased',
      ceasedReason: reason,
      keyDates: { ...plan.keyDates, ceased: on },
    });
  }

  private async change(plan: Stored<Plan>, method: string, allowedFrom: readonly PlanStatus[], changes: Partial<Plan>): Promise<Stored<Plan>> {
    const where = `PlanRepository.${method}()`;
    if (!allowedFrom.includes(plan.status)) {
      throw new InvalidStateError(`${where}: plan ${plan.id} is ${plan.status}; this needs it to be ${allowedFrom.join(' or ')}`);
    }
    return this.store.replace({ ...plan, ...changes, updatedAt: this.now() }, plan.etag, where);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
