/**
 * Complaints about the SEN service under the council's two-stage corporate procedure
 * (SEND-RULES K1). Deadlines come from `complaintDeadlines()` in bot/statutory.
 * Container `complaints`, partitioned by reference.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { complaintDeadlines, type ComplaintDeadlines } from '../statutory';
import {
  Channel,
  ChildId,
  ComplaintRef,
  ContactDetails,
  ContactPreference,
  FreeText,
  IdempotencyKey,
  IsoDate,
  IsoDateTime,
  StaffId,
  checkOrder,
  checkPreferredContact,
  pad,
  type IsoDateString,
} from './common';
import { InvalidStateError, NotFoundError } from './errors';
import { createWithReference, type IdempotencyClaims, type ReferenceSequences } from './sequences';
import { DocStore, systemClock, type Clock, type Stored } from './store';

export const COMPLAINT_CATEGORIES = ['delay', 'provision_not_delivered', 'communication', 'plan_content', 'other'] as const;
export const ComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'] as const;
export const ComplaintOutcome = z.enum(COMPLAINT_OUTCOMES);
export type ComplaintOutcome = z.infer<typeof ComplaintOutcome>;

export const ComplaintStage = z.union([z.literal(1), z.literal(2)]);

/** One stage's dates; the current stage sits at the top level, earlier stages in `previousStages`. */
const StageRecord = z.object({
  stage: ComplaintStage,
  received: IsoDate,
  acknowledged: IsoDate.optional(),
  responded: IsoDate.optional(),
  outcome: ComplaintOutcome.optional(),
  handlerId: StaffId.optional(),
});

export const Complaint = z
  .object({
    id: ComplaintRef,
    docType: z.literal('complaint'),
    stage: ComplaintStage,
    category: ComplaintCategory,
    childId: ChildId.optional(),
    /** The complaint in the complainant's words (kept short). */
    summary: FreeText,
    /** Received at the current stage. */
    received: IsoDate,
    acknowledged: IsoDate.optional(),
    responded: IsoDate.optional(),
    outcome: ComplaintOutcome.optional(),
    /** The officer handling the current stage; stage 2 must be someone else (SEND-RULES K1). */
    handlerId: StaffId.optional(),
    previousStages: z.array(StageRecord).max(1),
    /** The complainant took it to the Local Government and Social Care Ombudsman (after the council's procedure). */
    ombudsmanReferred: IsoDate.optional(),
    contact: ContactDetails,
    contactPreference: ContactPreference,
    channel: Channel,
    idempotencyKey: IdempotencyKey.optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .superRefine((c, ctx) => {
    checkPreferredContact(c.contact, c.contactPreference, ctx, ['contact']);
    checkOrder(ctx, { name: 'received', value: c.received }, { name: 'acknowledged', value: c.acknowledged });
    checkOrder(ctx, { name: 'received', value: c.received }, { name: 'responded', value: c.responded });
    checkOrder(ctx, { name: 'received', value: c.previousStages[0]?.received ?? c.received }, { name: 'ombudsmanReferred', value: c.ombudsmanReferred });
    if ((c.responded === undefined) !== (c.outcome === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['outcome'], message: 'is recorded exactly when the complaint has been responded to' });
    }
    if (c.stage === 2 && c.previousStages.length !== 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['previousStages'], message: 'a stage 2 complaint keeps its stage 1 record' });
    }
    if (c.stage === 1 && c.previousStages.length !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['previousStages'], message: 'a stage 1 complaint has no earlier stage' });
    }
  });
export type Complaint = z.infer<typeof Complaint>;

export type NewComplaint = Pick<z.input<typeof Complaint>, 'category' | 'childId' | 'summary' | 'received' | 'contact' | 'contactPreference' | 'channel'>;

export function complaintRef(year: number, n: number): ComplaintRef {
  return `CMP-${year}-${pad(n, 5)}`;
}

export function complaintStore(container: Container): DocStore<Complaint> {
  return new DocStore({ container, schema: Complaint, partitionKeyOf: (c) => c.id, noun: 'complaint' });
}

/** The current stage's deadlines (acknowledge by, respond by). */
export function deadlinesOf(complaint: Pick<Complaint, 'received' | 'stage' | 'acknowledged'>): ComplaintDeadlines {
  return complaintDeadlines(complaint.received, complaint.stage, complaint.acknowledged);
}

export class ComplaintRepository {
  readonly store: DocStore<Complaint>;

  constructor(
    container: Container,
    private readonly sequences: ReferenceSequences,
    private readonly claims: IdempotencyClaims,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = complaintStore(container);
  }

  /** Logs a stage 1 complaint under a new reference `CMP-<year received>-00042`. */
  async create(input: NewComplaint, options: { idempotencyKey?: string } = {}): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.create()';
    const now = this.now();
    const build = (id: string): unknown => ({
      ...input,
      id,
      docType: 'complaint',
      stage: 1,
      previousStages: [],
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      createdAt: now,
      updatedAt: now,
    });
    const year = Number(this.store.validate(build(complaintRef(2000, 1)), where).received.slice(0, 4));
    return createWithReference<Complaint>({
      claims: this.claims,
      scope: 'complaint',
      idempotencyKey: options.idempotencyKey,
      allocate: async () => complaintRef(year, await this.sequences.next(`CMP-${year}`)),
      createOrGet: async (id) => (await this.store.createOrGet(this.store.validate(build(id), where), where)).record,
    });
  }

  async find(ref: ComplaintRef): Promise<Stored<Complaint> | undefined> {
    return this.store.read(ref, ref, 'ComplaintRepository.find()');
  }

  async get(ref: ComplaintRef): Promise<Stored<Complaint>> {
    const complaint = await this.find(ref);
    if (!complaint) throw new NotFoundError(`ComplaintRepository.get(): complaint ${ref} not found`);
    return complaint;
  }

  async forChild(childId: ChildId): Promise<Stored<Complaint>[]> {
    const rows = await this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'complaint' AND c.childId = @childId", parameters: [{ name: '@childId', value: childId }] },
      'ComplaintRepository.forChild()',
    );
    return rows.sort((a, b) => b.received.localeCompare(a.received));
  }

  /** Every complaint (cross-partition), for the report's figures. */
  async all(): Promise<Stored<Complaint>[]> {
    return this.store.query({ query: "SELECT * FROM c WHERE c.docType = 'complaint'" }, 'ComplaintRepository.all()');
  }

  /** Records that the complainant went to the Ombudsman on `on`. */
  async recordOmbudsmanReferral(complaint: Stored<Complaint>, on: IsoDateString): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.recordOmbudsmanReferral()';
    if (complaint.ombudsmanReferred) throw new InvalidStateError(`${where}: complaint ${complaint.id} was already referred on ${complaint.ombudsmanReferred}`);
    return this.save(where, { ...complaint, ombudsmanReferred: on }, complaint.etag);
  }

  /** Complaints waiting for a response at their current stage (cross-partition). */
  async open(): Promise<Stored<Complaint>[]> {
    const rows = await this.store.query({ query: "SELECT * FROM c WHERE c.docType = 'complaint' AND NOT IS_DEFINED(c.responded)" }, 'ComplaintRepository.open()');
    return rows.sort((a, b) => a.received.localeCompare(b.received));
  }

  async acknowledge(complaint: Stored<Complaint>, on: IsoDateString): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.acknowledge()';
    if (complaint.acknowledged) throw new InvalidStateError(`${where}: complaint ${complaint.id} was already acknowledged on ${complaint.acknowledged}`);
    return this.save(where, { ...complaint, acknowledged: on }, complaint.etag);
  }

  /** Names the officer for the current stage; at stage 2 it must not be the stage 1 officer. */
  async assignHandler(complaint: Stored<Complaint>, handlerId: StaffId): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.assignHandler()';
    const stage1Handler = complaint.previousStages[0]?.handlerId;
    if (complaint.stage === 2 && stage1Handler === handlerId) {
      throw new InvalidStateError(`${where}: ${handlerId} handled stage 1 of ${complaint.id}; stage 2 needs a different officer`);
    }
    return this.save(where, { ...complaint, handlerId }, complaint.etag);
  }

  async respond(complaint: Stored<Complaint>, response: { on: IsoDateString; outcome: ComplaintOutcome }): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.respond()';
    if (complaint.responded) throw new InvalidStateError(`${where}: complaint ${complaint.id} was already answered on ${complaint.responded}`);
    return this.save(where, { ...complaint, responded: response.on, outcome: response.outcome }, complaint.etag);
  }

  /** Moves an answered stage 1 complaint to stage 2, received on `received`. */
  async escalate(complaint: Stored<Complaint>, received: IsoDateString): Promise<Stored<Complaint>> {
    const where = 'ComplaintRepository.escalate()';
    if (complaint.stage !== 1 || !complaint.responded) {
      throw new InvalidStateError(`${where}: only an answered stage 1 complaint can go to stage 2 (${complaint.id} is at stage ${complaint.stage})`);
    }
    const { acknowledged, responded, outcome, handlerId, ...rest } = complaint;
    const stage1 = { stage: 1 as const, received: complaint.received, acknowledged, responded, outcome, handlerId };
    return this.save(where, { ...rest, stage: 2, received, previousStages: [stage1] }, complaint.etag);
  }

  private async save(where: string, next: Complaint, etag: string): Promise<Stored<Complaint>> {
    return this.store.replace({ ...next, updatedAt: this.now() }, etag, where);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
