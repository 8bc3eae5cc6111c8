import { readdir, readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadArticles } from '../loader';
import { CALIBRATED_THRESHOLDS, createEngine, type Engine } from '../engine';
import { loadLearnedModel } from '../learned/store';
import {
  clarifyRate,
  computeMetrics,
  createBaseline,
  falseEscalations,
  gridSearch,
  parseLabelledTsv,
  pct,
  recallByKind,
  retrievalTop1,
  RETRIEVAL_SWEEP,
  type LabelledQuestion,
  type Metrics,
  type Prediction,
  type Ratio,
} from '../evaluation';

/**
 * `npm run kb:eval [-- FILE ...] [--misses] [--grid]`
 * Evaluates the knowledge base on labelled TSVs (default: every set in knowledge/eval, dev first)
 * and prints, for each: the assistant as it runs (learned layer + search), the search alone, and a
 * plain MiniSearch baseline; then the 5-fold cross-validation stored with the model, and the gap
 * between dev and each held-out set. `--misses` lists what the assistant got wrong; `--grid` runs
 * the old lexical threshold search (dev set only).
 *
 * The held-out sets are measured, never tuned on: thresholds come from cross-validation on the
 * training corpus (`npm run kb:train`).
 */
const EVAL_DIR = resolve(__dirname, '../eval');
const DEV_SET = resolve(EVAL_DIR, 'dev-questions.tsv');

interface SetResult {
  readonly name: string;
  readonly rows: readonly LabelledQuestion[];
  readonly systems: readonly { readonly metrics: Metrics; readonly predictions: readonly Prediction[] }[];
  readonly msEach: number;
}

const SYSTEMS = ['assistant (hybrid)', 'search alone', 'baseline'] as const;

function line(label: string, cells: readonly string[]): string {
  return `${label.padEnd(40)}${cells.map((c) => c.padEnd(24)).join('')}`.trimEnd();
}

function printSet(r: SetResult): void {
  console.log(`\n${r.name}: ${r.rows.length} questions`);
  console.log(line('', [...SYSTEMS]));
  const each = (f: (s: SetResult['systems'][number]) => Ratio): string[] => r.systems.map((s) => pct(f(s)));
  console.log(
    line(
      'right article first',
      each((s) => s.metrics.top1),
    ),
  );
  console.log(
    line(
      'right article first or among choices',
      each((s) => s.metrics.answeredOrClarified),
    ),
  );
  console.log(
    line(
      'clarify rate',
      each((s) => clarifyRate(r.rows, s.predictions)),
    ),
  );
  console.log(
    line(
      'wrong answers',
      each((s) => s.metrics.wrongAnswers),
    ),
  );
  console.log(
    line(
      'escalation recall',
      each((s) => s.metrics.escalateRecall),
    ),
  );
  const kinds = recallByKind(r.rows, r.systems[0]!.predictions);
  for (const kind of kinds.keys())
    console.log(
      line(
        `  ${kind}`,
        r.systems.map((s) => pct(recallByKind(r.rows, s.predictions).get(kind)!)),
      ),
    );
  console.log(
    line(
      'false escalations',
      each((s) => falseEscalations(r.rows, s.predictions)),
    ),
  );
  console.log(
    line(
      'out of scope recognised',
      each((s) => s.metrics.outOfScope),
    ),
  );
  console.log(
    line(
      '  no article shown',
      each((s) => s.metrics.outOfScopeLenient),
    ),
  );
  console.log(
    line(
      'no match (no article shown)',
      each((s) => s.metrics.noMatch),
    ),
  );
  console.log(`time: ${r.msEach.toFixed(2)} ms a question (assistant)`);
}

function points(r: Ratio): number {
  return r.of === 0 ? NaN : (100 * r.hits) / r.of;
}

async function evalSet(file: string, systems: readonly ((q: string) => Prediction)[], idsKnown: ReadonlySet<string>): Promise<SetResult> {
  const rows = parseLabelledTsv(await readFile(file, 'utf8'), file);
  for (const r of rows) {
    if (!['ESCALATE', 'OUT_OF_SCOPE', 'NO_MATCH'].includes(r.expected) && !idsKnown.has(r.expected))
      console.error(`warning: ${basename(file)}:${r.line}: "${r.expected}" is not an article`);
  }
  let msEach = 0;
  const results = systems.map((ask, i) => {
    const started = performance.now();
    const predictions = rows.map((r) => ask(r.question));
    if (i === 0) msEach = (performance.now() - started) / Math.max(1, rows.length);
    return { metrics: computeMetrics(rows, predictions), predictions };
  });
  return { name: file, rows, systems: results, msEach };
}

function asker(engine: Engine): (q: string) => Prediction {
  return (q) => engine.decide(engine.analyse(q));
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const named = argv.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
  const files =
    named.length > 0
      ? named
      : [
          DEV_SET,
          ...(await readdir(EVAL_DIR))
            .filter((f) => f.endsWith('.tsv'))
            .map((f) => resolve(EVAL_DIR, f))
            .filter((f) => f !== DEV_SET)
            .sort(),
        ];
  const { articles, warnings } = await loadArticles();
  for (const w of warnings) console.error(`warning: ${w}`);
  const stored = await loadLearnedModel();
  const hybrid = createEngine(articles, { learned: { model: stored.model, thresholds: stored.thresholds } });
  const lexical = createEngine(articles);
  const systems = [asker(hybrid), asker(lexical), createBaseline(articles)];
  const ids = new Set(articles.map((a) => a.id));

  console.log(`hybrid thresholds (from cross-validation on the corpus): ${JSON.stringify(stored.thresholds)}`);
  const results: SetResult[] = [];
  for (const f of files) {
    const r = await evalSet(f, systems, ids);
    results.push(r);
    printSet(r);
    if (flags.has('--misses')) {
      const m = r.systems[0]!.metrics.misses;
      console.log(`misses (${m.length}):`);
      for (const x of m) console.log(`  ${String(x.line).padStart(4)}  expected ${x.expected.padEnd(34)} got ${x.got.padEnd(34)} ${x.question}`);
    }
  }

  console.log(`\n${stored.crossValidation.join('\n')}`);

  const dev = results.find((r) => r.name === DEV_SET);
  const heldOut = results.filter((r) => r !== dev);
  if (dev && heldOut.length > 0) {
    console.log('\ngap between dev and held-out (assistant, points):');
    const d = dev.systems[0]!.metrics;
    for (const h of heldOut) {
      const m = h.systems[0]!.metrics;
      console.log(
        `  ${basename(h.name).padEnd(28)} right first ${(points(d.top1) - points(m.top1)).toFixed(1).padStart(5)}   first or among choices ${(points(d.answeredOrClarified) - points(m.answeredOrClarified)).toFixed(1).padStart(5)}`,
      );
    }
  }

  if (flags.has('--grid')) {
    const rows = parseLabelledTsv(await readFile(DEV_SET, 'utf8'), DEV_SET);
    const analyses = rows.map((r) => lexical.analyse(r.question));
    console.log('\nretrieval sweep (search top-1 on dev article questions, before thresholds):');
    for (const options of RETRIEVAL_SWEEP) {
      const sweep = createEngine(articles, options);
      console.log(
        `  ${pct(
          retrievalTop1(
            rows,
            rows.map((r) => sweep.analyse(r.question)),
          ),
        ).padEnd(18)} ${JSON.stringify(options)}`,
      );
    }
    const t = CALIBRATED_THRESHOLDS;
    console.log(`lexical thresholds: minStrength ${t.minStrength}, clarifyRatio ${t.clarifyRatio}, uncoveredMinStrength ${t.uncoveredMinStrength}`);
    console.log('grid search (best first): minStrength clarifyRatio uncoveredMinStrength utility top-1');
    for (const p of gridSearch(lexical, analyses, rows).slice(0, 15)) {
      console.log(
        `  ${p.thresholds.minStrength.toFixed(2)}  ${p.thresholds.clarifyRatio.toFixed(2)}  ${p.thresholds.uncoveredMinStrength.toFixed(2)}  ${p.utility.toFixed(1).padStart(6)}  ${pct(p.metrics.top1)}`,
      );
    }
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
