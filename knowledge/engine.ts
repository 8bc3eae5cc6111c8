import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Article } from './schema';
import { createAnalyzer, type Analyzer } from './analysis';
import { detectEscalation, hasSendMarker, isOutOfScope, mentionsUncoveredTopic, withoutSafeguardingWords, type Escalation } from './guards';
import { createQuestionMatcher } from './similarity';
import { redactPersonalData } from './redact';
import { createDateFinder, deadlinesFor, withoutDates, type FoundDate } from './dates';
import type { AskOptions, KnowledgeBase, KnowledgeResult, SafetyScreen } from './types';
import { featureNames } from './learned/features';
import { score, type LearnedModel, type LearnedScores } from './learned/model';
import { combine, disclosureScore, gatedDisclosure, hybridOutcome, screenOf, toResult, wordCount, type HybridThresholds } from './learned/hybrid';
import { englandDateOf } from '../bot/statutory';

/**
 * Decision thresholds. How they were calibrated: `npm run kb:eval -- --grid` runs a grid search
 * (evaluation.ts, GRID) over the dev set knowledge/eval/dev-questions.tsv (281 questions, 10 of
 * them NO_MATCH calibration questions) against the 45 articles, maximising utility: +1 right
 * answer, +0.5 clarify listing the right article, 0 no_match, −1 wrong answer or wrong clarify;
 * escalation, out-of-scope and NO_MATCH rows +1 when handled. Best point: minStrength 0.1,
 * clarifyRatio 0.97, uncoveredMinStrength 0.6 (utility 239 of 281; clarifyRatio 0.93, 0.95 and
 * 0.98 score 237, 238.5 and 239, so clarifying on near-ties only is a small win, not a
 * large one; one-word questions still clarify, see ONE_WORD_CLARIFY_RATIO). uncoveredMinStrength
 * 0.6–0.8 tie; the lowest is kept.
 * Re-run after changing articles or the analysis, and update these numbers if the best point moves.
 */
export interface Thresholds {
  /** Below this strength (share of the question's weighted terms found in the best article) there is no match. */
  readonly minStrength: number;
  /** If the runner-up scores at least this fraction of the best, the question is ambiguous: clarify. */
  readonly clarifyRatio: number;
  /**
   * minStrength for a question that mentions a subject no article covers (benefits, blue badge,
   * diagnosis, another council service; guards.ts mentionsUncoveredTopic) but has a SEND marker.
   */
  readonly uncoveredMinStrength: number;
}

export const CALIBRATED_THRESHOLDS: Thresholds = { minStrength: 0.1, clarifyRatio: 0.97, uncoveredMinStrength: 0.6 };

/**
 * Field boosts: the words people use (title, example questions) count more than the prose.
 * Checked with the retrieval sweep in `kb:eval -- --grid`; title 1 scored one or two dev
 * questions higher than 2, within noise, so the boost follows the design rule instead.
 */
export const FIELD_BOOSTS = { title: 2, questions: 4, summary: 1.5, body: 1 } as const;

/**
 * Share of the ranking that comes from the closest example question (the `questions` front matter
 * and the title, each compared as its own short text; see similarity.ts) rather than from the
 * MiniSearch article score. Example questions reward a question phrased like one way people ask
 * it; the article index rewards coverage of the topic. Chosen with the retrieval sweep in
 * `kb:eval -- --grid` (dev-set search top-1: 0.5 → 86%, 0.6 → 88%, 0.7 → 87%).
 */
export const QUESTION_WEIGHT = 0.6;

/**
 * Share of the ranking that comes from coverage: the IDF-weighted share of the question's words
 * that the article contains (the same measure as strengthOf). BM25 can rank an article first on
 * one repeated common word; coverage rewards the article that has the question's rare words
 * ("gp", "tuition"). Chosen with the retrieval sweep in `kb:eval -- --grid` (dev-set search top-1
 * of 218 when it was added: 0 → 191, 0.1 → 195, 0.15 → 196, 0.2 → 195, 0.3 → 189; now 0.1 → 196,
 * 0.15–0.2 → 198, 0.3 → 190).
 */
export const COVERAGE_WEIGHT = 0.15;

/**
 * Factor on a bigram's weight in question similarity. Bigrams are built after stop words are
 * dropped, so "ask the council to look at him for an ehcp" yields "la_ehcp", which also matches
 * "complain to the council about ehcp delays"; a rare bigram must not outweigh the words. Chosen
 * with the retrieval sweep in `kb:eval -- --grid` (dev-set search top-1 of 218: 0.5 → 196,
 * 0.6–0.7 → 198, 0.8–1 → 197, 1.2 → 193). Close to 1 on the dev set; kept below 1 for the reason above.
 */
export const BIGRAM_WEIGHT = 0.7;

/** Weight of a word no article uses, in question similarity (it lowers every candidate alike). */
const SIMILARITY_UNKNOWN_WEIGHT = 0.5;
/** Floor on term weights, so words found in every article ("ehcp") still count a little. */
const MIN_TERM_WEIGHT = 0.2;
/**
 * Canonical analysed terms that only occur in SEND questions. Together with the raw-text markers in
 * guards.ts they decide whether a weak match is "no_match" (a SEND question we cannot answer) or
 * "out_of_scope"; checking analysed terms catches misspelt markers ("educaton health care plan").
 */
const SEND_TERMS: ReadonlySet<string> = new Set(['ehcp', 'ehcna', 'senco', 'sen', 'sendiass', 'tribunal', 'reassess', 'personalbudget', 'pfa', 'salt', 'ep', 'disab', 'sectionf']);

/**
 * A question with a single content word ("review", "complaint") cannot tell close articles apart,
 * so it clarifies at a lower runner-up ratio. Set by hand: with coverage in the ranking such
 * questions sit at 0.80–0.95 ("review": 0.83), and the dev set has none with a close runner-up, so
 * it cannot calibrate this (the rule changes no dev result).
 */
const ONE_WORD_CLARIFY_RATIO = 0.8;

/**
 * When to add a SEND answer to a safeguarding reply: the rest of the message (harm phrases blanked
 * out) must match its best article at least this strongly, with the runner-up at most
 * ALSO_ANSWER_MAX_RATIO of it. Stricter than a normal answer because a wrong extra article next to
 * safety contacts is worse than none. Set by hand on combined messages written for the unit tests
 * ("my son said he wants to die, the LA refused to assess him"): right articles had ratios
 * 0.4–0.7, wrong ones 0.84 and above. The dev set's ESCALATE rows have no SEND question and get none.
 */
const ALSO_ANSWER_MIN_STRENGTH = 0.4;
const ALSO_ANSWER_MAX_RATIO = 0.8;

/** At most this many candidates are offered when clarifying. */
const MAX_CLARIFY = 3;

const FIELDS = ['title', 'questions', 'summary', 'body'] as const;
type Field = (typeof FIELDS)[number];
type IndexedDoc = { readonly id: string } & Readonly<Record<Field, string>>;

export interface EngineOptions {
  /** See QUESTION_WEIGHT. */
  readonly questionWeight?: number;
  /** See BIGRAM_WEIGHT. */
  readonly bigramWeight?: number;
  /** See COVERAGE_WEIGHT. */
  readonly coverageWeight?: number;
  /** See FIELD_BOOSTS. */
  readonly boosts?: Readonly<Record<Field, number>>;
  /**
   * The learned layer (knowledge/learned, trained by `npm run kb:train`) with its calibrated
   * thresholds. Without it the engine decides on the lexical search alone.
   */
  readonly learned?: { readonly model: LearnedModel; readonly thresholds: HybridThresholds };
}

/** One ranked article and the signals used to decide. */
export interface Ranked {
  readonly id: string;
  readonly score: number;
  /** The question's words (unigrams) that this article contains. */
  readonly matched: readonly string[];
  /** Cosine similarity to the article's closest example question (0..1). */
  readonly similarity: number;
}

/** Everything the engine knows about a question before applying thresholds. */
export interface Analysis {
  readonly question: string;
  readonly escalation: Escalation | null;
  readonly outOfScope: boolean;
  readonly sendMarker: boolean;
  /** The question mentions a subject next to SEND that no article covers (see Thresholds.uncoveredMinStrength). */
  readonly uncovered: boolean;
  /**
   * The question's words (unigrams, analysed) with their weight for strength: the word's IDF, or
   * for a word no article uses (after spelling correction) the IDF of a term in no document,
   * ln(1 + (N + 0.5) / 0.5). An unseen word is evidence the question is about something else.
   */
  readonly terms: ReadonlyMap<string, number>;
  readonly ranked: readonly Ranked[];
  readonly dates: readonly FoundDate[];
  /**
   * For a safeguarding message: the analysis of what is left once the safeguarding phrases are
   * blanked out, to find a SEND question asked alongside (see alsoAnswerFor). Null otherwise.
   */
  readonly rest: Analysis | null;
  /** The learned classifiers' scores, when the engine has a learned model. */
  readonly learned: LearnedScores | null;
}

export interface Engine {
  analyse(question: string, options?: AskOptions): Analysis;
  /** Decides with the hybrid thresholds when the analysis has learned scores, else with the lexical ones. */
  decide(analysis: Analysis, thresholds?: Thresholds, hybrid?: HybridThresholds): KnowledgeResult;
  /** The safeguarding screen alone: the lexicon, then the disclosure detector's two thresholds. */
  /** `inTask`: the message answers a question of the assistant's inside a task (its own check-in threshold). */
  screen(message: string, options?: { readonly inTask?: boolean }): SafetyScreen;
  readonly articles: ReadonlyMap<string, Article>;
}

/** Today in England, when the caller gives no date (the service always does). */
function todayIso(): string {
  return englandDateOf(new Date());
}

function toDoc(a: Article): IndexedDoc {
  return { id: a.id, title: a.title, questions: a.questions.join('\n'), summary: a.summary, body: a.body };
}

/**
 * Analysed terms of one article field. Example questions are written the way people ask, typos
 * included ("annual reveiw", "tribnal"), so they go through the query side's spelling correction:
 * a correctly spelt question must still match them.
 */
function fieldTerms(analyzer: Analyzer, field: Field, text: string): string[] {
  return field === 'questions' ? analyzer.queryTerms(text) : analyzer.indexTerms(text);
}

/** Inverse document frequency of every analysed term, for weighting coverage. */
function buildIdf(articles: readonly Article[], analyzer: Analyzer): Map<string, number> {
  const df = new Map<string, number>();
  for (const a of articles) {
    const doc = toDoc(a);
    const terms = new Set(FIELDS.flatMap((f) => fieldTerms(analyzer, f, doc[f])));
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = articles.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  return idf;
}

/** A plain word: not a bigram ("draft_plan") and not a section token ("sectionf"), which must match exactly. */
function isWord(term: string): boolean {
  return !term.includes('_') && !/^section[a-z0-9]+$/.test(term);
}

function searchOptions(engineOptions: EngineOptions = {}): SearchOptions {
  return {
    boost: { ...(engineOptions.boosts ?? FIELD_BOOSTS) },
    // Bigrams ("draft_plan") are matched exactly; single words also by prefix and spelling tolerance.
    prefix: (term) => term.length >= 5 && isWord(term),
    fuzzy: (term) => (term.length >= 6 && isWord(term) ? 1 : false),
    weights: { fuzzy: 0.4, prefix: 0.3 },
    combineWith: 'OR',
    // The engine analyses the question once and passes the terms joined by spaces.
    tokenize: (text) => text.split(' ').filter((t) => t.length > 0),
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

/** The analyser the engine uses for these articles (the learned layer must see the same words). */
export function analyzerFor(articles: readonly Article[]): Analyzer {
  return createAnalyzer({ corpus: articles.flatMap((a) => [a.title, a.summary, a.body]) });
}

export function createEngine(articles: readonly Article[], engineOptions: EngineOptions = {}): Engine {
  const questionWeight = engineOptions.questionWeight ?? QUESTION_WEIGHT;
  const learned = engineOptions.learned;
  const coverageWeight = engineOptions.coverageWeight ?? COVERAGE_WEIGHT;
  const dateFinder = createDateFinder();
  const analyzer = analyzerFor(articles);
  const byId = new Map(articles.map((a) => [a.id, a] as const));
  const mini = new MiniSearch<IndexedDoc>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize: (text, field) => fieldTerms(analyzer, (field ?? 'body') as Field, text),
    processTerm: (term) => term,
  });
  mini.addAll(articles.map(toDoc));
  const idf = buildIdf(articles, analyzer);
  const unseenIdf = Math.log(1 + (articles.length + 0.5) / 0.5);
  const options = searchOptions(engineOptions);
  /** Term weight for question similarity. */
  const bigramWeight = engineOptions.bigramWeight ?? BIGRAM_WEIGHT;
  const weight = (t: string): number => Math.max(MIN_TERM_WEIGHT, idf.get(t) ?? SIMILARITY_UNKNOWN_WEIGHT) * (t.includes('_') ? bigramWeight : 1);
  const questions = createQuestionMatcher(
    articles.flatMap((a) => [{ articleId: a.id, terms: analyzer.indexTerms(a.title) }, ...a.questions.map((q) => ({ articleId: a.id, terms: analyzer.queryTerms(q) }))]),
    weight,
  );

  const analyse = (question: string, ask?: AskOptions, nested = false): Analysis => {
    const escalation = nested ? null : detectEscalation(question);
    const dates = dateFinder.find(question, ask?.today ?? todayIso());
    // Dates and personal data (emails, phone numbers, references) are not what the question is about.
    const searchText = redactPersonalData(withoutDates(question, dates)).replace(/\[[a-z ]+\]/g, ' ');
    const queryTerms = analyzer.queryTerms(searchText);
    const words = [...new Set(queryTerms.filter((t) => !t.includes('_')))];
    const terms = new Map(words.map((t) => [t, Math.max(MIN_TERM_WEIGHT, idf.get(t) ?? unseenIdf)] as const));
    const ranked: Ranked[] = [];
    if (words.length > 0) {
      const articleHits = mini.search(queryTerms.join(' '), options);
      const byArticle = scaled(articleHits.map((r) => ({ id: String(r.id), score: r.score })));
      const byQuestion = questions.bestPerArticle(queryTerms);
      const matched = new Map(articleHits.map((r) => [String(r.id), new Set<string>(r.queryTerms.filter((t: string) => !t.includes('_')))] as const));
      let totalWeight = 0;
      for (const w of terms.values()) totalWeight += w;
      const coverage = (found: ReadonlySet<string> | undefined): number => {
        let sum = 0;
        for (const t of found ?? []) sum += terms.get(t) ?? 0;
        return totalWeight > 0 ? sum / totalWeight : 0;
      };
      for (const id of new Set([...byArticle.keys(), ...byQuestion.keys()])) {
        const score = (1 - questionWeight - coverageWeight) * (byArticle.get(id) ?? 0) + questionWeight * (byQuestion.get(id) ?? 0) + coverageWeight * coverage(matched.get(id));
        ranked.push({ id, score, matched: [...(matched.get(id) ?? [])], similarity: byQuestion.get(id) ?? 0 });
      }
      ranked.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
    }
    return {
      question,
      escalation,
      outOfScope: isOutOfScope(question),
      uncovered: mentionsUncoveredTopic(question),
      sendMarker: hasSendMarker(question) || words.some((t) => SEND_TERMS.has(t)),
      terms,
      ranked,
      dates,
      rest: escalation?.reason === 'safeguarding' ? analyse(withoutSafeguardingWords(question), ask, true) : null,
      learned: learned && !nested ? learnedScores(learned, analyzer, question) : null,
    };
  };

  const articleIds = articles.map((a) => a.id);
  return {
    analyse,
    decide: (analysis, thresholds = CALIBRATED_THRESHOLDS, hybrid = learned?.thresholds) =>
      analysis.learned && hybrid ? decideHybrid(analysis, analysis.learned, hybrid, thresholds, byId, articleIds) : decide(analysis, thresholds, byId),
    screen: (message, options) => {
      const lexical = detectEscalation(message)?.reason === 'safeguarding';
      if (!learned) return lexical ? 'escalate' : null;
      return screenOf(lexical, disclosureScore(learnedScores(learned, analyzer, message)), learned.thresholds, options?.inTask);
    },
    articles: byId,
  };
}

/** The classifier's scores, with the detector's calibrated word floor applied (below it the lexicon alone screens). */
function learnedScores(learned: { readonly model: LearnedModel; readonly thresholds: HybridThresholds }, analyzer: Analyzer, text: string): LearnedScores {
  const s = score(learned.model, featureNames(text, { words: analyzer.queryWords(text) }));
  return { ...s, disclosure: gatedDisclosure(s.disclosure, wordCount(text), learned.thresholds.detectorMinWords) };
}

/** The hybrid decision (knowledge/learned/hybrid.ts), with the safety contacts' extra article and deadlines. */
function decideHybrid(
  a: Analysis,
  learned: LearnedScores,
  hybrid: HybridThresholds,
  thresholds: Thresholds,
  byId: ReadonlyMap<string, Article>,
  articleIds: readonly string[],
): KnowledgeResult {
  const ranked = combine(a, learned, articleIds, hybrid.learnedWeight);
  const o = hybridOutcome(a, learned, hybrid, ranked);
  const alsoAnswer =
    o.outcome === 'escalate' && o.reason === 'safeguarding'
      ? alsoAnswerFor({ ...a, escalation: { reason: 'safeguarding', pattern: o.source }, rest: a.rest ?? a }, thresholds)
      : undefined;
  return toResult(o, byId, { ...(alsoAnswer ? { alsoAnswer } : {}), deadlines: (id) => deadlinesFor(id, a.question, a.dates) });
}

/**
 * Applies the checks in order: escalate → out of scope → no match (weak strength) → clarify
 * (runner-up close to the best) → answer, with deadlines when the question gave a date.
 */
function decide(a: Analysis, thresholds: Thresholds, byId: ReadonlyMap<string, Article>): KnowledgeResult {
  const runnersUp = (from: number): string[] => a.ranked.slice(from, from + 2).map((r) => r.id);
  if (a.escalation) {
    const also = alsoAnswerFor(a, thresholds);
    return {
      outcome: 'escalate',
      articleId: null,
      confidence: 1,
      alternatives: [],
      reason: a.escalation.reason,
      ...(also ? { alsoAnswer: also } : {}),
    };
  }
  if (a.outOfScope) return { outcome: 'out_of_scope', articleId: null, confidence: 1, alternatives: [] };
  const top = a.ranked[0];
  const strength = top ? strengthOf(a, top) : 0;
  const minStrength = a.uncovered ? Math.max(thresholds.minStrength, thresholds.uncoveredMinStrength) : thresholds.minStrength;
  if (!top || strength < minStrength) {
    const alternatives = runnersUp(0);
    return a.sendMarker
      ? { outcome: 'no_match', articleId: null, confidence: round(strength), alternatives }
      : { outcome: 'out_of_scope', articleId: null, confidence: round(1 - strength), alternatives };
  }
  const second = a.ranked[1];
  const ratio = second ? second.score / top.score : 0;
  const confidence = round(strength * (1 - ratio / 2));
  const clarifyRatio = a.terms.size === 1 ? Math.min(thresholds.clarifyRatio, ONE_WORD_CLARIFY_RATIO) : thresholds.clarifyRatio;
  if (ratio >= clarifyRatio) {
    const close = a.ranked.filter((r) => r.score / top.score >= clarifyRatio).slice(0, MAX_CLARIFY);
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
}

/**
 * The SEND article to give after the safety contacts when the message also asks a SEND question: "he says he wants to die and the council still hasn't
 * decided on the EHC needs assessment". Only for a message with a SEND marker, a clear winner
 * (no clarify) and a match at least ALSO_ANSWER_MIN_STRENGTH strong, so a disclosure with no
 * question behind it gets the contacts alone. Safeguarding only: a legal-advice or third-party
 * reply is itself the answer, and their case words ("offer", "school") mislead the search.
 */
function alsoAnswerFor(a: Analysis, thresholds: Thresholds): string | undefined {
  const rest = a.rest;
  if (a.escalation?.reason !== 'safeguarding' || !rest || !rest.sendMarker) return undefined;
  const top = rest.ranked[0];
  if (!top) return undefined;
  const second = rest.ranked[1];
  if (second && second.score / top.score > Math.min(thresholds.clarifyRatio, ALSO_ANSWER_MAX_RATIO)) return undefined;
  return strengthOf(rest, top) >= Math.max(thresholds.minStrength, ALSO_ANSWER_MIN_STRENGTH) ? top.id : undefined;
}

/** Strength of a match: the weighted share of the question's words that the article contains (0..1). */
export function strengthOf(analysis: Analysis, ranked: Ranked): number {
  let total = 0;
  let found = 0;
  for (const [term, w] of analysis.terms) {
    total += w;
    if (ranked.matched.includes(term)) found += w;
  }
  return total > 0 ? found / total : 0;
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 1000) / 1000;
}

/** Builds the knowledge base from validated articles (and the learned layer, when given). Pure: no I/O. */
export function createKnowledgeBase(articles: readonly Article[], thresholds: Thresholds = CALIBRATED_THRESHOLDS, learned?: EngineOptions['learned']): KnowledgeBase {
  const engine = createEngine(articles, learned ? { learned } : {});
  return {
    ask: (question, options) => engine.decide(engine.analyse(question, options), thresholds),
    screen: (message, options) => engine.screen(message, options),
    article: (id) => engine.articles.get(id),
    size: engine.articles.size,
  };
}
