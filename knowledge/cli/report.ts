import { loadConfig } from '../../bot/config';
import { openCosmos } from '../../bot/storage/cosmos';
import { knowledgeReport } from '../report';
import { KB_FEEDBACK_CONTAINER, KnowledgeFeedbackStore } from '../feedback-store';

/**
 * `npm run kb:report [-- --months 3] [-- --url http://127.0.0.1:3978]`: the most frequent unanswered
 * questions (already stripped of personal data), the unanswered, clarified and "not helpful"
 * questions grouped by nearest topic, and "was this helpful?" counts per article.
 * With COSMOS_ENDPOINT set it reads Cosmos directly; in local mode it asks the running service.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const months = Number.parseInt(arg('--months') ?? '3', 10);
  const config = loadConfig();
  let report: Awaited<ReturnType<typeof knowledgeReport>>;
  if (config.cosmos.endpoint) {
    const cosmos = await openCosmos({ ...config.cosmos, createIfMissing: false }, [KB_FEEDBACK_CONTAINER]);
    try {
      report = await knowledgeReport(new KnowledgeFeedbackStore(cosmos.container(KB_FEEDBACK_CONTAINER.id)), new Date(), months);
    } finally {
      await cosmos.close();
    }
  } else {
    const url = arg('--url') ?? `http://127.0.0.1:${config.port}`;
    const res = await fetch(`${url}/dev/kb-report`).catch(() => undefined);
    if (!res?.ok) {
      console.error(`Could not reach the local service at ${url}. Start it with "npm start", or set COSMOS_ENDPOINT to read Cosmos directly.`);
      process.exitCode = 1;
      return;
    }
    report = (await res.json()) as typeof report;
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`Unanswered questions, ${report.months.at(-1)} to ${report.months[0]} (most frequent first):`);
  if (report.unanswered.length === 0) console.log('  none');
  for (const u of report.unanswered) console.log(`  ${String(u.count).padStart(4)}  ${u.question}`);
  console.log('\nBy nearest topic (unanswered, clarified, "not helpful"): turn these into corpus rows in your own words, then `npm run kb:train`:');
  if (report.byTopic.length === 0) console.log('  none');
  for (const g of report.byTopic) {
    console.log(`  ${g.topic}`);
    for (const [label, list] of [
      ['unanswered', g.unanswered],
      ['clarified', g.clarified],
      ['not helpful', g.notHelpful],
    ] as const) {
      for (const u of list) console.log(`    ${label.padEnd(12)} ${String(u.count).padStart(4)}  ${u.question}`);
    }
  }
  console.log('\nWas this helpful? (yes / no) by article:');
  const rows = Object.entries(report.feedback);
  if (rows.length === 0) console.log('  none');
  for (const [id, f] of rows) console.log(`  ${id}: ${f.helpful} yes, ${f.notHelpful} no`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
