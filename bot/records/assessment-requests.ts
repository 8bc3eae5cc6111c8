/**
 * Requests for an EHC needs assessment as they arrived: who asked, how and when. The plan record
 * (status `requested` onwards) carries the statutory timeline; the request links to it.
 * Stored in the child's partition of `cases`; the id is derived from the idempotency key, so the
 * same request submitted twice is stored once.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AssessmentRequestId, Channel, ChildId, ContactId, IdempotencyKey, IsoDate, IsoDateTime, PersonName, PlanRef, childIdFromCaseRecordId, shortHash } from './common';
import { NotFoundError } from './errors';
import { DocStore, systemClock, type Clock, type Stored } from './store';

/** Who may request an assessment (CFA 2014 s36(1)), plus others who bring a child to the council's attention. */
export const REQUESTER_KINDS = ['parent_carer', 'young_person', 'school_or_setting', 'other'] as const;

export const AssessmentRequest = z.object({
  id: AssessmentRequestId,
  childId: ChildId,
  docType: z.literal('assessment_request'),
  received: IsoDate,
  requester: z.object({
    kind: z.enum(REQUESTER_KINDS),
    name: PersonName,
    contactId: ContactId.optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
  }),
  channel: Channel,
  /** A request to reassess a child who already has a plan (CFA 2014 s44(2)). */
  reassessment: z.boolean(),
  /** The plan record created for the request. */
  planRef: PlanRef.optional(),
  idempotencyKey: IdempotencyKey,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type AssessmentRequest = z.infer<typeof AssessmentRequest>;

export type NewAssessmentRequest = Omit<z.input<typeof AssessmentRequest>, 'id' | 'docType' | 'createdAt' | 'updatedAt'>;

export function assessmentRequestId(childId: ChildId, idempotencyKey: string): AssessmentRequestId {
  return `ASR-${childId}-${shortHash('assessment_request', childId, idempotencyKey)}`;
}

export function assessmentRequestStore(container: Container): DocStore<AssessmentRequest> {
  return new DocStore({ container, schema: AssessmentRequest, partitionKeyOf: (r) => r.childId, noun: 'assessment request' });
}

export class AssessmentRequestRepository {
  readonly store: DocStore<AssessmentRequest>;

  constructor(
    container: Container,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = assessmentRequestStore(container);
  }

  /** Records a request; the same idempotency key for the same child returns the first record. */
  async create(input: NewAssessmentRequest): Promise<Stored<AssessmentRequest>> {
    const where = 'AssessmentRequestRepository.create()';
    const now = this.clock.now().toISOString();
    const doc = this.store.validate(
      { ...input, id: assessmentRequestId(input.childId, input.idempotencyKey), docType: 'assessment_request', createdAt: now, updatedAt: now },
      where,
    );
    return (await this.store.createOrGet(doc, where)).record;
  }

  async find(id: AssessmentRequestId): Promise<Stored<AssessmentRequest> | undefined> {
    const childId = childIdFromCaseRecordId(id);
    if (childId === undefined) return undefined;
    return this.store.read(id, childId, 'AssessmentRequestRepository.find()');
  }

  async get(id: AssessmentRequestId): Promise<Stored<AssessmentRequest>> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`AssessmentRequestRepository.get(): assessment request ${id} not found`);
    return found;
  }

  async forChild(childId: ChildId): Promise<Stored<AssessmentRequest>[]> {
    const rows = await this.store.query(
      {
        query: "SELECT * FROM c WHERE c.childId = @childId AND c.docType = 'assessment_request'",
        parameters: [{ name: '@childId', value: childId }],
      },
      'AssessmentRequestRepository.forChild()',
      childId,
    );
    return rows.sort((a, b) => b.received.localeCompare(a.received));
  }

  /** Links the request to the plan record made for it. */
  async linkPlan(request: Stored<AssessmentRequest>, planRef: PlanRef): Promise<Stored<AssessmentRequest>> {
    return this.store.replace({ ...request, planRef, updatedAt: this.clock.now().toISOString() }, request.etag, 'AssessmentRequestRepository.linkPlan()');
  }
}
