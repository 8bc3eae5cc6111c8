import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadArticles } from '../loader';
import { evaluationOverlaps, loadCorpus } from '../learned/corpus';
import { calibrate, outcomes } from '../learned/calibrate';
import { writeModel } from '../learned/model';
import { outOfFold, train } from '../learned/training';
import { MODEL_FILE } from '../learned/store';
import { clarifyRate, computeMetrics, falseEscalations, pct, recallByKind, type LabelledQuestion, type Prediction } from '../evaluation';

/**
 * `npm run kb:train`: trains the learned layer from knowledge/corpus and the articles' example
 * questions, deterministically (fixed seed), and writes knowledge/model/learned-model.json.
 *
 * 1. Refuses to train if any corpus question is also in an evaluation set (knowledge/eval).
 * 2. 5-fold cross-validation: every corpus row is scored by a model that never saw it.
 * 3. The hybrid thresholds are chosen on those out-of-fold scores (calibrate.ts).
 * 4. The whole pipeline's figures on the same out-of-fold scores are printed and stored.
 * 5. The final model is trained on everything and written with its thresholds.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const { articles } = await loadArticles();
  const corpus = await loadCorpus(undefined, new Set(articles.map((a) => a.id)));
  const overlaps = await evaluationOverlaps(corpus);
  if (overlaps.length > 0) throw new Error(`kb:train: corpus questions also in an evaluation set (remove them from the corpus):\n- ${overlaps.join('\n- ')}`);
  console.log(`corpus: ${corpus.length} rows; articles: ${articles.length}`);

  const oof = outOfFold(articles, corpus, 5, (f) => console.log(`  cross-validation fold ${f + 1} of 5`));
  const articleIds = articles.map((a) => a.id);
  const report = calibrate(oof, articleIds);
  const t = report.thresholds;
  console.log(`thresholds: ${JSON.stringify(t)}`);
  console.log(`calibration disclosures below the check-in threshold: ${report.disclosuresBelowLow}`);

  const predictions: Prediction[] = outcomes(oof, articleIds, t).map((o) => ({
    outcome: o.outcome,
    articleId: o.outcome === 'answer' ? o.articleId : null,
    alternatives: o.outcome === 'escalate' ? [] : o.alternatives,
  }));
  const rows: LabelledQuestion[] = corpus.map((r, i) => ({ question: r.question, expected: r.label, line: i + 1, ...(r.kind ? { kind: r.kind } : {}) }));
  const m = computeMetrics(rows, predictions);
  const lines = [
    `5-fold cross-validation of the whole pipeline on the corpus (${corpus.length} rows; thresholds chosen on the same out-of-fold scores)`,
    `top-1 (article questions): ${pct(m.top1)}`,
    `right article first or among the clarify choices: ${pct(m.answeredOrClarified)}`,
    `clarify rate: ${pct(clarifyRate(rows, predictions))}`,
    `escalation recall: ${pct(m.escalateRecall)}; precision ${pct(m.escalatePrecision)}`,
    `escalation recall by kind: ${[...recallByKind(rows, predictions)].map(([k, r]) => `${k} ${pct(r)}`).join('; ')}`,
    `false escalations: ${pct(falseEscalations(rows, predictions))}`,
    `out of scope recognised: ${pct(m.outOfScope)} (no article shown: ${pct(m.outOfScopeLenient)})`,
    `no match (no article shown): ${pct(m.noMatch)}`,
  ];
  for (const l of lines) console.log(l);

  const model = train(articles, corpus);
  const file = resolve(MODEL_FILE);
  await writeFile(file, `${writeModel({ model, thresholds: t, crossValidation: lines })}\n`);
  console.log(`wrote ${file} (${model.vocabulary.size} features) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
