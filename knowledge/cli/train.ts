import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadArticles } from '../loader';
import { evaluationOverlaps, isDialogAnswer, isDisclosure, isQuestion, loadCorpus } from '../learned/corpus';
import { calibrate, floorCost, gated, outcomes } from '../learned/calibrate';
import { disclosureScore, screenOf } from '../learned/hybrid';
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
  console.log(`detector word floor costs (2 per false alarm, 3 per missed disclosure): ${[0, 1, 2, 3, 4, 5, 6].map((m) => `${m}: ${floorCost(oof, m)}`).join(', ')}`);

  // The questions' figures: every row but the answers typed inside a task (they never reach the knowledge base).
  const g = gated(oof, t.detectorMinWords);
  const asked = g.filter((r) => isQuestion(r.row));
  const predictions: Prediction[] = outcomes(asked, articleIds, t).map((o) => ({
    outcome: o.outcome,
    articleId: o.outcome === 'answer' ? o.articleId : null,
    alternatives: o.outcome === 'escalate' ? [] : o.alternatives,
  }));
  const questions = corpus.filter(isQuestion);
  const rows: LabelledQuestion[] = questions.map((r, i) => ({ question: r.question, expected: r.label, line: i + 1, ...(r.kind ? { kind: r.kind } : {}) }));
  const m = computeMetrics(rows, predictions);
  // The safeguarding screen, as every message gets it (answers typed inside a task too).
  const screen = g.map((r) => screenOf(r.lexical.escalation?.reason === 'safeguarding', disclosureScore(r.learned), t, isDialogAnswer(r.row)));
  const count = (which: (i: number) => boolean, outcome: 'escalate' | 'check_in'): string => {
    const idx = g.map((_, i) => i).filter(which);
    return `${idx.filter((i) => screen[i] === outcome).length} of ${idx.length}`;
  };
  const answerRow = (i: number): boolean => isDialogAnswer(g[i]!.row);
  const shortDisclosure = (i: number): boolean => isDisclosure(g[i]!.row) && g[i]!.words < 4;
  const lines = [
    `5-fold cross-validation of the whole pipeline on the corpus (${questions.length} questions; thresholds chosen on the same out-of-fold scores)`,
    `top-1 (article questions): ${pct(m.top1)}`,
    `right article first or among the clarify choices: ${pct(m.answeredOrClarified)}`,
    `clarify rate: ${pct(clarifyRate(rows, predictions))}`,
    `escalation recall: ${pct(m.escalateRecall)}; precision ${pct(m.escalatePrecision)}`,
    `escalation recall by kind: ${[...recallByKind(rows, predictions)].map(([k, r]) => `${k} ${pct(r)}`).join('; ')}`,
    `false escalations: ${pct(falseEscalations(rows, predictions))}`,
    `out of scope recognised: ${pct(m.outOfScope)} (no article shown: ${pct(m.outOfScopeLenient)})`,
    `no match (no article shown): ${pct(m.noMatch)}`,
    `screen, detector word floor ${t.detectorMinWords}: ordinary answers typed inside a task escalated ${count(answerRow, 'escalate')}, checked in ${count(answerRow, 'check_in')}; disclosures under 4 words escalated ${count(shortDisclosure, 'escalate')}`,
  ];
  for (const l of lines) console.log(l);

  const model = train(articles, corpus);
  const file = resolve(MODEL_FILE);
  await writeFile(file, `${writeModel({ model, thresholds: t, crossValidation: lines })}\n`);
  console.log(`wrote ${file} (${model.vocabulary.size} features) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
