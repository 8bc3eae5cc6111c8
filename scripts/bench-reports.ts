import { performance } from 'node:perf_hooks';
import { numberOption } from './cli-args';
import type { Identity } from '../bot/identity/identity';
import { CONTAINER_IDS, RECORD_CONTAINERS, createRecords, fixedClock } from '../bot/records';
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
    const records = createRecords(handle, clock);
    const { casework } = caseworkOn(records, clock, today);
    // The facts are built once (as the first report after seeding, or the nightly job, would).
    const built = counting.mark;
    const buildStarted = performance.now();
    await records.reportFacts.rebuild();
    const facts = await handle.container(CONTAINER_IDS.reportFacts).items.query<{ id: string; size: number }>('SELECT c.id, c.fragments FROM c').fetchAll();
    const sizes = facts.resources.map((d) => Buffer.byteLength(JSON.stringify(d)));
    console.log(
      `report facts built in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s with ${counting.since(built).length} Cosmos requests: ${sizes.length} documents, ` +
        `${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB, the largest ${(Math.max(...sizes) / 1e3).toFixed(0)} kB`,
    );
    const manager: Identity = { kind: 'staff', actorId: 'S007', name: 'Helen Marsh', roles: ['team_manager'], channel: 'teams' };
    const caseworker: Identity = { kind: 'staff', actorId: 'S001', name: 'Sam Okafor', roles: ['caseworker'], channel: 'teams' };
    const cases: [string, Identity, Parameters<typeof casework.compliance.report>[1]][] = [
      ['manager, every plan, last 12 months', manager, {}],
      ['manager, every plan, secondary phase', manager, { phase: 'secondary' }],
      ['caseworker S001, own caseload', caseworker, {}],
    ];
    // Between half the runs a caseworker records something (a plan moves to another caseworker), so
    // those reports must read again the facts documents the write changed: the figures a busy
    // service sees. The first report reads every document (this instance has none yet).
    const finals = (await records.plans.list({ statuses: ['final_issued'] })).slice(0, runs * cases.length);
    let written = 0;
    const write = async (): Promise<void> => {
      const plan = await records.plans.get(finals[written++ % finals.length]!.id);
      await records.plans.assignCaseworker(plan, plan.caseworkerId === 'S002' ? 'S003' : 'S002');
    };
    const percentiles = (times: number[]): string => {
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
      return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`;
    };
    for (const [label, who, scope] of cases) {
      const after: number[] = [];
      const unchanged: number[] = [];
      const requests: number[] = [];
      let first = '';
      for (let i = 0; i <= runs; i++) {
        if (i > 0 && i % 2 === 0) await write();
        const mark = counting.mark;
        const started = performance.now();
        const report = await casework.compliance.report(who, scope);
        const ms = performance.now() - started;
        if (!report) throw new Error(`${label}: refused`);
        const made = counting.since(mark);
        if (i === 0) first = `${ms.toFixed(0)} ms, ${made.length} Cosmos requests`;
        else {
          (i % 2 === 0 ? after : unchanged).push(ms);
          requests.push(made.length);
        }
      }
      console.log(
        `${label}: after a write ${percentiles(after)}; unchanged ${percentiles(unchanged)} (${runs} runs); ` +
          `${Math.min(...requests)} to ${Math.max(...requests)} Cosmos requests a report; the first on this instance ${first}`,
      );
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
