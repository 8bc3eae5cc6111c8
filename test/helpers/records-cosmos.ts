/**
 * Test helpers for the records layer: a fresh embedded Cosmos-compatible server per suite, reached
 * through the real `@azure/cosmos` SDK, with every record container created.
 */
import { openCosmos, type CosmosHandle } from '../../bot/storage/cosmos';
import { RECORD_CONTAINERS, createRecords, fixedClock, type Clock, type NewPlan, type Records } from '../../bot/records';

/** The date the record tests run "on" unless they say otherwise. */
export const TEST_TODAY = '2026-03-05';

export interface RecordsFixture {
  readonly handle: CosmosHandle;
  readonly records: Records;
  readonly clock: Clock;
  close(): Promise<void>;
}

/**
 * Opens an embedded server with the record containers; the clock stands at noon UTC on `today`.
 *
 * With `TEST_COSMOS_ENDPOINT` (and `TEST_COSMOS_KEY`, or a signed-in Azure identity) the same suites
 * run against a real Cosmos DB account instead, each in a database of its own that is deleted
 * afterwards (docs/operations.md). A separate variable from the service's `COSMOS_ENDPOINT`, so a
 * shell set up to run the service never points the tests at its data.
 */
export async function openRecordsFixture(today: string = TEST_TODAY): Promise<RecordsFixture> {
  const endpoint = process.env.TEST_COSMOS_ENDPOINT;
  const key = process.env.TEST_COSMOS_KEY;
  const settings = endpoint
    ? {
        endpoint,
        ...(key ? { key } : {}),
        databaseId: `send-assistant-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        createIfMissing: true,
        requestTimeoutMs: 30_000,
      }
    : { databaseId: 'test', createIfMissing: true };
  const handle = await openCosmos(settings, RECORD_CONTAINERS);
  const clock = fixedClock(`${today}T12:00:00.000Z`);
  const close = async (): Promise<void> => {
    if (endpoint) await handle.database.delete();
    await handle.close();
  };
  return { handle, clock, records: createRecords(handle, clock), close };
}

/** Repositories over the same database with the clock at noon UTC on another day. */
export function recordsOn(handle: CosmosHandle, today: string): Records {
  return createRecords(handle, fixedClock(`${today}T12:00:00.000Z`));
}

/** A final plan, issued `firstIssued`, for `childId`. */
export function finalPlanInput(childId: string, firstIssued: string, extra: Partial<NewPlan> = {}): NewPlan {
  return {
    childId,
    status: 'final_issued',
    caseworkerId: 'S001',
    schoolName: 'Oakfield Primary School',
    keyDates: { planFirstIssued: firstIssued, finalIssued: firstIssued },
    ...extra,
  };
}

/** Everyone regulation 20(2) requires at an annual review, plus one other. */
export const REVIEW_INVITEES = [
  { role: 'parent_or_young_person', name: 'Alex Parent', email: 'parent.p0001@example.org' },
  { role: 'head_or_setting', name: 'Head Teacher', organisation: 'Oakfield Primary School' },
  { role: 'la_sen_officer', name: 'Sam Okafor' },
  { role: 'health_professional', name: 'School Nurse' },
  { role: 'social_care', name: 'Social Worker' },
  { role: 'other', name: 'Speech and Language Therapist' },
] as const;
