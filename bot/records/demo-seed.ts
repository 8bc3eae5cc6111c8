/**
 * Loads the demo dataset into Cosmos. Idempotent: every document has a fixed id and is created
 * only if missing, so running it twice (or after a restart against a real account) adds nothing.
 * Reference sequences are raised past the demo's numbers so new records never collide.
 */
import type { CosmosHandle } from '../storage/cosmos';
import { assessmentRequestStore } from './assessment-requests';
import { childStore } from './children';
import { complaintStore } from './complaints';
import { CONTAINER_IDS } from './containers';
import { contactStore } from './contacts';
import { DEMO_DEFAULT_SEED, generateDemoData, type DemoData } from './demo-data';
import { enquiryStore } from './enquiries';
import { planStore } from './plans';
import { reviewStore } from './reviews';
import { markReportFactsStale } from './report-facts';
import { ReferenceSequences, type SequenceName } from './sequences';
import { staffStore } from './staff';
import { mapWithConcurrency, type DocStore } from './store';

export interface SeedOptions {
  readonly seed?: number;
  readonly today: string;
  /** How many children (default 300); see DemoDataOptions.children. */
  readonly children?: number;
  /** Writes in flight at once; default 16. */
  readonly concurrency?: number;
}

export interface SeedResult {
  readonly data: DemoData;
  /** Documents written by this run. */
  readonly created: number;
  /** Documents that were already there. */
  readonly existing: number;
  readonly elapsedMs: number;
}

export async function seedDemoData(handle: CosmosHandle, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const data = generateDemoData({ seed: options.seed ?? DEMO_DEFAULT_SEED, today: options.today, ...(options.children ? { children: options.children } : {}) });
  const cases = handle.container(CONTAINER_IDS.cases);
  const jobs: (() => Promise<boolean>)[] = [];
  const add = <T extends { readonly id: string }>(store: DocStore<T>, docs: readonly T[]): void => {
    for (const doc of docs) jobs.push(async () => (await store.createOrGet(doc, 'seedDemoData()')).created);
  };
  add(staffStore(handle.container(CONTAINER_IDS.staff)), data.staff);
  add(contactStore(handle.container(CONTAINER_IDS.contacts)), data.contacts);
  add(childStore(cases), data.children);
  add(planStore(cases), data.plans);
  add(assessmentRequestStore(cases), data.assessmentRequests);
  add(reviewStore(cases), data.reviews);
  add(complaintStore(handle.container(CONTAINER_IDS.complaints)), data.complaints);
  add(enquiryStore(handle.container(CONTAINER_IDS.enquiries)), data.enquiries);

  const results = await mapWithConcurrency(jobs, options.concurrency ?? 16, (job) => job());
  const created = results.filter(Boolean).length;

  const sequences = new ReferenceSequences(handle.container(CONTAINER_IDS.sequences));
  const highest = new Map<SequenceName, number>();
  const note = (name: SequenceName, n: number): void => {
    highest.set(name, Math.max(highest.get(name) ?? 0, n));
  };
  for (const plan of data.plans) note('EHC', Number(plan.id.slice(4)));
  for (const complaint of data.complaints) note(`CMP-${Number(complaint.id.slice(4, 8))}`, Number(complaint.id.slice(9)));
  for (const enquiry of data.enquiries) note(`ENQ-${Number(enquiry.id.slice(4, 8))}`, Number(enquiry.id.slice(9)));
  for (const [name, value] of highest) await sequences.ensureAtLeast(name, value);
  // Written around the repositories, so the report's facts do not know: the next report rebuilds them.
  if (created > 0) await markReportFactsStale(handle.container(CONTAINER_IDS.reportFacts));

  return { data, created, existing: results.length - created, elapsedMs: Math.round(performance.now() - started) };
}
