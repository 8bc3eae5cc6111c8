/**
 * The records layer: zod schemas and Cosmos repositories for the SEND service's casework.
 * Plain TypeScript, zod and `@azure/cosmos` only; no Bot Framework types. See docs/data-model.md.
 *
 * Build it once in the composition root: `createRecords(await openCosmos(settings, RECORD_CONTAINERS))`.
 */
import type { CosmosHandle } from '../storage/cosmos';
import { AssessmentRequestRepository } from './assessment-requests';
import { AuditRepository, type AuditLog } from './audit';
import { ChildRepository } from './children';
import { ComplaintRepository } from './complaints';
import { ComplianceViews } from './compliance';
import { CONTAINER_IDS } from './containers';
import { ParentRepository } from './contacts';
import { EnquiryRepository } from './enquiries';
import { PlanRepository } from './plans';
import { ReportFacts } from './report-facts';
import { ReviewRepository } from './reviews';
import { IdempotencyClaims, ReferenceSequences, type SequenceOptions } from './sequences';
import { StaffRepository } from './staff';
import { systemClock, type Clock } from './store';

export interface Records {
  readonly children: ChildRepository;
  readonly plans: PlanRepository;
  readonly assessmentRequests: AssessmentRequestRepository;
  readonly reviews: ReviewRepository;
  readonly complaints: ComplaintRepository;
  readonly enquiries: EnquiryRepository;
  readonly staff: StaffRepository;
  readonly parents: ParentRepository;
  /** Append-only. */
  readonly audit: AuditLog;
  readonly compliance: ComplianceViews;
  /** The report's facts, kept up to date as records are written; `rebuild()` recounts them. */
  readonly reportFacts: ReportFacts;
  readonly sequences: ReferenceSequences;
}

export interface RecordsOptions {
  readonly sequences?: SequenceOptions;
  /** Told when the report's facts could not follow a record written (they are rebuilt before the next report). */
  readonly onFactsError?: (err: unknown, subject: string) => void;
}

/** Builds every repository over the containers in {@link RECORD_CONTAINERS}. */
export function createRecords(handle: CosmosHandle, clock: Clock = systemClock, options: RecordsOptions = {}): Records {
  const cases = handle.container(CONTAINER_IDS.cases);
  const sequencesContainer = handle.container(CONTAINER_IDS.sequences);
  const sequences = new ReferenceSequences(sequencesContainer, options.sequences);
  const claims = new IdempotencyClaims(sequencesContainer);
  const plans = new PlanRepository(cases, sequences, claims, clock);
  const reviews = new ReviewRepository(cases, clock);
  const complaints = new ComplaintRepository(handle.container(CONTAINER_IDS.complaints), sequences, claims, clock);
  const children = new ChildRepository(cases, clock);
  const reportFacts = new ReportFacts({
    container: handle.container(CONTAINER_IDS.reportFacts),
    children,
    plans,
    reviews,
    complaints,
    ...(options.onFactsError ? { onError: options.onFactsError } : {}),
  });
  children.store.afterWrite((c) => reportFacts.refreshChild(c.childId));
  plans.store.afterWrite((p) => reportFacts.refreshChild(p.childId));
  reviews.store.afterWrite((r) => reportFacts.refreshChild(r.childId));
  complaints.store.afterWrite((c) => reportFacts.refreshComplaint(c));
  return {
    children,
    plans,
    assessmentRequests: new AssessmentRequestRepository(cases, clock),
    reviews,
    complaints,
    enquiries: new EnquiryRepository(handle.container(CONTAINER_IDS.enquiries), sequences, claims, clock),
    staff: new StaffRepository(handle.container(CONTAINER_IDS.staff), clock),
    parents: new ParentRepository(handle.container(CONTAINER_IDS.contacts), clock),
    audit: new AuditRepository(handle.container(CONTAINER_IDS.audit), clock),
    compliance: new ComplianceViews(plans, reviews, complaints, children, reportFacts),
    reportFacts,
    sequences,
  };
}

/** A clock stopped at one instant, for tests and the demo. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`fixedClock(): "${String(instant)}" is not a date`);
  return { now: () => new Date(at.getTime()) };
}

export type { Clock, Stored } from './store';
export { systemClock } from './store';
export * from './errors';
export * from './common';
export { RECORD_CONTAINERS, CONTAINER_IDS, AUDIT_RETENTION_SECONDS, CLOSED_ENQUIRY_RETENTION_SECONDS } from './containers';
export * from './children';
export * from './plans';
export * from './assessment-requests';
export * from './reviews';
export * from './complaints';
export * from './enquiries';
export * from './staff';
export * from './contacts';
export { AuditRepository, AuditInput, AuditEvent, AuditAction, AuditActorRole, AUDIT_ACTOR_ROLES, auditSubject } from './audit';
export type { AuditLog, AuditPeriod } from './audit';
export * from './compliance';
export { ReportFacts, FACT_SHARDS, markReportFactsStale } from './report-facts';
export { ReferenceSequences, IdempotencyClaims, CLAIM_TTL_SECONDS } from './sequences';
export type { SequenceName, SequenceOptions } from './sequences';
export { mulberry32, SeededRandom } from './prng';
