import { createHash } from 'node:crypto';
import type { Article } from '../schema';
import { analyzerFor, createEngine } from '../engine';
import { normaliseText, SYNONYM_GROUPS } from '../analysis';
import { featureNames } from './features';
import { wordCount } from './hybrid';
import { classOf, isDialogAnswer, isDisclosure, type CorpusRow } from './corpus';
import { score, trainModel, type LabelledFeatures, type LearnedModel } from './model';
import { seededRandom, shuffled, DEFAULT_TRAINING } from './softmax';
import type { CalibrationRow } from './calibrate';

/** The classifier's classes: every article, then the outcomes that are not an article. */
export function classesFor(articles: readonly Article[]): string[] {
  return [...articles.map((a) => a.id), 'OUT_OF_SCOPE', 'NO_MATCH', 'ESC_SAFEGUARDING', 'ESC_LEGAL_ADVICE', 'ESC_THIRD_PARTY_DATA'];
}

/** Each article's title and example questions are training rows for it, alongside the corpus. */
export function articleRows(articles: readonly Article[]): CorpusRow[] {
  return articles.flatMap((a) => [a.title, ...a.questions].map((question) => ({ question, label: a.id, source: `article:${a.id}` })));
}

export function hashOf(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex').slice(0, 16);
}

/** What the model is trained from: the articles (their words and example questions) and the corpus. */
export function articlesHash(articles: readonly Article[]): string {
  return hashOf(articles.flatMap((a) => [a.id, a.title, a.summary, a.body, ...a.questions]));
}

export function corpusHash(corpus: readonly CorpusRow[]): string {
  return hashOf(corpus.map((r) => `${r.question}\t${r.label}\t${r.kind ?? ''}`));
}

const isShort = (v: string): boolean => !v.includes(' ') && v.length <= 6;

/**
 * Another wording of a training row: its first abbreviation swapped for the full form, or its
 * first full form for an abbreviation, from the analyser's synonym groups ("PB" ↔ "personal
 * budget", "SENCO" ↔ "special educational needs coordinator"). The search already treats them as
 * one; the copy teaches the classifier's raw-word and character features the same. The variant is
 * chosen by a hash of the question, so training stays deterministic. Null when there is nothing to swap.
 */
export function variantOf(question: string): string | null {
  const text = ` ${normaliseText(question)} `;
  for (const g of SYNONYM_GROUPS) {
    if (!g.variants.some(isShort) || !g.variants.some((v) => v.includes(' '))) continue;
    const found = g.variants.filter((v) => text.includes(` ${v} `)).sort((a, b) => b.length - a.length)[0];
    if (!found) continue;
    const others = g.variants.filter((v) => (isShort(found) ? v.includes(' ') : isShort(v)));
    if (others.length === 0) continue;
    const pick = others[Number.parseInt(hashOf([question]).slice(0, 8), 16) % others.length]!;
    return text.replace(` ${found} `, ` ${pick} `).trim();
  }
  return null;
}

/** The rows with, after each that has one, its variant (same label and kind). */
export function withVariants<R extends { readonly question: string }>(rows: readonly R[]): R[] {
  return rows.flatMap((r) => {
    const v = variantOf(r.question);
    return v ? [r, { ...r, question: v }] : [r];
  });
}

export function featuresOf(articles: readonly Article[], rows: readonly CorpusRow[]): LabelledFeatures[] {
  const analyzer = analyzerFor(articles);
  return rows.map((r) => ({
    names: featureNames(r.question, { words: analyzer.queryWords(r.question) }),
    topicClass: isDialogAnswer(r) ? null : classOf(r),
    disclosure: isDisclosure(r),
  }));
}

export function train(articles: readonly Article[], corpus: readonly CorpusRow[]): LearnedModel {
  const rows = withVariants([...corpus, ...articleRows(articles)]);
  return trainModel(featuresOf(articles, rows), classesFor(articles), { articlesHash: articlesHash(articles), corpusHash: corpusHash(corpus) });
}

/**
 * Fold of each corpus row for k-fold cross-validation: rows of each class are shuffled with a
 * fixed seed and dealt round the folds, so every fold has its share of every class.
 */
export function foldsOf(corpus: readonly CorpusRow[], k: number, seed = DEFAULT_TRAINING.seed): number[] {
  const random = seededRandom(seed + 7);
  const folds = new Array<number>(corpus.length).fill(0);
  const byClass = new Map<string, number[]>();
  corpus.forEach((r, i) => byClass.set(classOf(r), [...(byClass.get(classOf(r)) ?? []), i]));
  let next = 0;
  for (const cls of [...byClass.keys()].sort()) {
    for (const i of shuffled(byClass.get(cls)!, random)) folds[i] = next++ % k;
  }
  return folds;
}

/**
 * Out-of-fold scores: each corpus row scored by a model trained without its fold (the article
 * rows are always in training), with the lexical analysis alongside. The calibration and the
 * cross-validated figures both come from these.
 */
export function outOfFold(articles: readonly Article[], corpus: readonly CorpusRow[], k = 5, onFold?: (fold: number) => void): CalibrationRow[] {
  const features = featuresOf(articles, corpus);
  const articleFeatures = featuresOf(articles, withVariants(articleRows(articles)));
  const folds = foldsOf(corpus, k);
  const classes = classesFor(articles);
  const learned = new Array<CalibrationRow['learned']>(corpus.length);
  for (let f = 0; f < k; f++) {
    onFold?.(f);
    // A row's variant trains with its fold's other rows, never scored: no wording leaks across folds.
    const trainRows = [...featuresOf(articles, withVariants(corpus.filter((_, i) => folds[i] !== f))), ...articleFeatures];
    const model = trainModel(trainRows, classes, { articlesHash: '', corpusHash: '' });
    features.forEach((feat, i) => {
      if (folds[i] === f) learned[i] = score(model, feat.names);
    });
  }
  const engine = createEngine(articles);
  return corpus.map((r, i) => {
    const a = engine.analyse(r.question, { today: '2026-12-02' });
    return {
      row: r,
      lexical: { escalation: a.escalation, outOfScope: a.outOfScope, sendMarker: a.sendMarker, ranked: a.ranked },
      learned: learned[i]!,
      words: wordCount(r.question),
    };
  });
}
