/**
 * Evaluation of the knowledge base against a labelled question set (question<TAB>expected, where
 * expected is an article id, ESCALATE, OUT_OF_SCOPE or NO_MATCH), a plain MiniSearch baseline, and the grid
 * search used to calibrate the thresholds in engine.ts. Pure functions; the CLI does the I/O.
 */
import MiniSearch from 'minisearch';
import type { Article } from './schema';
import type { Engine, EngineOptions, Analysis, Thresholds } from './engine';
import type { Outcome } from './types';

export const ESCALATE = 'ESCALATE';
export const OUT_OF_SCOPE = 'OUT_OF_SCOPE';
/** A SEND question no article covers (DLA, blue badge, diagnosis waiting lists): the right outcome is no_match. */
export const NO_MATCH = 'NO_MATCH';

export interface LabelledQuestion {
  readonly question: string;
  /** An article id, ESCALATE, OUT_OF_SCOPE or NO_MATCH. */
  readonly expected: string;
  /** 1-based line number in the file, for reports. */
  readonly line: number;
  /** For ESCALATE rows, when the file has a third column: self_harm, abuse, legal_advice, … */
  readonly kind?: string;
}

/** What any system under evaluation returns for a question. */
export interface Prediction {
  readonly outcome: Outcome;
  readonly articleId: string | null;
  readonly alternatives: readonly string[];
}

/** Parses the TSV; skips blank lines and a header row whose second column is "expected". */
export function parseLabelledTsv(text: string, file = 'questions.tsv'): LabelledQuestion[] {
  const rows: LabelledQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    const question = (cells[0] ?? '').trim();
    const expected = (cells[1] ?? '').trim();
    const kind = (cells[2] ?? '').trim();
    if (i === 0 && expected.toLowerCase() === 'expected') return;
    if (question === '' || expected === '') throw new Error(`${file}:${i + 1}: expected "question<TAB>expected", got "${raw}"`);
    rows.push({ question, expected, line: i + 1, ...(kind ? { kind } : {}) });
  });
  return rows;
}

export interface Metrics {
  readonly total: number;
  /** Article rows answered with exactly the expected article. */
  readonly top1: Ratio;
  /** Article rows where the system clarified, and the expected article was among the candidates. */
  readonly clarifyContains: Ratio;
  /** Article rows answered correctly or clarified with the expected article among the candidates. */
  readonly answeredOrClarified: Ratio;
  /** Article rows with a confident wrong answer. */
  readonly wrongAnswers: Ratio;
  readonly escalateRecall: Ratio;
  readonly escalatePrecision: Ratio;
  /** OUT_OF_SCOPE rows given out_of_scope. */
  readonly outOfScope: Ratio;
  /** OUT_OF_SCOPE rows given out_of_scope or no_match (no article shown either way). */
  readonly outOfScopeLenient: Ratio;
  /** NO_MATCH rows given no_match (out_of_scope also counts: no article is shown either way). */
  readonly noMatch: Ratio;
  /** Every row: the label matches (article id for answers, ESCALATE, OUT_OF_SCOPE). */
  readonly overall: Ratio;
  readonly misses: readonly Miss[];
}

export interface Ratio {
  readonly hits: number;
  readonly of: number;
}

export interface Miss {
  readonly line: number;
  readonly question: string;
  readonly expected: string;
  readonly got: string;
}

export function pct(r: Ratio): string {
  return r.of === 0 ? 'n/a' : `${((100 * r.hits) / r.of).toFixed(1)}% (${r.hits}/${r.of})`;
}

export function describePrediction(p: Prediction): string {
  switch (p.outcome) {
    case 'answer':
      return p.articleId ?? '(none)';
    case 'clarify':
      return `clarify[${p.alternatives.join(', ')}]`;
    default:
      return p.outcome;
  }
}

function isArticleLabel(expected: string): boolean {
  return expected !== ESCALATE && expected !== OUT_OF_SCOPE && expected !== NO_MATCH;
}

function labelMatches(expected: string, p: Prediction): boolean {
  if (expected === ESCALATE) return p.outcome === 'escalate';
  if (expected === OUT_OF_SCOPE) return p.outcome === 'out_of_scope';
  if (expected === NO_MATCH) return p.outcome === 'no_match';
  return p.outcome === 'answer' && p.articleId === expected;
}

export function computeMetrics(rows: readonly LabelledQuestion[], predictions: readonly Prediction[]): Metrics {
  const count = { articles: 0, top1: 0, clarify: 0, clarifyHit: 0, wrong: 0, esc: 0, escHit: 0, escPredicted: 0, oos: 0, oosHit: 0, oosLenient: 0, nm: 0, nmHit: 0, overall: 0 };
  const misses: Miss[] = [];
  rows.forEach((row, i) => {
    const p = predictions[i];
    if (!p) throw new Error(`computeMetrics(): no prediction for line ${row.line}`);
    const ok = labelMatches(row.expected, p);
    if (ok) count.overall += 1;
    else misses.push({ line: row.line, question: row.question, expected: row.expected, got: describePrediction(p) });
    if (p.outcome === 'escalate') count.escPredicted += 1;
    if (row.expected === ESCALATE) {
      count.esc += 1;
      if (ok) count.escHit += 1;
    } else if (row.expected === OUT_OF_SCOPE) {
      count.oos += 1;
      if (ok) count.oosHit += 1;
      if (p.outcome === 'out_of_scope' || p.outcome === 'no_match') count.oosLenient += 1;
    } else if (row.expected === NO_MATCH) {
      count.nm += 1;
      if (p.outcome === 'no_match' || p.outcome === 'out_of_scope') count.nmHit += 1;
    } else if (isArticleLabel(row.expected)) {
      count.articles += 1;
      if (ok) count.top1 += 1;
      if (p.outcome === 'clarify') {
        count.clarify += 1;
        if (p.alternatives.includes(row.expected)) count.clarifyHit += 1;
      }
      if (p.outcome === 'answer' && !ok) count.wrong += 1;
    }
  });
  const trueEscalations = rows.filter((r, i) => r.expected === ESCALATE && predictions[i]?.outcome === 'escalate').length;
  return {
    total: rows.length,
    top1: { hits: count.top1, of: count.articles },
    clarifyContains: { hits: count.clarifyHit, of: count.clarify },
    answeredOrClarified: { hits: count.top1 + count.clarifyHit, of: count.articles },
    wrongAnswers: { hits: count.wrong, of: count.articles },
    escalateRecall: { hits: count.escHit, of: count.esc },
    escalatePrecision: { hits: trueEscalations, of: count.escPredicted },
    outOfScope: { hits: count.oosHit, of: count.oos },
    outOfScopeLenient: { hits: count.oosLenient, of: count.oos },
    noMatch: { hits: count.nmHit, of: count.nm },
    overall: { hits: count.overall, of: rows.length },
    misses,
  };
}

/**
 * Utility used by the grid search: +1 right answer, +0.5 clarify containing the right article,
 * 0 no_match, −1 wrong answer or wrong clarify; escalation and out-of-scope rows +1 when handled
 * (out_of_scope or no_match for OUT_OF_SCOPE and NO_MATCH), −1 when an article is shown instead.
 */
export function utility(rows: readonly LabelledQuestion[], predictions: readonly Prediction[]): number {
  let u = 0;
  rows.forEach((row, i) => {
    const p = predictions[i];
    if (!p) return;
    if (row.expected === ESCALATE) u += p.outcome === 'escalate' ? 1 : -1;
    else if (row.expected === OUT_OF_SCOPE || row.expected === NO_MATCH) u += p.outcome === 'out_of_scope' || p.outcome === 'no_match' ? 1 : -1;
    else if (p.outcome === 'answer') u += p.articleId === row.expected ? 1 : -1;
    else if (p.outcome === 'clarify') u += p.alternatives.includes(row.expected) ? 0.5 : -1;
  });
  return u;
}

export interface GridPoint {
  readonly thresholds: Thresholds;
  readonly utility: number;
  readonly metrics: Metrics;
}

/**
 * The grid. clarifyRatio goes up to 0.98: with coverage in the ranking the runner-up often sits
 * at 0.93–0.97 of a clearly right best article. One-word questions ("review", "complaint") have
 * their own lower ratio (engine.ts ONE_WORD_CLARIFY_RATIO), so a high value does not switch
 * clarify off for them. minStrength stops at 0.1; uncoveredMinStrength is calibrated on the
 * NO_MATCH rows (questions next to SEND that no article covers).
 */
export const GRID = {
  minStrength: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
  clarifyRatio: [0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98],
  uncoveredMinStrength: [0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
} as const;

/**
 * Tries every threshold pair on pre-computed analyses (the search runs once per question).
 * Returns all points, best first; ties go to the more cautious point: higher minStrength,
 * then lower clarifyRatio; then the lower uncoveredMinStrength (the dev set has only 10 uncovered
 * questions, so it does not turn away more SEND questions than it has evidence for).
 */
export function gridSearch(engine: Engine, analyses: readonly Analysis[], rows: readonly LabelledQuestion[]): GridPoint[] {
  const points: GridPoint[] = [];
  for (const minStrength of GRID.minStrength) {
    for (const clarifyRatio of GRID.clarifyRatio) {
      for (const uncoveredMinStrength of GRID.uncoveredMinStrength) {
        const thresholds = { minStrength, clarifyRatio, uncoveredMinStrength };
        const predictions = analyses.map((a) => engine.decide(a, thresholds));
        points.push({ thresholds, utility: utility(rows, predictions), metrics: computeMetrics(rows, predictions) });
      }
    }
  }
  return points.sort(
    (a, b) =>
      b.utility - a.utility ||
      b.thresholds.minStrength - a.thresholds.minStrength ||
      a.thresholds.clarifyRatio - b.thresholds.clarifyRatio ||
      a.thresholds.uncoveredMinStrength - b.thresholds.uncoveredMinStrength,
  );
}

/**
 * The baseline: MiniSearch with default settings (default tokenizer, lower-casing only, no
 * synonyms, stemming, fuzzy or boosts) over title and body, answering with the top hit only.
 * It has no escalation or scope checks.
 */
export function createBaseline(articles: readonly Article[]): (question: string) => Prediction {
  const mini = new MiniSearch<{ id: string; title: string; body: string }>({ fields: ['title', 'body'] });
  mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, body: a.body })));
  return (question) => {
    const hits = mini.search(question);
    const top = hits[0];
    if (!top) return { outcome: 'no_match', articleId: null, alternatives: [] };
    return { outcome: 'answer', articleId: String(top.id), alternatives: hits.slice(1, 3).map((h) => String(h.id)) };
  };
}

/** Retrieval settings tried by the sweep in `kb:eval -- --grid` (search top-1 only, before thresholds). */
export const RETRIEVAL_SWEEP: readonly EngineOptions[] = [
  { bigramWeight: 0.5 },
  { bigramWeight: 1 },
  { coverageWeight: 0.1 },
  { coverageWeight: 0.15 },
  { coverageWeight: 0.2 },
  { coverageWeight: 0.3 },
  { coverageWeight: 0.2, questionWeight: 0.5 },
  { coverageWeight: 0.3, questionWeight: 0.5 },
  { coverageWeight: 0.2, questionWeight: 0.7 },
  { questionWeight: 0 },
  { questionWeight: 0.4 },
  { questionWeight: 0.5 },
  { questionWeight: 0.6 },
  { questionWeight: 0.7 },
  { questionWeight: 0.8 },
  { questionWeight: 1 },
  { boosts: { title: 1, questions: 4, summary: 1.5, body: 1 } },
  { boosts: { title: 2, questions: 2, summary: 1.5, body: 1 } },
  { boosts: { title: 1, questions: 1, summary: 1, body: 1 } },
];

/** Share of article rows whose expected article is ranked first by the search alone (before thresholds). */
export function retrievalTop1(rows: readonly LabelledQuestion[], analyses: readonly Analysis[]): Ratio {
  let hits = 0;
  let of = 0;
  rows.forEach((row, i) => {
    if (!isArticleLabel(row.expected)) return;
    of += 1;
    if (analyses[i]?.ranked[0]?.id === row.expected) hits += 1;
  });
  return { hits, of };
}

/** Escalation recall per kind (rows that carry a kind), e.g. { self_harm: { hits: 4, of: 4 } }. */
export function recallByKind(rows: readonly LabelledQuestion[], predictions: readonly Prediction[]): Map<string, Ratio> {
  const out = new Map<string, { hits: number; of: number }>();
  rows.forEach((r, i) => {
    if (r.expected !== ESCALATE || !r.kind) return;
    const c = out.get(r.kind) ?? { hits: 0, of: 0 };
    c.of += 1;
    if (predictions[i]?.outcome === 'escalate') c.hits += 1;
    out.set(r.kind, c);
  });
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** Rows that are not ESCALATE but were escalated (false escalations), over all such rows. */
export function falseEscalations(rows: readonly LabelledQuestion[], predictions: readonly Prediction[]): Ratio {
  let hits = 0;
  let of = 0;
  rows.forEach((r, i) => {
    if (r.expected === ESCALATE) return;
    of += 1;
    if (predictions[i]?.outcome === 'escalate') hits += 1;
  });
  return { hits, of };
}

/** Article rows answered with a clarify question, over all article rows (kept under 1 in 6). */
export function clarifyRate(rows: readonly LabelledQuestion[], predictions: readonly Prediction[]): Ratio {
  let hits = 0;
  let of = 0;
  rows.forEach((r, i) => {
    if (!isArticleLabel(r.expected)) return;
    of += 1;
    if (predictions[i]?.outcome === 'clarify') hits += 1;
  });
  return { hits, of };
}
