import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Article } from './schema';
import { createAnalyzer, type Analyzer } from './analysis';
import { detectEscalation, hasSendMarker, isOutOfScope, type Escalation } from './guards';
import { createQuestionMatcher } from './similarity';
import { deadlinesFor, findDates, withoutDates, type FoundDate } from './dates';
import type { AskOptions, KnowledgeBase, KnowledgeResult } from './types';

/**
 * Decision thresholds. Calibrated by the grid search in `npm run kb:eval` (see
 * knowledge/evaluation.ts, `gridSearch`) on knowledge/eval/dev-questions.tsv with the 45 articles,
 * maximising utility (+1 right answer, +0.5 clarify that contains the right article, 0 no_match,
 * −1 wrong answer; out-of-scope rows count +1 for out_of_scope or no_match). Re-run the eval after
 * adding articles or changing the analysis, and update these numbers if the printed best differs.
 */
export interface Thresholds {
  /** Below this strength (share of the question's weighted terms found in the best article) there is no match. */
  readonly minStrength: number;
  /** If the runner-up scores at least this fraction of the best, the question is ambiguous: clarify. */
  readonly clarifyRatio: number;
}

export const CALIBRATED_THRESHOLDS: Thresholds = { minStrength: 0.35, clarifyRatio: 0.9 };

/** Field boosts: the words people use (title, example questions) count more than the prose. */
export const FIELD_BOOSTS = { title: 1, questions: 4, summary: 1.5, body: 1 } as const;

/**
 * Share of the ranking that comes from the closest example question (the `questions` front matter,
 * plus the title, each indexed as its own short document) rather than from the whole article.
 * Short question documents reward a question that matches one way people ask it; the article
 * index rewards coverage of the topic. Chosen with `kb:eval -- --grid` on the dev set.
 */
export const QUESTION_WEIGHT = 0.7;

/** Weight of a question word the knowledge base has never seen (compare: idf of a rare term ≈ 3.5). */
const UNKNOWN_TERM_WEIGHT = 1;
/** Floor on term weights in question similarity, so words found everywhere ("ehcp") still count a little. */
const MIN_TERM_WEIGHT = 0.2;
/** At most this many candidates are offered when clarifying. */
const MAX_CLARIFY = 3;

const FIELDS = ['title', 'questions', 'summary', 'body'] as const;
type Field = (typeof FIELDS)[number];
type IndexedDoc = { readonly id: string } & Readonly<Record<Field, string>>;

export interface EngineOptions {
  /** See QUESTION_WEIGHT. */
  readonly questionWeight?: number;
  /** See FIELD_BOOSTS. */
  readonly boosts?: Readonly<Record<Field, number>>;
  /** MiniSearch BM25 parameters (k, b, d). */
  readonly bm25?: { readonly k: number; readonly b: number; readonly d: number };
}

/** One ranked article and the signals used to decide. */
export interface Ranked {
  readonly id: string;
  readonly score: number;
  /** Weighted share of the question's terms that this article contains (0..1). */
  readonly strength: number;
}

/** Everything the engine knows about a question before applying thresholds. */
export interface Analysis {
  readonly question: string;
  readonly escalation: Escalation | null;
  readonly outOfScope: boolean;
  readonly sendMarker: boolean;
  readonly terms: readonly string[];
  readonly ranked: readonly Ranked[];
  readonly dates: readonly FoundDate[];
}

export interface Engine {
  analyse(question: string, options?: AskOptions): Analysis;
  decide(analysis: Analysis, thresholds?: Thresholds): KnowledgeResult;
  readonly articles: ReadonlyMap<string, Article>;
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function toDoc(a: Article): IndexedDoc {
  return { id: a.id, title: a.title, questions: a.questions.join('\n'), summary: a.summary, body: a.body };
}

/** Inverse document frequency of every analysed term, for weighting coverage. */
function buildIdf(articles: readonly Article[], analyzer: Analyzer): Map<string, number> {
  const df = new Map<string, number>();
  for (const a of articles) {
    const doc = toDoc(a);
    const terms = new Set(FIELDS.flatMap((f) => analyzer.indexTerms(doc[f])));
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = articles.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  return idf;
}

export function searchOptions(analyzer: Analyzer, engineOptions: EngineOptions = {}): SearchOptions {
  return {
    boost: { ...(engineOptions.boosts ?? FIELD_BOOSTS) },
    ...(engineOptions.bm25 ? { bm25: { ...engineOptions.bm25 } } : {}),
    prefix: (term) => term.length >= 5,
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    weights: { fuzzy: 0.4, prefix: 0.3 },
    combineWith: 'OR',
    tokenize: (text) => analyzer.queryTerms(text),
    processTerm: (term) => term,
  };
}

/** Best score per article, scaled so the best article scores 1. */
function scaled(results: readonly { id: string; score: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  const top = results[0]?.score ?? 0;
  if (top <= 0) return out;
  for (const r of results) out.set(r.id, Math.max(out.get(r.id) ?? 0, r.score / top));
  return out;
}

export function createEngine(articles: readonly Article[], engineOptions: EngineOptions = {}): Engine {
  const questionWeight = engineOptions.questionWeight ?? QUESTION_WEIGHT;
  const analyzer = createAnalyzer({ corpus: articles.flatMap((a) => [a.title, a.summary, a.body, ...a.questions]) });
  const byId = new Map(articles.map((a) => [a.id, a] as const));
  const mini = new MiniSearch<IndexedDoc>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize: (text) => analyzer.indexTerms(text),
    processTerm: (term) => term,
  });
  mini.addAll(articles.map(toDoc));
  const idf = buildIdf(articles, analyzer);
  const options = searchOptions(analyzer, engineOptions);
  const weight = (t: string): number => idf.get(t) ?? UNKNOWN_TERM_WEIGHT;
  const questions = createQuestionMatcher(
    articles.flatMap((a) => [a.title, ...a.questions].map((q) => ({ articleId: a.id, terms: analyzer.indexTerms(q) }))),
    (t) => Math.max(MIN_TERM_WEIGHT, weight(t)),
  );

  const analyse = (question: string, ask?: AskOptions): Analysis => {
    const escalation = detectEscalation(question);
    const dates = findDates(question, ask?.today ?? todayIso());
    const searchText = withoutDates(question, dates);
    const terms = [...new Set(analyzer.queryWords(searchText))];
    const total = terms.reduce((sum, t) => sum + weight(t), 0);
    const ranked: Ranked[] = [];
    if (terms.length > 0) {
      const articleHits = mini.search(searchText, options);
      const byArticle = scaled(articleHits.map((r) => ({ id: String(r.id), score: r.score })));
      const byQuestion = questions.bestPerArticle(analyzer.queryTerms(searchText));
      const matched = new Map(
        articleHits.map((r) => [String(r.id), new Set<string>(r.queryTerms.filter((t: string) => !t.includes('_')))] as const),
      );
      for (const id of new Set([...byArticle.keys(), ...byQuestion.keys()])) {
        const score = (1 - questionWeight) * (byArticle.get(id) ?? 0) + questionWeight * (byQuestion.get(id) ?? 0);
        const found = matched.get(id) ?? new Set<string>();
        const strength = total > 0 ? [...found].reduce((sum, t) => sum + weight(t), 0) / total : 0;
        ranked.push({ id, score, strength });
      }
      ranked.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
    }
    return {
      question,
      escalation,
      outOfScope: isOutOfScope(question),
      sendMarker: hasSendMarker(question),
      terms,
      ranked,
      dates,
    };
  };

  const decide = (a: Analysis, thresholds: Thresholds = CALIBRATED_THRESHOLDS): KnowledgeResult => {
    const runnersUp = (from: number): string[] => a.ranked.slice(from, from + 2).map((r) => r.id);
    if (a.escalation) {
      return { outcome: 'escalate', articleId: null, confidence: 1, alternatives: [], reason: a.escalation.reason };
    }
    if (a.outOfScope) return { outcome: 'out_of_scope', articleId: null, confidence: 1, alternatives: [] };
    const top = a.ranked[0];
    if (!top || top.strength < thresholds.minStrength) {
      const alternatives = runnersUp(0);
      return a.sendMarker
        ? { outcome: 'no_match', articleId: null, confidence: round(top?.strength ?? 0), alternatives }
        : { outcome: 'out_of_scope', articleId: null, confidence: round(1 - (top?.strength ?? 0)), alternatives };
    }
    const second = a.ranked[1];
    const ratio = second ? second.score / top.score : 0;
    const confidence = round(top.strength * (1 - ratio / 2));
    if (ratio >= thresholds.clarifyRatio) {
      const close = a.ranked.filter((r) => r.score / top.score >= thresholds.clarifyRatio).slice(0, MAX_CLARIFY);
      return {
        outcome: 'clarify',
        articleId: null,
        confidence,
        alternatives: close.map((r) => r.id),
        candidates: close.map((r) => ({ id: r.id, title: byId.get(r.id)?.title ?? r.id })),
      };
    }
    const article = byId.get(top.id);
    if (!article) throw new Error(`KnowledgeBase.ask(): search returned unknown article "${top.id}"`);
    const deadlines = deadlinesFor(top.id, a.question, a.dates);
    return {
      outcome: 'answer',
      articleId: top.id,
      article,
      confidence,
      alternatives: runnersUp(1),
      ...(deadlines ? { deadlines } : {}),
    };
  };

  return { analyse, decide, articles: byId };
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 1000) / 1000;
}

/** Builds the knowledge base from validated articles. Pure: no I/O. */
export function createKnowledgeBase(articles: readonly Article[], thresholds: Thresholds = CALIBRATED_THRESHOLDS): KnowledgeBase {
  const engine = createEngine(articles);
  return {
    ask: (question, options) => engine.decide(engine.analyse(question, options), thresholds),
    article: (id) => engine.articles.get(id),
    size: engine.articles.size,
  };
}
