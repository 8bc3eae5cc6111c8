/**
 * The report's facts: compact copies of the records the compliance report counts, filed by the
 * month (or deadline) that decides when they count, and kept up to date as the records change.
 * A report then reads a bounded number of documents, whatever the number of plans, instead of
 * every plan, meeting and complaint.
 *
 * Each child is one subject (a complaint with no child is its own). When anything in a child's
 * partition or one of their complaints is written, the child's records are read again (one
 * single-partition query, one complaints query) and cut into fragments:
 * - `held:YYYY-MM`: the meetings held that month, with the child's plans (for the filters);
 * - `due:YYYY-MM`: the same meetings, by the month their review fell due;
 * - `events:YYYY-MM`: plans with a decision to assess, a notice not to issue or a first final plan that month;
 * - `complaints:YYYY-MM`: complaints with a stage received or an Ombudsman referral that month;
 * - `open:YYYY-MM`: everything the "now" figures need, filed under the first month it can count
 *   ({@link relevantFrom}), so a report reads only the months up to today's;
 * - `transfer:YYYY-MM-DD`: plans with a reg 18 phase transfer, by deadline.
 * The fragments replace the subject's old ones in each document (eTag-checked, retried), and the
 * same functions count the facts as count the records (bot/records/compliance.ts), so a report
 * from the facts equals a recount (test/integration/report-facts.test.ts). Facts hold dates,
 * states, references, the caseworker and school: no names, contact details or free text.
 *
 * If a refresh fails after its record was saved, the facts are marked stale and the next report
 * rebuilds them from every record (as it does when they were never built); `rebuild()` also runs
 * each night.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { PhaseTransferKindSchema, isRealIsoDate } from '../statutory';
import type { Child, ChildRepository } from './children';
import { ChildId, ID_PATTERNS, IsoDate, IsoDateTime, type IsoDateString } from './common';
import type { Complaint, ComplaintRepository } from './complaints';
import {
  complaintEventDates,
  newPlanEventDates,
  relevantFrom,
  transferDeadlineOf,
  transferWindowStart,
  type ComplaintFacts,
  type FactsSnapshot,
  type PlanFacts,
  type ReportPeriods,
  type ReportSourceProvider,
  type ReportSources,
  type ReviewFacts,
} from './compliance';
import { AlreadyExistsError, ConflictError, NotFoundError, RecordsError, ValidationError } from './errors';
import { PlanStatus, TIMESCALE_EXCEPTIONS, type Plan, type PlanRepository } from './plans';
import { ReviewOutcome, ReviewStatus, type Review, type ReviewRepository } from './reviews';
import { DocStore, QUERY_PAGES, mapWithConcurrency } from './store';

export const FACT_KINDS = ['held', 'due', 'events', 'complaints', 'open', 'transfer'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/**
 * Fragments of one document key are spread over this many documents by subject, so that no
 * document nears Cosmos's 2 MB item limit at a large council's volume (20,000 plans: about 1,700
 * meetings a month, 4,000 phase transfers a year) and a refresh rewrites a small document.
 */
export const FACT_SHARDS = 4;

/*
 * Stored compactly: each record as an array in a fixed order (absent fields null, trailing ones
 * dropped), so a report reads a few megabytes at a large council's volume rather than tens.
 * Decoding validates every value with zod and gives back exactly the facts that were encoded.
 */
// Each cell is checked once, by the rule of the field it decodes to: the same patterns and real-date
// test as the records' zod schemas, as plain predicates (a zod parse per cell costs about a second
// for a report at 20,000 plans).
const Row = z.array(z.unknown()).max(20);
type Row = unknown[];
type Check<T> = { readonly test: (v: unknown) => boolean; readonly what: string; readonly _t?: T };
const matching = <T extends string = string>(pattern: RegExp, what: string): Check<T> => ({ test: (v) => typeof v === 'string' && pattern.test(v), what });
const DATE: Check<IsoDateString> = { test: isRealIsoDate, what: 'a real date' };
const PLAN_REF = matching(ID_PATTERNS.planRef, 'a plan reference');
const CHILD_ID = matching(ID_PATTERNS.childId, 'a child id');
const STAFF_ID = matching(ID_PATTERNS.staffId, 'a staff id');
const REVIEW_ID = matching(ID_PATTERNS.reviewId, 'a review id');
const COMPLAINT_REF = matching(ID_PATTERNS.complaintRef, 'a complaint reference');
const SCHOOL: Check<string> = { test: (v) => typeof v === 'string' && v.length > 0 && v.length <= 200, what: 'a school name' };
const int = (min: number, max: number, what: string): Check<number> => ({ test: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, what });
const YEAR = int(2000, 2100, 'a year');
const STAGE = int(1, 2, 'a complaint stage') as Check<1 | 2>;
const REMINDERS = int(0, 1000, 'a count');
const oneOf = <T extends string>(values: readonly T[], what: string): Check<T> => ({ test: (v) => (values as readonly unknown[]).includes(v), what });
const TRANSFER_KIND = oneOf(PhaseTransferKindSchema.options, 'a phase transfer kind');
const EXCEPTION = oneOf(TIMESCALE_EXCEPTIONS, 'a timescale exception');
const SCHOOL_ASKED: Check<string> = { test: (v) => v === '' || isRealIsoDate(v), what: 'a date' };

const PLAN_STATUS_CODES = PlanStatus.options;
const REVIEW_STATUS_CODES = ReviewStatus.options;
const OUTCOME_CODES = ReviewOutcome.options;
const KEY_DATES = ['requestReceived', 'decisionToAssess', 'noticeNotToIssue', 'draftIssued', 'finalIssued', 'planFirstIssued', 'lastReviewMeeting', 'ceased'] as const;

const trim = (row: Row): Row => {
  let n = row.length;
  while (n > 0 && row[n - 1] === null) n--;
  return row.slice(0, n);
};
const at = (row: Row, i: number): unknown => (i < row.length ? row[i] : null);
const opt = <T>(check: Check<T>, row: Row, i: number): T | undefined => {
  const v = at(row, i);
  if (v === null) return undefined;
  if (!check.test(v)) throw new ValidationError(`ReportFacts: stored value ${JSON.stringify(v)} is not ${check.what}`, [`${i}: not ${check.what}`]);
  return v as T;
};
const req = <T>(check: Check<T>, row: Row, i: number): T => {
  const v = opt(check, row, i);
  if (v === undefined) throw new ValidationError(`ReportFacts: stored row has no ${check.what}`, [`${i}: required`]);
  return v;
};
const code = <T extends string>(codes: readonly T[], row: Row, i: number): T | undefined => {
  const v = opt(int(0, codes.length - 1, `one of ${codes.join(', ')}`), row, i);
  return v === undefined ? undefined : codes[v];
};
const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function encodePlan(p: PlanFacts): Row {
  return trim([
    p.id,
    p.childId,
    PLAN_STATUS_CODES.indexOf(p.status),
    n(p.caseworkerId),
    n(p.schoolName),
    n(p.phaseTransfer?.year),
    n(p.phaseTransfer?.kind),
    n(p.timescaleException?.kind),
    ...KEY_DATES.map((k) => n(p.keyDates[k])),
  ]);
}

function decodePlan(row: Row): PlanFacts {
  const keyDates: Record<string, IsoDateString> = {};
  KEY_DATES.forEach((k, i) => {
    const d = opt(DATE, row, 8 + i);
    if (d) keyDates[k] = d;
  });
  const year = opt(YEAR, row, 5);
  const kind = opt(TRANSFER_KIND, row, 6);
  const exception = opt(EXCEPTION, row, 7);
  return compact({
    id: req(PLAN_REF, row, 0),
    childId: req(CHILD_ID, row, 1),
    status: code(PLAN_STATUS_CODES, row, 2)!,
    keyDates,
    caseworkerId: opt(STAFF_ID, row, 3),
    schoolName: opt(SCHOOL, row, 4),
    phaseTransfer: year !== undefined && kind !== undefined ? { year, kind } : undefined,
    timescaleException: exception ? { kind: exception } : undefined,
  });
}

/** A meeting; its child is the fragment's. The history keeps only what the views count: reminders sent, and when the school was last asked. */
function encodeReview(r: ReviewFacts): Row {
  const reminders = r.history.filter((h) => h.change === 'reminder_sent').length;
  const schoolAsked = r.history.filter((h) => h.change === 'school_asked');
  return trim([
    r.id,
    r.planRef,
    REVIEW_STATUS_CODES.indexOf(r.status),
    r.dueDate,
    r.proposedDate,
    n(r.meetingHeld),
    n(r.reportReceived),
    r.laDecision ? OUTCOME_CODES.indexOf(r.laDecision.decision) : null,
    n(r.laDecision?.decidedOn),
    n(r.amendmentNoticeSent),
    n(r.finalAmendedPlanIssued),
    reminders || null,
    schoolAsked.length > 0 ? (schoolAsked.at(-1)!.to ?? '') : null,
  ]);
}

function decodeReview(row: Row, childId: string): ReviewFacts {
  const decision = code(OUTCOME_CODES, row, 7);
  const reminders = opt(REMINDERS, row, 11) ?? 0;
  const schoolAsked = opt(SCHOOL_ASKED, row, 12);
  return compact({
    id: req(REVIEW_ID, row, 0),
    childId,
    planRef: req(PLAN_REF, row, 1),
    status: code(REVIEW_STATUS_CODES, row, 2)!,
    dueDate: req(DATE, row, 3),
    proposedDate: req(DATE, row, 4),
    meetingHeld: opt(DATE, row, 5),
    reportReceived: opt(DATE, row, 6),
    laDecision: decision ? { decision, decidedOn: req(DATE, row, 8) } : undefined,
    amendmentNoticeSent: opt(DATE, row, 9),
    finalAmendedPlanIssued: opt(DATE, row, 10),
    history: [
      ...Array.from({ length: reminders }, () => ({ change: 'reminder_sent' as const })),
      ...(schoolAsked === undefined ? [] : [schoolAsked ? { change: 'school_asked' as const, to: schoolAsked } : { change: 'school_asked' as const }]),
    ],
  });
}

function encodeComplaint(c: ComplaintFacts): Row {
  const prev = c.previousStages[0];
  return trim([
    c.id,
    n(c.childId),
    c.stage,
    c.received,
    n(c.acknowledged),
    n(c.responded),
    n(c.ombudsmanReferred),
    n(prev?.stage),
    n(prev?.received),
    n(prev?.acknowledged),
    n(prev?.responded),
  ]);
}

function decodeComplaint(row: Row): ComplaintFacts {
  const prevStage = opt(STAGE, row, 7);
  return compact({
    id: req(COMPLAINT_REF, row, 0),
    childId: opt(CHILD_ID, row, 1),
    stage: req(STAGE, row, 2),
    received: req(DATE, row, 3),
    acknowledged: opt(DATE, row, 4),
    responded: opt(DATE, row, 5),
    ombudsmanReferred: opt(DATE, row, 6),
    previousStages: prevStage ? [compact({ stage: prevStage, received: req(DATE, row, 8), acknowledged: opt(DATE, row, 9), responded: opt(DATE, row, 10) })] : [],
  });
}

/** A fragment as stored: `s` subject, `a` asOf, `b` born, then plans, held and active meetings, complaints as rows. */
const StoredFragment = z.object({
  s: z.string().min(1).max(40),
  // An ISO instant in UTC, as the records stamp them (a plain regex: zod's datetime check builds its pattern on every call).
  a: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/),
  b: IsoDate.optional(),
  p: z.array(Row).optional(),
  h: z.array(Row).optional(),
  v: z.array(Row).optional(),
  c: z.array(Row).optional(),
});

interface Fragment {
  /** `child:C0001` or `complaint:CMP-2026-00001`. */
  readonly subject: string;
  /** The latest `updatedAt` of the records it was cut from: an older fragment never replaces a newer one. */
  readonly asOf: string;
  readonly born?: IsoDateString;
  readonly plans: PlanFacts[];
  readonly held: ReviewFacts[];
  readonly active: ReviewFacts[];
  readonly complaints: ComplaintFacts[];
}

function encodeFragment(f: Fragment): z.infer<typeof StoredFragment> {
  const rows = <T>(items: readonly T[], encode: (t: T) => Row): { rows?: Row[] } => (items.length ? { rows: items.map(encode) } : {});
  const p = rows(f.plans, encodePlan).rows;
  const h = rows(f.held, encodeReview).rows;
  const v = rows(f.active, encodeReview).rows;
  const c = rows(f.complaints, encodeComplaint).rows;
  return compact({ s: f.subject, a: f.asOf, b: f.born, p, h, v, c });
}

function decodeFragment(raw: z.infer<typeof StoredFragment>): Fragment {
  const childId = raw.s.startsWith('child:') ? raw.s.slice('child:'.length) : '';
  return {
    subject: raw.s,
    asOf: raw.a,
    ...(raw.b ? { born: raw.b } : {}),
    plans: (raw.p ?? []).map(decodePlan),
    held: (raw.h ?? []).map((r) => decodeReview(r, childId)),
    active: (raw.v ?? []).map((r) => decodeReview(r, childId)),
    complaints: (raw.c ?? []).map(decodeComplaint),
  };
}

const StoredDoc = z.object({
  id: z.string().min(1).max(60),
  kind: z.enum(FACT_KINDS),
  /** The month (`YYYY-MM`) or, for a transfer, the deadline (`YYYY-MM-DD`). */
  key: z.string().regex(/^\d{4}-\d\d(-\d\d)?$/),
  subjects: z.array(z.string()),
  fragments: z.array(StoredFragment),
});
interface FactsDoc {
  readonly id: string;
  readonly kind: FactKind;
  readonly key: string;
  subjects: string[];
  fragments: Fragment[];
}
const parseDoc = (raw: unknown): FactsDoc => {
  const doc = StoredDoc.parse(raw);
  return { ...doc, fragments: doc.fragments.map(decodeFragment) };
};
const storedDoc = (doc: FactsDoc) => StoredDoc.parse({ id: doc.id, kind: doc.kind, key: doc.key, subjects: doc.subjects, fragments: doc.fragments.map(encodeFragment) });

const MetaDoc = z.object({ id: z.literal('meta'), kind: z.literal('meta'), builtAt: IsoDateTime, stale: z.boolean() });

/** One document's worth of a subject's facts. */
interface Cut {
  readonly kind: FactKind;
  readonly key: string;
  readonly fragment: Fragment;
}

// ---------------------------------------------------------------------------------------------
// Cutting records into fragments (pure)
// ---------------------------------------------------------------------------------------------

const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function planFactsOf(p: Plan): PlanFacts {
  return compact({
    id: p.id,
    childId: p.childId,
    status: p.status,
    keyDates: compact({ ...p.keyDates }),
    caseworkerId: p.caseworkerId,
    schoolName: p.schoolName,
    phaseTransfer: p.phaseTransfer,
    timescaleException: p.timescaleException ? { kind: p.timescaleException.kind } : undefined,
  });
}

export function reviewFactsOf(r: Review): ReviewFacts {
  return compact({
    id: r.id,
    childId: r.childId,
    planRef: r.planRef,
    status: r.status,
    dueDate: r.dueDate,
    proposedDate: r.proposedDate,
    meetingHeld: r.meetingHeld,
    reportReceived: r.reportReceived,
    laDecision: r.laDecision,
    amendmentNoticeSent: r.amendmentNoticeSent,
    finalAmendedPlanIssued: r.finalAmendedPlanIssued,
    // Only the chasing the views count (reminders, the school asked); not who did what.
    history: r.history.filter((h) => h.change === 'reminder_sent' || h.change === 'school_asked').map((h) => compact({ change: h.change, to: h.to })),
  });
}

export function complaintFactsOf(c: Complaint): ComplaintFacts {
  const stage = (s: { stage: 1 | 2; received: string; acknowledged?: string; responded?: string }) =>
    compact({ stage: s.stage, received: s.received, acknowledged: s.acknowledged, responded: s.responded });
  return compact({ ...stage(c), id: c.id, childId: c.childId, ombudsmanReferred: c.ombudsmanReferred, previousStages: c.previousStages.map(stage) });
}

const month = (d: IsoDateString): string => d.slice(0, 7);

/** A subject's records, as facts: a child's plans, meetings and complaints, or a complaint with no child. */
export interface SubjectRecords {
  readonly subject: string;
  readonly asOf: string;
  readonly born?: IsoDateString;
  readonly plans: readonly PlanFacts[];
  readonly reviews: readonly ReviewFacts[];
  readonly complaints: readonly ComplaintFacts[];
}

/** Cuts a subject's records into the fragments of each document that should hold them. */
export function cutSubject(s: SubjectRecords): Cut[] {
  const cuts = new Map<string, Cut>();
  const base = {
    subject: s.subject,
    asOf: s.asOf,
    ...(s.born ? { born: s.born } : {}),
    plans: [] as PlanFacts[],
    held: [] as ReviewFacts[],
    active: [] as ReviewFacts[],
    complaints: [] as ComplaintFacts[],
  };
  const add = (kind: FactKind, key: string, part: Partial<Pick<Fragment, 'plans' | 'held' | 'active' | 'complaints'>>): void => {
    const id = `${kind}:${key}`;
    const cut = cuts.get(id) ?? { kind, key, fragment: { ...base, plans: [], held: [], active: [], complaints: [] } };
    const f = cut.fragment;
    const union = <T extends { id: string }>(into: T[], more: readonly T[] | undefined): void => {
      for (const m of more ?? []) if (!into.some((x) => x.id === m.id)) into.push(m);
    };
    union(f.plans, part.plans as PlanFacts[] | undefined);
    union(f.held, part.held as ReviewFacts[] | undefined);
    union(f.active, part.active as ReviewFacts[] | undefined);
    union(f.complaints, part.complaints as ComplaintFacts[] | undefined);
    cuts.set(id, cut);
  };
  const plans = [...s.plans];
  const held = s.reviews.filter((r) => r.status === 'held' && r.meetingHeld !== undefined);
  const active = s.reviews.filter((r) => r.status === 'booked' || r.status === 'rescheduled');
  const open = s.complaints.filter((c) => c.responded === undefined);
  // Where only the filters read a plan (caseworker, school, child), only those are kept; a held meeting keeps its dates and decision.
  const forFilters = plans.map((p) => compact({ id: p.id, childId: p.childId, status: p.status, keyDates: {}, caseworkerId: p.caseworkerId, schoolName: p.schoolName }));
  for (const r of held) {
    add('held', month(r.meetingHeld!), { plans: forFilters, held: [{ ...r, history: [] }] });
    add('due', month(r.dueDate), { plans: forFilters, held: [{ ...r, history: [] }] });
  }
  for (const p of plans) {
    for (const d of Object.values(newPlanEventDates(p))) if (d) add('events', month(d), { plans: [p] });
    const deadline = transferDeadlineOf(p);
    if (deadline) add('transfer', deadline, { plans: [p], held: held.filter((r) => r.planRef === p.id && r.meetingHeld! >= transferWindowStart(deadline)) });
  }
  for (const c of s.complaints) for (const d of complaintEventDates(c)) add('complaints', month(d), { plans: forFilters, complaints: [c] });
  // What is open today reads, of the meetings held, each plan's latest (its next review date) and those still waiting for a decision or an amended plan.
  const latest = new Map<string, ReviewFacts>();
  for (const r of held) if ((latest.get(r.planRef)?.meetingHeld ?? '') < r.meetingHeld!) latest.set(r.planRef, r);
  const waiting = held.filter((r) => latest.get(r.planRef) === r || !r.laDecision || (r.laDecision.decision === 'amend' && !r.finalAmendedPlanIssued));
  const current: FactsSnapshot = { plans, held: waiting, active, openComplaints: open, allComplaints: [] };
  const from = relevantFrom(current);
  if (from) add('open', month(from), { plans, held: waiting, active, complaints: open });
  return [...cuts.values()];
}

/** Which of a key's documents holds a subject's fragment (FNV-1a of the subject). */
export function shardOf(subject: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < subject.length; i++) h = Math.imul(h ^ subject.charCodeAt(i), 0x01000193) >>> 0;
  return h % FACT_SHARDS;
}

const docIdOf = (kind: FactKind, key: string, subject: string): string => `${kind}:${key}:${shardOf(subject)}`;

/** The report's sources from the fragments of the documents read. */
export function sourcesOf(docs: readonly FactsDoc[], births: boolean): ReportSources {
  const sets = {
    reviewed: new Parts(),
    dueReviewed: new Parts(),
    requested: new Parts(),
    complained: new Parts(),
    current: new Parts(),
    transfers: new Parts(),
  };
  const born = new Map<string, IsoDateString>();
  for (const doc of docs) {
    for (const f of doc.fragments) {
      if (births && f.born) born.set(f.subject.slice('child:'.length), f.born);
      if (doc.kind === 'held') sets.reviewed.add(f, { held: true });
      else if (doc.kind === 'due') sets.dueReviewed.add(f, { held: true });
      else if (doc.kind === 'events') sets.requested.add(f, {});
      else if (doc.kind === 'complaints') sets.complained.add(f, { allComplaints: true });
      else if (doc.kind === 'open') sets.current.add(f, { held: true, active: true, openComplaints: true });
      else sets.transfers.add(f, { held: true });
    }
  }
  return {
    reviewed: sets.reviewed.snapshot(),
    dueReviewed: sets.dueReviewed.snapshot(),
    requested: sets.requested.snapshot(),
    complained: sets.complained.snapshot(),
    current: sets.current.snapshot(),
    transfers: sets.transfers.snapshot(),
    ...(births ? { births: born } : {}),
  };
}

/** Fragments merged into one snapshot, each record once. */
class Parts {
  private readonly plans = new Map<string, PlanFacts>();
  private readonly held = new Map<string, ReviewFacts>();
  private readonly active = new Map<string, ReviewFacts>();
  private readonly open = new Map<string, ComplaintFacts>();
  private readonly all = new Map<string, ComplaintFacts>();

  add(f: Fragment, take: { held?: boolean; active?: boolean; openComplaints?: boolean; allComplaints?: boolean }): void {
    for (const p of f.plans) this.plans.set(p.id, p);
    if (take.held) for (const r of f.held) this.held.set(r.id, r);
    if (take.active) for (const r of f.active) this.active.set(r.id, r);
    if (take.openComplaints) for (const c of f.complaints) this.open.set(c.id, c);
    if (take.allComplaints) for (const c of f.complaints) this.all.set(c.id, c);
  }

  snapshot(): FactsSnapshot {
    const sorted = <T extends { id: string }>(m: Map<string, T>): T[] => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));
    const open = [...this.open.values()].sort((a, b) => a.received.localeCompare(b.received) || a.id.localeCompare(b.id));
    return { plans: sorted(this.plans), held: sorted(this.held), active: sorted(this.active), openComplaints: open, allComplaints: sorted(this.all) };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading and writing the facts
// ---------------------------------------------------------------------------------------------

export interface ReportFactsOptions {
  /** The container of the facts (`reportFacts`, partition key `/id`). */
  readonly container: Container;
  readonly children: ChildRepository;
  readonly plans: PlanRepository;
  readonly reviews: ReviewRepository;
  readonly complaints: ComplaintRepository;
  /** Told when keeping the facts up to date failed (the facts are then rebuilt before the next report). */
  readonly onError?: (err: unknown, subject: string) => void;
}

/** More changed documents than this are read with one query rather than one by one. */
const MAX_POINT_READS = 16;
/** Documents kept decoded between reports, per instance (a report at 20,000 plans reads about 160). */
const MAX_CACHED_DOCS = 1000;

export class ReportFacts implements ReportSourceProvider {
  private building: Promise<void> | undefined;
  /** Documents read before, decoded, with the eTag they were read at. */
  private readonly cache = new Map<string, { doc: FactsDoc; etag: string }>();
  /** The last report's sources, by the documents and eTags they came from. */
  private memo: { signature: string; sources: ReportSources } | undefined;

  private readonly metaStore: DocStore<z.infer<typeof MetaDoc>>;
  /** The facts documents as stored (encoded rows); reads, creates and eTag-checked replaces go through it. */
  private readonly docs: DocStore<z.infer<typeof StoredDoc>>;

  constructor(private readonly options: ReportFactsOptions) {
    this.metaStore = new DocStore({ container: options.container, schema: MetaDoc, partitionKeyOf: (m) => m.id, noun: 'report facts state' });
    this.docs = new DocStore({ container: options.container, schema: StoredDoc, partitionKeyOf: (d) => d.id, noun: 'report facts document' });
  }

  private get container(): Container {
    return this.options.container;
  }

  /** The report's sources from the facts, building them first when they were never built or a refresh failed. */
  async sources(today: IsoDateString, periods: ReportPeriods, births: boolean): Promise<ReportSources> {
    const meta = await this.meta();
    if (!meta || meta.stale) await this.rebuild();
    const where = [
      "((c.kind = 'held' OR c.kind = 'due' OR c.kind = 'events' OR c.kind = 'complaints') AND c.key >= @from AND c.key <= @to)",
      "((c.kind = 'held' OR c.kind = 'due') AND c.key >= @monthFrom AND c.key <= @monthTo)",
      "(c.kind = 'open' AND c.key <= @today)",
      "c.kind = 'transfer'",
    ].join(' OR ');
    const parameters = [
      { name: '@from', value: month(periods.year.from) },
      { name: '@to', value: month(periods.year.to) },
      { name: '@monthFrom', value: month(periods.month.from) },
      { name: '@monthTo', value: month(periods.month.to) },
      { name: '@today', value: month(today) },
    ];
    // Which documents, at which eTag: only those this instance has not read at that eTag are read in full.
    const { resources: heads } = await this.container.items
      .query<{ id: string; _etag: string }>({ query: `SELECT c.id, c._etag FROM c WHERE c.kind != 'meta' AND (${where})`, parameters }, QUERY_PAGES)
      .fetchAll();
    const changed = heads.filter((h) => this.cache.get(h.id)?.etag !== h._etag);
    if (changed.length > MAX_POINT_READS) {
      for (const read of await this.query(where, parameters)) this.cache.set(read.doc.id, read);
    } else {
      await mapWithConcurrency(changed, 8, async (h) => {
        const read = await this.read(h.id);
        if (read) this.cache.set(h.id, read);
      });
    }
    const signature = `${births}|${heads.map((h) => `${h.id}@${h._etag}`).join(',')}`;
    if (this.memo?.signature === signature) return this.memo.sources;
    const sources = sourcesOf(
      heads.flatMap((h) => this.cache.get(h.id)?.doc ?? []),
      births,
    );
    this.memo = { signature, sources };
    if (this.cache.size > MAX_CACHED_DOCS) this.forget(new Set(heads.map((h) => h.id)));
    return sources;
  }

  /** Keeps only the documents the last report read. */
  private forget(keep: ReadonlySet<string>): void {
    for (const id of this.cache.keys()) if (!keep.has(id)) this.cache.delete(id);
  }

  /** Brings one child's facts up to date with their records. Never throws: a failure marks the facts stale. */
  async refreshChild(childId: string): Promise<void> {
    const subject = `child:${childId}`;
    try {
      await this.writeSubject(await this.readChild(childId));
    } catch (err) {
      await this.failed(err, subject);
    }
  }

  /** After a complaint is written: its child's facts, or its own when it names no child. */
  async refreshComplaint(complaint: Complaint): Promise<void> {
    if (complaint.childId) return this.refreshChild(complaint.childId);
    const subject = `complaint:${complaint.id}`;
    try {
      await this.writeSubject({ subject, asOf: complaint.updatedAt, plans: [], reviews: [], complaints: [complaintFactsOf(complaint)] });
    } catch (err) {
      await this.failed(err, subject);
    }
  }

  /**
   * Rebuilds every fact from every record (run when the facts were never built, after a failed
   * refresh, and each night). One full read of the records; the documents are rewritten whole.
   * Concurrent callers share one rebuild.
   */
  rebuild(): Promise<void> {
    this.building ??= this.buildAll().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async buildAll(): Promise<void> {
    const started = new Date().toISOString();
    const o = this.options;
    const [plans, reviews, births, complaints, existing] = await Promise.all([
      o.plans.list(),
      o.reviews.list(),
      o.children.datesOfBirth(),
      o.complaints.all(),
      this.container.items.query<Pick<FactsDoc, 'id' | 'kind' | 'key'>>("SELECT c.id, c.kind, c.key FROM c WHERE c.kind != 'meta'", QUERY_PAGES).fetchAll(),
    ]);
    const children = new Map<string, { plans: Plan[]; reviews: Review[]; complaints: Complaint[] }>();
    const of = (id: string) => {
      let c = children.get(id);
      if (!c) children.set(id, (c = { plans: [], reviews: [], complaints: [] }));
      return c;
    };
    for (const p of plans) of(p.childId).plans.push(p);
    for (const r of reviews) of(r.childId).reviews.push(r);
    const subjects: SubjectRecords[] = [];
    for (const c of complaints) {
      if (c.childId) of(c.childId).complaints.push(c);
      else subjects.push({ subject: `complaint:${c.id}`, asOf: c.updatedAt, plans: [], reviews: [], complaints: [complaintFactsOf(c)] });
    }
    for (const [childId, r] of children) subjects.push(subjectOf(childId, births.get(childId), undefined, r.plans, r.reviews, r.complaints));
    // Every document whole: the new fragments, and none left of subjects whose facts moved or went.
    const docs = new Map<string, FactsDoc>();
    for (const d of existing.resources) docs.set(d.id, { id: d.id, kind: d.kind, key: d.key, subjects: [], fragments: [] });
    for (const s of subjects) {
      for (const cut of cutSubject(s)) {
        const id = docIdOf(cut.kind, cut.key, s.subject);
        const doc = docs.get(id) ?? { id, kind: cut.kind, key: cut.key, subjects: [], fragments: [] };
        doc.subjects.push(s.subject);
        doc.fragments.push(cut.fragment);
        docs.set(id, doc);
      }
    }
    await mapWithConcurrency([...docs.values()], 8, (doc) => (doc.fragments.length > 0 ? this.upsert(doc) : this.remove(doc.id)));
    await this.container.items.upsert(MetaDoc.parse({ id: 'meta', kind: 'meta', builtAt: started, stale: false }));
  }

  private async readChild(childId: string): Promise<SubjectRecords> {
    const id = ChildId.parse(childId);
    const [file, complaints] = await Promise.all([this.caseFile(id), this.options.complaints.forChild(id)]);
    return subjectOf(id, file.child?.dateOfBirth, file.child?.updatedAt, file.plans, file.reviews, complaints);
  }

  /** A child's partition; a plan may be written before its child's record exists (no date of birth then). */
  private async caseFile(id: string): Promise<{ child?: Child; plans: readonly Plan[]; reviews: readonly Review[] }> {
    try {
      return await this.options.children.caseFile(id);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      const plans = await this.options.plans.forChild(id);
      const reviews = await Promise.all(plans.map((p) => this.options.reviews.forPlan(p.id, id)));
      return { plans, reviews: reviews.flat() };
    }
  }

  /** Replaces a subject's fragments, in the documents that held them before and those that hold them now. */
  private async writeSubject(s: SubjectRecords): Promise<void> {
    const before = await this.container.items
      .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE ARRAY_CONTAINS(c.subjects, @s)', parameters: [{ name: '@s', value: s.subject }] }, QUERY_PAGES)
      .fetchAll();
    const now = new Map(cutSubject(s).map((cut) => [docIdOf(cut.kind, cut.key, s.subject), cut] as const));
    const ids = new Set([...before.resources.map((d) => d.id), ...now.keys()]);
    await mapWithConcurrency([...ids], 4, (id) => this.replaceFragment(id, s.subject, s.asOf, now.get(id)));
  }

  /** Puts (or removes) one subject's fragment in one document, eTag-checked; never replaces a newer fragment. */
  private async replaceFragment(id: string, subject: string, asOf: string, cut: Cut | undefined): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const read = await this.read(id);
      const doc = read?.doc ?? (cut ? { id, kind: cut.kind, key: cut.key, subjects: [], fragments: [] } : undefined);
      if (!doc) return;
      const old = doc.fragments.find((f) => f.subject === subject);
      if (old && old.asOf > asOf) return;
      if (!cut && !old) return;
      if (cut && old && JSON.stringify(encodeFragment(old)) === JSON.stringify(encodeFragment(cut.fragment))) return;
      const fragments = [...doc.fragments.filter((f) => f.subject !== subject), ...(cut ? [cut.fragment] : [])];
      const next = storedDoc({ ...doc, subjects: fragments.map((f) => f.subject), fragments });
      try {
        const where = 'ReportFacts.refresh()';
        if (read) await this.docs.replace(next, read.etag, where);
        else await this.docs.create(next, where);
        return;
      } catch (err) {
        // Another writer changed the document since it was read: read it again and put the fragment on top.
        if (!(err instanceof ConflictError) && !(err instanceof AlreadyExistsError)) throw err;
      }
    }
    throw new RecordsError(`ReportFacts: document ${id} kept changing while ${subject} was written to it`);
  }

  private async failed(err: unknown, subject: string): Promise<void> {
    this.options.onError?.(err, subject);
    try {
      await markReportFactsStale(this.container);
    } catch {
      // Cosmos is failing: the facts stay as they are until the next refresh or the nightly rebuild.
    }
  }

  private meta(): Promise<z.infer<typeof MetaDoc> | undefined> {
    return this.metaStore.read('meta', 'meta', 'ReportFacts.meta()');
  }

  private async read(id: string): Promise<{ doc: FactsDoc; etag: string } | undefined> {
    const stored = await this.docs.read(id, id, 'ReportFacts.read()');
    return stored && { doc: parseDoc(stored), etag: stored.etag };
  }

  private async remove(id: string): Promise<void> {
    await this.container.item(id, id).delete();
  }

  private async upsert(doc: FactsDoc): Promise<void> {
    const stored = storedDoc(doc);
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    if (bytes > 1_800_000) throw new RecordsError(`ReportFacts: document ${doc.id} would be ${bytes} bytes; raise FACT_SHARDS`);
    await this.container.items.upsert(stored);
  }

  private async query(where: string, parameters: { name: string; value: string }[]): Promise<{ doc: FactsDoc; etag: string }[]> {
    const { resources } = await this.container.items
      .query<Record<string, unknown>>({ query: `SELECT * FROM c WHERE c.kind != 'meta' AND (${where})`, parameters }, QUERY_PAGES)
      .fetchAll();
    return resources.map((r) => ({ doc: parseDoc(r), etag: String(r._etag) }));
  }
}

/** Marks the facts out of date, so the next report rebuilds them (after records were written around the repositories, as the demo seeder does). */
export async function markReportFactsStale(container: Container): Promise<void> {
  await container.items.upsert(MetaDoc.parse({ id: 'meta', kind: 'meta', builtAt: new Date(0).toISOString(), stale: true }));
}

function subjectOf(
  childId: string,
  born: IsoDateString | undefined,
  childUpdated: string | undefined,
  plans: readonly Plan[],
  reviews: readonly Review[],
  complaints: readonly Complaint[],
): SubjectRecords {
  const stamps = [childUpdated ?? '', ...plans.map((p) => p.updatedAt), ...reviews.map((r) => r.updatedAt), ...complaints.map((c) => c.updatedAt)];
  const asOf = stamps.reduce((max, d) => (d > max ? d : max), '') || new Date(0).toISOString();
  return {
    subject: `child:${childId}`,
    asOf,
    ...(born ? { born } : {}),
    plans: plans.map(planFactsOf),
    reviews: reviews.map(reviewFactsOf),
    complaints: complaints.map(complaintFactsOf),
  };
}
