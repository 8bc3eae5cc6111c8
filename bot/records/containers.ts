/**
 * The Cosmos containers of the records layer, their partition keys and retention.
 * docs/data-model.md explains each choice and the queries each container serves.
 *
 * `defaultTtl` is set only where records should expire on their own (real Cosmos enforces it;
 * the embedded local server does not). Casework, complaints, staff and contacts never expire by
 * TTL: they follow the council's retention schedule through a reviewed deletion job.
 */
import type { ContainerSpec } from '../storage/cosmos';

export const CONTAINER_IDS = {
  /** Children, EHC plans, assessment requests and review meetings; one partition per child. */
  cases: 'cases',
  staff: 'staff',
  /** Parents, carers and young people acting for themselves, with the children they act for. */
  contacts: 'contacts',
  complaints: 'complaints',
  enquiries: 'enquiries',
  audit: 'audit',
  /** Reference counters and idempotency claims. */
  sequences: 'sequences',
  /** The compliance report's facts: compact copies of the records it counts, by month (bot/records/report-facts.ts). */
  reportFacts: 'reportFacts',
} as const;

const DAY_SECONDS = 24 * 60 * 60;

/** Audit events expire two years after they are written. */
export const AUDIT_RETENTION_SECONDS = 730 * DAY_SECONDS;

/** A closed SENDIAS enquiry expires six years after closure (item-level `ttl` set on closing). */
export const CLOSED_ENQUIRY_RETENTION_SECONDS = 6 * 365 * DAY_SECONDS;

/** TTL switched on with no default: only items that carry their own `ttl` expire. */
const TTL_ON_NO_DEFAULT = -1;

export const RECORD_CONTAINERS: readonly ContainerSpec[] = Object.freeze([
  { id: CONTAINER_IDS.cases, partitionKey: '/childId' },
  { id: CONTAINER_IDS.staff, partitionKey: '/aadObjectId' },
  { id: CONTAINER_IDS.contacts, partitionKey: '/id' },
  { id: CONTAINER_IDS.complaints, partitionKey: '/id' },
  { id: CONTAINER_IDS.enquiries, partitionKey: '/queue', defaultTtl: TTL_ON_NO_DEFAULT },
  { id: CONTAINER_IDS.audit, partitionKey: '/subject', defaultTtl: AUDIT_RETENTION_SECONDS },
  { id: CONTAINER_IDS.sequences, partitionKey: '/id', defaultTtl: TTL_ON_NO_DEFAULT },
  { id: CONTAINER_IDS.reportFacts, partitionKey: '/id' },
]);
