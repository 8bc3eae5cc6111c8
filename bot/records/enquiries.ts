/**
 * Enquiries to SENDIAS (the impartial information, advice and support service, at arm's length
 * from the council; CFA 2014 s32). Container `enquiries`, partitioned by queue, so the advisers'
 * queue is a single-partition query. Every update is conditional on the eTag.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { daysBetween, englandDateOf } from '../statutory';
import {
  Channel,
  ContactDetails,
  ContactPreference,
  EnquiryRef,
  FreeText,
  IdempotencyKey,
  IsoDate,
  IsoDateTime,
  RecordRef,
  StaffId,
  checkPreferredContact,
  pad,
  type IsoDateString,
} from './common';
import { CLOSED_ENQUIRY_RETENTION_SECONDS } from './containers';
import { InvalidStateError, NotFoundError } from './errors';
import { createWithReference, type IdempotencyClaims, type ReferenceSequences } from './sequences';
import { DocStore, systemClock, type Clock, type Stored } from './store';

/** The one SENDIAS queue; a partition key value, so a split service can add queues later. */
export const SENDIAS_QUEUE = 'sendias';

export const ENQUIRY_STATUSES = ['new', 'assigned', 'waiting_for_family', 'closed'] as const;
export const EnquiryStatus = z.enum(ENQUIRY_STATUSES);
export type EnquiryStatus = z.infer<typeof EnquiryStatus>;

export const EnquiryNote = z.object({ at: IsoDateTime, by: StaffId, text: FreeText });
export type EnquiryNote = z.infer<typeof EnquiryNote>;

/** How an enquiry ended, for SENDIAS's own reporting. */
export const ENQUIRY_OUTCOMES = ['advice_given', 'signposted', 'casework_support', 'tribunal_support', 'no_response', 'withdrawn', 'other'] as const;
export const EnquiryOutcome = z.enum(ENQUIRY_OUTCOMES);
export type EnquiryOutcome = z.infer<typeof EnquiryOutcome>;

/** A message between an adviser and the family, and how an adviser's reply was delivered. */
export const EnquiryMessage = z.object({
  at: IsoDateTime,
  from: z.enum(['adviser', 'family']),
  /** The adviser who wrote it (for `adviser`). */
  by: StaffId.optional(),
  text: FreeText,
  delivery: z.enum(['web_chat', 'email', 'sms', 'pending', 'none']).optional(),
});
export type EnquiryMessage = z.infer<typeof EnquiryMessage>;

export const Enquiry = z
  .object({
    id: EnquiryRef,
    queue: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
    docType: z.literal('enquiry'),
    contact: ContactDetails,
    contactPreference: ContactPreference,
    consent: z.object({
      /** SENDIAS may keep this enquiry and contact the person: required to log it at all. */
      storeAndContact: z.literal(true),
      /** The person agreed SENDIAS may see the council's casework records named in `sharedCaseRefs`. */
      shareCasework: z.boolean(),
      givenAt: IsoDateTime,
    }),
    channel: Channel,
    /** The enquiry in the person's words. */
    text: FreeText,
    sharedCaseRefs: z.array(RecordRef).max(10),
    status: EnquiryStatus,
    assigneeId: StaffId.optional(),
    notes: z.array(EnquiryNote).max(500),
    priority: z.object({
      outOfSchool: z.boolean(),
      tribunalHearing: IsoDate.optional(),
      safeguarding: z.boolean(),
      /** Excluded (fixed-term or permanent), as opposed to out of school for another reason. */
      excluded: z.boolean().optional(),
      /** The last day to register an appeal with the SEND Tribunal, when known. */
      appealDeadline: IsoDate.optional(),
      /** The family says the final EHC plan is past its statutory deadline. */
      finalPlanOverdue: z.boolean().optional(),
    }),
    /** Adviser replies to the family and the family's answers, oldest first. */
    messages: z.array(EnquiryMessage).max(200).optional(),
    outcome: EnquiryOutcome.optional(),
    createdAt: IsoDateTime,
    acknowledgedAt: IsoDateTime.optional(),
    closedAt: IsoDateTime.optional(),
    /** Set on closing: seconds until real Cosmos deletes the enquiry (container TTL on, no default). */
    ttl: z.number().int().positive().optional(),
    idempotencyKey: IdempotencyKey.optional(),
    updatedAt: IsoDateTime,
  })
  .superRefine((e, ctx) => {
    checkPreferredContact(e.contact, e.contactPreference, ctx, ['contact']);
    if (e.sharedCaseRefs.length > 0 && !e.consent.shareCasework) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sharedCaseRefs'], message: 'casework can only be shared with consent' });
    }
    if (e.status === 'assigned' && !e.assigneeId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['assigneeId'], message: 'is required when assigned' });
    }
    if ((e.status === 'closed') !== (e.closedAt !== undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closedAt'], message: 'is set exactly when closed' });
    }
  });
export type Enquiry = z.infer<typeof Enquiry>;

export type NewEnquiry = Pick<z.input<typeof Enquiry>, 'contact' | 'contactPreference' | 'consent' | 'channel' | 'text' | 'sharedCaseRefs' | 'priority'>;

export function enquiryRef(year: number, n: number): EnquiryRef {
  return `ENQ-${year}-${pad(n, 5)}`;
}

export function enquiryStore(container: Container): DocStore<Enquiry> {
  return new DocStore({ container, schema: Enquiry, partitionKeyOf: (e) => e.queue, noun: 'enquiry' });
}

export type EnquiryPriorityLevel = 'urgent' | 'high' | 'normal';

/**
 * How soon an adviser should pick an enquiry up: urgent for a safeguarding flag or a tribunal
 * hearing within 14 days; high for a child out of school or a hearing within 8 weeks.
 */
export function enquiryPriority(enquiry: Enquiry, today: IsoDateString): { level: EnquiryPriorityLevel; reasons: string[] } {
  const reasons: string[] = [];
  let level: EnquiryPriorityLevel = 'normal';
  const raise = (to: EnquiryPriorityLevel, reason: string): void => {
    reasons.push(reason);
    if (to === 'urgent' || level === 'normal') level = to;
  };
  if (enquiry.priority.safeguarding) raise('urgent', 'safeguarding concern');
  const hearing = enquiry.priority.tribunalHearing;
  if (hearing !== undefined) {
    const days = daysBetween(today, hearing);
    if (days >= 0 && days <= 14) raise('urgent', `tribunal hearing in ${days} days`);
    else if (days > 14 && days <= 56) raise('high', `tribunal hearing in ${days} days`);
  }
  if (enquiry.priority.outOfSchool) raise('high', 'child out of school');
  return { level, reasons };
}

const LEVEL_ORDER: Record<EnquiryPriorityLevel, number> = { urgent: 0, high: 1, normal: 2 };

export class EnquiryRepository {
  readonly store: DocStore<Enquiry>;

  constructor(
    container: Container,
    private readonly sequences: ReferenceSequences,
    private readonly claims: IdempotencyClaims,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = enquiryStore(container);
  }

  /** Logs an enquiry under a new reference `ENQ-<year>-00017` in the SENDIAS queue. */
  async create(input: NewEnquiry, options: { idempotencyKey?: string } = {}): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.create()';
    const now = this.clock.now();
    const year = Number(englandDateOf(now).slice(0, 4));
    const build = (id: string): unknown => ({
      ...input,
      id,
      queue: SENDIAS_QUEUE,
      docType: 'enquiry',
      status: 'new',
      notes: [],
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    this.store.validate(build(enquiryRef(year, 1)), where);
    return createWithReference<Enquiry>({
      claims: this.claims,
      scope: 'enquiry',
      idempotencyKey: options.idempotencyKey,
      allocate: async () => enquiryRef(year, await this.sequences.next(`ENQ-${year}`)),
      createOrGet: async (id) => (await this.store.createOrGet(this.store.validate(build(id), where), where)).record,
    });
  }

  async find(ref: EnquiryRef): Promise<Stored<Enquiry> | undefined> {
    return this.store.read(ref, SENDIAS_QUEUE, 'EnquiryRepository.find()');
  }

  async get(ref: EnquiryRef): Promise<Stored<Enquiry>> {
    const enquiry = await this.find(ref);
    if (!enquiry) throw new NotFoundError(`EnquiryRepository.get(): enquiry ${ref} not found in the ${SENDIAS_QUEUE} queue`);
    return enquiry;
  }

  /**
   * The advisers' queue: enquiries not closed (or with the given statuses), optionally one
   * adviser's, most urgent first and then oldest first. Single-partition query.
   */
  async queue(filter: { statuses?: readonly EnquiryStatus[]; assigneeId?: StaffId; today?: IsoDateString } = {}): Promise<Stored<Enquiry>[]> {
    const statuses = filter.statuses ?? ENQUIRY_STATUSES.filter((s) => s !== 'closed');
    const clauses = ['c.queue = @queue', "c.docType = 'enquiry'", 'ARRAY_CONTAINS(@statuses, c.status)'];
    const parameters: { name: string; value: string | string[] }[] = [
      { name: '@queue', value: SENDIAS_QUEUE },
      { name: '@statuses', value: [...statuses] },
    ];
    if (filter.assigneeId) {
      clauses.push('c.assigneeId = @assignee');
      parameters.push({ name: '@assignee', value: filter.assigneeId });
    }
    const rows = await this.store.query({ query: `SELECT * FROM c WHERE ${clauses.join(' AND ')}`, parameters }, 'EnquiryRepository.queue()', SENDIAS_QUEUE);
    const today = filter.today ?? englandDateOf(this.clock.now());
    const rank = (e: Enquiry): number => LEVEL_ORDER[enquiryPriority(e, today).level];
    return rows.sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt));
  }

  async assign(enquiry: Stored<Enquiry>, assigneeId: StaffId, by: StaffId): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.assign()';
    this.assertOpen(where, enquiry);
    const note = { at: this.now(), by, text: `Assigned to ${assigneeId}.` };
    return this.save(where, { ...enquiry, assigneeId, status: enquiry.status === 'new' ? 'assigned' : enquiry.status, notes: [...enquiry.notes, note] }, enquiry.etag);
  }

  /** Records that the person was told their enquiry was received (once). */
  async acknowledge(enquiry: Stored<Enquiry>): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.acknowledge()';
    if (enquiry.acknowledgedAt) return enquiry;
    return this.save(where, { ...enquiry, acknowledgedAt: this.now() }, enquiry.etag);
  }

  async addNote(enquiry: Stored<Enquiry>, note: { by: StaffId; text: string }): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.addNote()';
    return this.save(where, { ...enquiry, notes: [...enquiry.notes, { at: this.now(), ...note }] }, enquiry.etag);
  }

  async setStatus(enquiry: Stored<Enquiry>, status: 'assigned' | 'waiting_for_family', by: StaffId): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.setStatus()';
    this.assertOpen(where, enquiry);
    const note = { at: this.now(), by, text: `Status changed to ${status}.` };
    return this.save(where, { ...enquiry, status, notes: [...enquiry.notes, note] }, enquiry.etag);
  }

  /** Closes the enquiry; real Cosmos deletes it six years later (item `ttl`). */
  async close(enquiry: Stored<Enquiry>, by: StaffId, note: string, outcome?: EnquiryOutcome): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.close()';
    this.assertOpen(where, enquiry);
    const at = this.now();
    return this.save(
      where,
      {
        ...enquiry,
        status: 'closed',
        closedAt: at,
        ttl: CLOSED_ENQUIRY_RETENTION_SECONDS,
        ...(outcome ? { outcome } : {}),
        acknowledgedAt: enquiry.acknowledgedAt ?? at,
        notes: [...enquiry.notes, { at, by, text: note }],
      },
      enquiry.etag,
    );
  }

  /**
   * Adds a message to or from the family. An adviser's reply counts as the acknowledgement and
   * leaves the enquiry waiting for the family; the family's answer puts it back with the adviser.
   */
  async addMessage(enquiry: Stored<Enquiry>, message: Omit<EnquiryMessage, 'at'>): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.addMessage()';
    this.assertOpen(where, enquiry);
    const at = this.now();
    const fromAdviser = message.from === 'adviser';
    const status: EnquiryStatus = fromAdviser ? 'waiting_for_family' : enquiry.assigneeId ? 'assigned' : 'new';
    return this.save(
      where,
      {
        ...enquiry,
        status,
        ...(fromAdviser ? { acknowledgedAt: enquiry.acknowledgedAt ?? at } : {}),
        messages: [...(enquiry.messages ?? []), { at, ...message }],
      },
      enquiry.etag,
    );
  }

  /** Updates what the priority rules use (an adviser learns more from the family). */
  async setPriority(enquiry: Stored<Enquiry>, priority: Enquiry['priority'], by: StaffId): Promise<Stored<Enquiry>> {
    const where = 'EnquiryRepository.setPriority()';
    this.assertOpen(where, enquiry);
    const note = { at: this.now(), by, text: 'Priority details updated.' };
    return this.save(where, { ...enquiry, priority, notes: [...enquiry.notes, note] }, enquiry.etag);
  }

  private assertOpen(where: string, enquiry: Enquiry): void {
    if (enquiry.status === 'closed') throw new InvalidStateError(`${where}: enquiry ${enquiry.id} is closed`);
  }

  private async save(where: string, next: Enquiry, etag: string): Promise<Stored<Enquiry>> {
    return this.store.replace({ ...next, updatedAt: this.now() }, etag, where);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
