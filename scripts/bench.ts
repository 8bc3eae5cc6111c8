import { performance } from 'node:perf_hooks';
import { numberOption } from './cli-args';
import { CountingCosmos } from '../test/helpers/cosmos';
import { DirectLineClient } from '../test/helpers/directline-client';
import { startService } from '../test/helpers/service';

/**
 * `npm run bench [-- --conversations 20 --turns 10]`: end-to-end turn latency through the local
 * Direct Line channel (HTTP in, bot turn, HTTP reply to the local connector) and the Cosmos requests
 * each turn costs, against the embedded Cosmos-compatible server. Numbers, not assertions.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (name: string, fallback: number): number => numberOption(args, name, fallback);
  const conversations = num('--conversations', 10);
  const turns = num('--turns', 10);
  const cosmos = await CountingCosmos.start();
  const service = await startService({}, { embeddedCosmos: cosmos.embedded });
  const messages = ['hello', 'how long does an EHC needs assessment take', 'what is an annual review', 'request went in on 3 February 2026, when is the final plan due?'];

  const latencies: number[] = [];
  let reads = 0;
  let writes = 0;
  let counted = 0;
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: conversations }, async () => {
        const chat = await DirectLineClient.open(service.url);
        await chat.botReplies({ quietMs: 50 });
        for (let t = 0; t < turns; t += 1) {
          const mark = cosmos.mark;
          const t0 = performance.now();
          await chat.send(messages[t % messages.length] ?? 'hello');
          latencies.push(performance.now() - t0);
          if (conversations === 1) {
            const reqs = cosmos.since(mark);
            reads += reqs.filter((r) => r.kind === 'read').length;
            writes += reqs.filter((r) => r.kind === 'write').length;
            counted += 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
    console.log(`turns: ${latencies.length} (${conversations} conversations x ${turns}), ${(latencies.length / elapsed).toFixed(1)} turns/s`);
    console.log(`turn latency (POST activity until the bot's reply is stored), ms: p50 ${pct(50)}, p95 ${pct(95)}, max ${pct(100)}`);
    if (counted > 0) console.log(`Cosmos requests per turn: ${(reads / counted).toFixed(2)} reads, ${(writes / counted).toFixed(2)} writes`);
    else console.log('Cosmos requests per turn: run with --conversations 1 to attribute requests to turns');
  } finally {
    await service.close();
    await cosmos.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
