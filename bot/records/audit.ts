/**
 * The audit trail: who looked at or changed which record, through which channel, and whether
 * they were allowed. Never the text of a message.
 *
 * APPEND-ONLY: this module writes with `create` only and exposes no update, replace, upsert or
 * delete. Events expire by the container's TTL (two years, real Cosmos). Container `audit`,
 * partitioned by `subject`: the child the event is about, else the record, else the service
 * and day, so "who has seen this child's records" is a single-partition query.
 */
import type { Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Channel, ChildId, IsoDate, IsoDateTime, RecordRef, type IsoDateString } from './common';
import { StaffRole } from './staff';
import { DocStore, systemClock, validate, type Clock } from './store';

export const AUDIT_ACTOR_ROLES = [...StaffRole.options, 'parent_carer', 'young_person', 'anonymous', 'system'] as const;
export const AuditActorRole = z.enum(AUDIT_ACTOR_ROLES);
export type AuditActorRole = z.infer<typeof AuditActorRole>;

/** `noun.verb`, lower case: `plan.read`, `review.book`, `enquiry.assign`, `compliance.list`. */
export const AuditAction = z
  .string()
  .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'must look like plan.read')
  .max(60);

const actor = z.object({
  /** Staff id, contact id, or a short opaque id for an anonymous web chat user. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  role: AuditActorRole,
});

/** What a caller passes to `append()`. Strict: unknown fields (such as message text) are rejected. */
export const AuditInput = z
  .object({
    actor: actor.strict(),
    channel: Channel,
    action: AuditAction,
    recordRef: RecordRef.optional(),
    childRef: ChildId.optional(),
    outcome: z.enum(['allowed', 'denied']),
    /** A short reason code for a denial, e.g. `not_parental_responsibility`; never free text. */
    reason: z
      .string()
      .regex(/^[a-z][a-z_]{0,39}$/, 'must be a short code like not_parental_responsibility')
      .optional(),
  })
  .strict();
export type AuditInput = z.input<typeof AuditInput>;

export const AuditEvent = z.object({
  id: z.string().uuid(),
  /** Partition key: the child id, else the record ref, else `service:YYYY-MM-DD`. */
  subject: z.string().min(1).max(40),
  docType: z.literal('audit'),
  at: IsoDateTime,
  actor,
  channel: Channel,
  action: AuditAction,
  recordRef: RecordRef.optional(),
  childRef: ChildId.optional(),
  outcome: z.enum(['allowed', 'denied']),
  reason: z.string().max(40).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * Days included, first and last. They are compared with the UTC timestamp, so an event in the
 * first hour of a day in British Summer Time counts on the day before.
 */
export interface AuditPeriod {
  readonly from?: IsoDateString;
  readonly to?: IsoDateString;
}

/** The audit trail's whole interface: append and read, nothing else. */
export interface AuditLog {
  append(input: AuditInput): Promise<AuditEvent>;
  forChild(childId: ChildId, period?: AuditPeriod): Promise<AuditEvent[]>;
  forRecord(recordRef: string, period?: AuditPeriod): Promise<AuditEvent[]>;
  byActor(actorId: string, period?: AuditPeriod): Promise<AuditEvent[]>;
  inPeriod(period: Required<AuditPeriod>, filter?: { outcome?: 'allowed' | 'denied' }): Promise<AuditEvent[]>;
}

export function auditSubject(event: { childRef?: string; recordRef?: string; at: string }): string {
  return event.childRef ?? event.recordRef ?? `service:${event.at.slice(0, 10)}`;
}

export class AuditRepository implements AuditLog {
  readonly #store: DocStore<AuditEvent>;
  readonly #clock: Clock;

  constructor(container: Container, clock: Clock = systemClock) {
    this.#store = new DocStore({ container, schema: AuditEvent, partitionKeyOf: (e) => e.subject, noun: 'audit event' });
    this.#clock = clock;
  }

  /** Writes one event (create only: an id collision fails rather than overwrites). */
  async append(input: AuditInput): Promise<AuditEvent> {
    const where = 'AuditRepository.append()';
    const valid = validate(AuditInput, input, where, 'audit event');
    const at = this.#clock.now().toISOString();
    const event: AuditEvent = { ...valid, id: randomUUID(), docType: 'audit', at, subject: auditSubject({ ...valid, at }) };
    const { etag: _etag, ...stored } = await this.#store.create(event, where);
    return stored;
  }

  /** Everything recorded about a child (single-partition query), oldest first. */
  async forChild(childId: ChildId, period: AuditPeriod = {}): Promise<AuditEvent[]> {
    return this.#query('AuditRepository.forChild()', ['c.subject = @subject'], [{ name: '@subject', value: childId }], period, childId);
  }

  async forRecord(recordRef: string, period: AuditPeriod = {}): Promise<AuditEvent[]> {
    return this.#query('AuditRepository.forRecord()', ['c.recordRef = @ref'], [{ name: '@ref', value: recordRef }], period);
  }

  async byActor(actorId: string, period: AuditPeriod = {}): Promise<AuditEvent[]> {
    return this.#query('AuditRepository.byActor()', ['c.actor.id = @actor'], [{ name: '@actor', value: actorId }], period);
  }

  async inPeriod(period: Required<AuditPeriod>, filter: { outcome?: 'allowed' | 'denied' } = {}): Promise<AuditEvent[]> {
    const clauses: string[] = [];
    const parameters: { name: string; value: string }[] = [];
    if (filter.outcome) {
      clauses.push('c.outcome = @outcome');
      parameters.push({ name: '@outcome', value: filter.outcome });
    }
    return this.#query('AuditRepository.inPeriod()', clauses, parameters, period);
  }

  async #query(where: string, clauses: string[], parameters: { name: string; value: string }[], period: AuditPeriod, partitionKey?: string): Promise<AuditEvent[]> {
    const all = ["c.docType = 'audit'", ...clauses];
    const params = [...parameters];
    if (period.from) {
      all.push('c.at >= @from');
      params.push({ name: '@from', value: IsoDate.parse(period.from) });
    }
    if (period.to) {
      all.push('c.at < @to');
      // Any timestamp on the last day sorts before "<day>T99".
      params.push({ name: '@to', value: `${IsoDate.parse(period.to)}T99` });
    }
    const rows = await this.#store.query({ query: `SELECT * FROM c WHERE ${all.join(' AND ')}`, parameters: params }, where, partitionKey);
    return rows.map(({ etag: _etag, ...event }) => event).sort((a, b) => a.at.localeCompare(b.at));
  }
}
