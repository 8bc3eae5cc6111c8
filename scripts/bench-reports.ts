import { performance } from 'node:perf_hooks';
import { numberOption } from './cli-args';
import type { Identity } from '../bot/identity/identity';
import { RECORD_CONTAINERS, createRecords, fixedClock } from '../bot/records';
import { seedDemoData } from '../bot/records/demo-seed';
import { openCosmos } from '../bot/storage/cosmos';
import { englandDateOf } from '../bot/statutory';
import { caseworkOn } from '../test/helpers/casework';
import { CountingCosmos } from '../test/helpers/cosmos';

/**
 * `npm run bench:reports [-- --children 20000 --runs 20]`: the compliance report at a council's
 * volume. Seeds the demo data (the planted cases plus steady ones) into the embedded
 * Cosmos-compatible server, then times the report for a team manager (every plan, then filtered by
 * phase) and a caseworker, and counts the Cosmos requests and documents each report costs.
 * Numbers, not assertions. The embedded server has no indexes, so it scans where Cosmos would use
 * one: its times are an upper bound for the same request count.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (name: string, fallback: number): number => numberOption(args, name, fallback);
  const children = num('--children', 20000);
  const runs = num('--runs', 20);
  const today = englandDateOf(new Date());
  const counting = await CountingCosmos.start();
  const handle = await openCosmos({ databaseId: 'bench-reports', createIfMissing: true, requestTimeoutMs: 120_000 }, RECORD_CONTAINERS, { shared: counting.embedded });
  try {
    const seeded = await seedDemoData(handle, { today, children, concurrency: 32 });
    const plans = seeded.data.plans.length;
    const reviews = seeded.data.reviews.length;
    console.log(`seeded ${seeded.created} documents (${plans} plans, ${reviews} review meetings) in ${(seeded.elapsedMs / 1000).toFixed(1)} s`);
    const clock = fixedClock(`${today}T12:00:00.000Z`);
    const { casework } = caseworkOn(createRecords(handle, clock), clock, today);
    const manager: Identity = { kind: 'staff', actorId: 'S007', name: 'Helen Marsh', roles: ['team_manager'], channel: 'teams' };
    const caseworker: Identity = { kind: 'staff', actorId: 'S001', name: 'Sam Okafor', roles: ['caseworker'], channel: 'teams' };
    const cases: [string, Identity, Parameters<typeof casework.compliance.report>[1]][] = [
      ['manager, every plan, last 12 months', manager, {}],
      ['manager, every plan, secondary phase', manager, { phase: 'secondary' }],
      ['caseworker S001, own caseload', caseworker, {}],
    ];
    for (const [label, who, scope] of cases) {
      const times: number[] = [];
      let requests = 0;
      for (let i = 0; i < runs; i++) {
        const mark = counting.mark;
        const started = performance.now();
        const report = await casework.compliance.report(who, scope);
        times.push(performance.now() - started);
        requests = counting.since(mark).length;
        if (!report) throw new Error(`${label}: refused`);
      }
      times.sort((a, b) => a - b);
      const at = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
      console.log(`${label}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} runs; ${requests} Cosmos requests a report`);
    }
  } finally {
    await handle.close();
    await counting.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (err instanceof Error && err.cause) console.error('caused by:', err.cause);
  process.exitCode = 1;
});
