import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadArticles } from '../loader';
import { CALIBRATED_THRESHOLDS, createEngine } from '../engine';
import {
  computeMetrics,
  createBaseline,
  gridSearch,
  parseLabelledTsv,
  pct,
  retrievalTop1,
  RETRIEVAL_SWEEP,
  type Metrics,
} from '../evaluation';

/**
 * `npm run kb:eval [-- FILE] [--grid] [--no-misses]`
 * Evaluates the knowledge base on a labelled TSV (default: the dev set) and prints the figures
 * next to a plain MiniSearch baseline. `--grid` also prints the threshold grid search used to
 * calibrate engine.ts (only ever run it on the dev set).
 */
const DEV_SET = resolve(__dirname, '../eval/dev-questions.tsv');

function row(label: string, ours: string, base: string): string {
  return `${label.padEnd(38)}${ours.padEnd(24)}${base}`;
}

function printMetrics(m: Metrics, b: Metrics): void {
  console.log(row('', 'SEND Assistant', 'baseline'));
  console.log(row('top-1 accuracy (article questions)', pct(m.top1), pct(b.top1)));
  console.log(row('accuracy within clarify', pct(m.clarifyContains), pct(b.clarifyContains)));
  console.log(row('answered or clarified correctly', pct(m.answeredOrClarified), pct(b.answeredOrClarified)));
  console.log(row('wrong answers', pct(m.wrongAnswers), pct(b.wrongAnswers)));
  console.log(row('escalate recall', pct(m.escalateRecall), pct(b.escalateRecall)));
  console.log(row('escalate precision', pct(m.escalatePrecision), pct(b.escalatePrecision)));
  console.log(row('out-of-scope accuracy', pct(m.outOfScope), pct(b.outOfScope)));
  console.log(row('out-of-scope or no_match', pct(m.outOfScopeLenient), pct(b.outOfScopeLenient)));
  console.log(row('uncovered SEND questions: no answer', pct(m.noMatch), pct(b.noMatch)));
  console.log(row('all rows, exact outcome', pct(m.overall), pct(b.overall)));
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const file = resolve(argv.find((a) => !a.startsWith('--')) ?? DEV_SET);
  const rows = parseLabelledTsv(await readFile(file, 'utf8'), file);
  const { articles, warnings } = await loadArticles();
  for (const w of warnings) console.error(`warning: ${w}`);
  const ids = new Set(articles.map((a) => a.id));
  for (const r of rows) {
    if (r.expected !== 'ESCALATE' && r.expected !== 'OUT_OF_SCOPE' && r.expected !== 'NO_MATCH' && !ids.has(r.expected)) {
      console.error(`warning: line ${r.line}: expected "${r.expected}" is not an article`);
    }
  }

  const engine = createEngine(articles);
  const started = performance.now();
  const analyses = rows.map((r) => engine.analyse(r.question));
  const predictions = analyses.map((a) => engine.decide(a));
  const elapsed = performance.now() - started;
  const baseline = createBaseline(articles);
  const metrics = computeMetrics(rows, predictions);
  const base = computeMetrics(rows, rows.map((r) => baseline(r.question)));

  console.log(`${file}: ${rows.length} questions, ${articles.length} articles`);
  const t = CALIBRATED_THRESHOLDS;
  console.log(`thresholds: minStrength ${t.minStrength}, clarifyRatio ${t.clarifyRatio}, uncoveredMinStrength ${t.uncoveredMinStrength}\n`);
  printMetrics(metrics, base);
  console.log(row('search alone, top-1 (no thresholds)', pct(retrievalTop1(rows, analyses)), pct(base.top1)));
  console.log(`\ntime: ${elapsed.toFixed(1)} ms for ${rows.length} questions (${(elapsed / rows.length).toFixed(2)} ms each)`);

  if (flags.has('--grid')) {
    console.log('\nretrieval sweep (search top-1 on article questions, before thresholds):');
    for (const options of RETRIEVAL_SWEEP) {
      const sweep = createEngine(articles, options);
      console.log(`  ${pct(retrievalTop1(rows, rows.map((r) => sweep.analyse(r.question)))).padEnd(18)} ${JSON.stringify(options)}`);
    }
    const grid = gridSearch(engine, analyses, rows);
    console.log('\ngrid search (best first): minStrength clarifyRatio uncoveredMinStrength utility top-1 clarify-contains wrong oos no-match');
    for (const p of grid.slice(0, 15)) {
      const m = p.metrics;
      console.log(
        `  ${p.thresholds.minStrength.toFixed(2)}  ${p.thresholds.clarifyRatio.toFixed(2)}  ${p.thresholds.uncoveredMinStrength.toFixed(2)}  ${p.utility.toFixed(1).padStart(6)}  ${pct(m.top1).padEnd(18)} ${pct(m.clarifyContains).padEnd(16)} ${String(m.wrongAnswers.hits).padEnd(4)} ${pct(m.outOfScope).padEnd(16)} ${pct(m.noMatch)}`,
      );
    }
  }

  if (!flags.has('--no-misses')) {
    console.log(`\nmisses (${metrics.misses.length}):`);
    for (const m of metrics.misses) console.log(`  ${String(m.line).padStart(4)}  expected ${m.expected.padEnd(34)} got ${m.got.padEnd(34)} ${m.question}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
