import { normaliseText } from '../analysis';
import type { Article } from '../schema';
import type { EscalationReason } from '../guards';
import type { KnowledgeResult } from '../types';
import { ESC_LEGAL_ADVICE, ESC_THIRD_PARTY_DATA, NO_MATCH_CLASS, OUT_OF_SCOPE_CLASS } from './corpus';
import type { LearnedScores } from './model';

/**
 * The hybrid decision: the lexical search (MiniSearch with the SEND analysis, example-question
 * similarity and coverage) and the learned classifier each give every article a score; one
 * combined score per candidate decides, with thresholds chosen by cross-validation on the
 * training corpus (`npm run kb:train`, knowledge/learned/calibrate.ts), never on an evaluation set.
 *
 * Order: the lexicon's escalation (a safety net that never goes away) → the disclosure detector
 * (escalate above `disclosureHigh`; a kind check-in between `disclosureLow` and it) → legal advice
 * and third-party data (classifier) → out of scope (rules, then classifier) → no match
 * (classifier, or a weak best candidate) → clarify (runner-up close to the best) → answer.
 */
export interface HybridThresholds {
  /** Share of the combined score from the classifier's probability (the rest: the lexical score). */
  readonly learnedWeight: number;
  /** Below this combined score the best article is too weak: no match (or out of scope without a SEND word). */
  readonly minScore: number;
  /** Runner-up at or above this share of the best: ask which one. */
  readonly clarifyRatio: number;
  /** The classifier's out-of-scope probability that decides (when it is its top class). */
  readonly outOfScope: number;
  /** The same, when the message uses a SEND word ("PB", "EHCP", "SENCO"): it needs more to be called out of scope. */
  readonly outOfScopeSendWord: number;
  /** The classifier's no-match probability that decides (when it is its top class). */
  readonly noMatch: number;
  /** Probability of legal advice or third-party data that escalates. */
  readonly escalate: number;
  /** Disclosure score that escalates as safeguarding. */
  readonly disclosureHigh: number;
  /** Disclosure score from which the reply starts with a kind check-in (chosen for recall). */
  readonly disclosureLow: number;
  /**
   * The same for an answer typed inside a task (a question of the assistant's is waiting): never
   * lower than `disclosureLow`, and high enough that the check-in interrupts few tasks.
   */
  readonly disclosureLowInTask: number;
  /**
   * Messages with fewer words than this are left to the lexicon (the detector says nothing): the
   * smallest floor at which answers typed inside a task are escalated no more often than
   * MAX_ANSWER_FALSE_ESCALATION, chosen on out-of-fold scores (calibrate.ts).
   */
  readonly detectorMinWords: number;
}

/** Words in a message, as the detector's floor counts them. */
export function wordCount(text: string): number {
  return normaliseText(text)
    .split(' ')
    .filter((w) => w.length > 0).length;
}

/** The detector's score once the word floor is applied: below it, the lexicon alone screens. */
export function gatedDisclosure(disclosure: number, words: number, detectorMinWords: number): number {
  return words < detectorMinWords ? 0 : disclosure;
}

/**
 * The safeguarding screen every message gets, answers typed inside a task too: the lexicon's
 * safeguarding patterns, then the detector's (gated) score against the two thresholds.
 */
export function screenOf(
  lexicalSafeguarding: boolean,
  disclosure: number,
  t: Pick<HybridThresholds, 'disclosureHigh' | 'disclosureLow' | 'disclosureLowInTask'>,
  inTask = false,
): 'escalate' | 'check_in' | null {
  if (lexicalSafeguarding) return 'escalate';
  return disclosure >= t.disclosureHigh ? 'escalate' : disclosure >= (inTask ? t.disclosureLowInTask : t.disclosureLow) ? 'check_in' : null;
}

/** The lexical side of one question, as the engine analysed it. */
export interface LexicalSignals {
  readonly escalation: { readonly reason: EscalationReason } | null;
  readonly outOfScope: boolean;
  readonly sendMarker: boolean;
  /** Lexical score per article (best ≈ 1), best first. */
  readonly ranked: readonly { readonly id: string; readonly score: number }[];
}

export interface Candidate {
  readonly id: string;
  readonly score: number;
}

/**
 * Combined score per article, best first (ties by id, so the order is stable). The classifier's
 * side is each article's share of the probability it gives articles at all: out of scope, no match
 * and escalation have their own rules, so their mass does not dilute the choice between articles.
 */
export function combine(lexical: LexicalSignals, learned: LearnedScores, articleIds: readonly string[], learnedWeight: number): Candidate[] {
  const lex = new Map(lexical.ranked.map((r) => [r.id, r.score] as const));
  let mass = 0;
  for (const id of articleIds) mass += learned.topic.get(id) ?? 0;
  const share = (id: string): number => (mass > 0 ? (learned.topic.get(id) ?? 0) / mass : 0);
  return articleIds
    .map((id) => ({ id, score: learnedWeight * share(id) + (1 - learnedWeight) * (lex.get(id) ?? 0) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/**
 * The disclosure score: the dedicated detector's. The topic classifier's safeguarding class is not
 * used: on the out-of-fold scores it ranks disclosures worse (at the 0.4% false-escalation cap the
 * detector alone catches 227 of the 260 disclosures the lexicon misses, the higher of the two only
 * 205), and long, worried stories push it up whatever they say.
 */
export function disclosureScore(learned: LearnedScores): number {
  return learned.disclosure;
}

/** The decision without the article bodies (the calibration runs it thousands of times). */
export type HybridOutcome =
  | { readonly outcome: 'escalate'; readonly reason: EscalationReason; readonly source: 'lexicon' | 'learned'; readonly checkIn: false }
  | { readonly outcome: 'out_of_scope' | 'no_match'; readonly checkIn: boolean; readonly confidence: number; readonly alternatives: readonly string[] }
  | { readonly outcome: 'clarify'; readonly checkIn: boolean; readonly confidence: number; readonly alternatives: readonly string[] }
  | { readonly outcome: 'answer'; readonly articleId: string; readonly checkIn: boolean; readonly confidence: number; readonly alternatives: readonly string[] };

/** At most this many candidates are offered when clarifying. */
const MAX_CLARIFY = 3;

export function hybridOutcome(lexical: LexicalSignals, learned: LearnedScores, t: HybridThresholds, ranked: readonly Candidate[]): HybridOutcome {
  if (lexical.escalation) return { outcome: 'escalate', reason: lexical.escalation.reason, source: 'lexicon', checkIn: false };
  const disclosure = disclosureScore(learned);
  if (disclosure >= t.disclosureHigh) return { outcome: 'escalate', reason: 'safeguarding', source: 'learned', checkIn: false };
  const legal = learned.topic.get(ESC_LEGAL_ADVICE) ?? 0;
  const thirdParty = learned.topic.get(ESC_THIRD_PARTY_DATA) ?? 0;
  if (Math.max(legal, thirdParty) >= t.escalate) {
    return { outcome: 'escalate', reason: thirdParty > legal ? 'third_party_data' : 'legal_advice', source: 'learned', checkIn: false };
  }
  const checkIn = disclosure >= t.disclosureLow;
  const top = ranked[0];
  const second = ranked[1];
  const alternatives = ranked.slice(0, 2).map((c) => c.id);
  if (lexical.outOfScope) return { outcome: 'out_of_scope', checkIn, confidence: 1, alternatives: [] };
  const { best, p } = topNonEscalation(learned);
  if (best === OUT_OF_SCOPE_CLASS && p >= (lexical.sendMarker ? t.outOfScopeSendWord : t.outOfScope))
    return { outcome: 'out_of_scope', checkIn, confidence: round(p), alternatives };
  if (best === NO_MATCH_CLASS && p >= t.noMatch) return { outcome: 'no_match', checkIn, confidence: round(p), alternatives };
  if (!top || top.score < t.minScore) {
    return { outcome: lexical.sendMarker ? 'no_match' : 'out_of_scope', checkIn, confidence: round(1 - (top?.score ?? 0)), alternatives };
  }
  const ratio = second ? second.score / top.score : 0;
  const confidence = round(top.score * (1 - ratio / 2));
  if (ratio >= t.clarifyRatio) {
    const close = ranked.filter((c) => c.score / top.score >= t.clarifyRatio).slice(0, MAX_CLARIFY);
    return { outcome: 'clarify', checkIn, confidence, alternatives: close.map((c) => c.id) };
  }
  return { outcome: 'answer', articleId: top.id, checkIn, confidence, alternatives: ranked.slice(1, 3).map((c) => c.id) };
}

function topNonEscalation(learned: LearnedScores): { best: string; p: number } {
  let best = '';
  let p = -1;
  for (const [c, v] of learned.topic) {
    if (c.startsWith('ESC_')) continue;
    if (v > p) {
      best = c;
      p = v;
    }
  }
  return { best, p };
}

/** The full result for an outcome (articles, titles, deadlines are filled in by the engine). */
export function toResult(
  o: HybridOutcome,
  byId: ReadonlyMap<string, Article>,
  extra: { alsoAnswer?: string; deadlines?: (articleId: string) => Extract<KnowledgeResult, { outcome: 'answer' }>['deadlines'] },
): KnowledgeResult {
  const checkIn = o.checkIn ? { checkIn: true as const } : {};
  switch (o.outcome) {
    case 'escalate':
      return { outcome: 'escalate', articleId: null, confidence: 1, alternatives: [], reason: o.reason, ...(extra.alsoAnswer ? { alsoAnswer: extra.alsoAnswer } : {}) };
    case 'out_of_scope':
    case 'no_match':
      return { outcome: o.outcome, articleId: null, confidence: o.confidence, alternatives: o.alternatives, ...checkIn };
    case 'clarify':
      return {
        outcome: 'clarify',
        articleId: null,
        confidence: o.confidence,
        alternatives: o.alternatives,
        candidates: o.alternatives.map((id) => ({ id, title: byId.get(id)?.title ?? id })),
        ...checkIn,
      };
    case 'answer': {
      const article = byId.get(o.articleId);
      if (!article) throw new Error(`KnowledgeBase.ask(): unknown article "${o.articleId}"`);
      const deadlines = extra.deadlines?.(o.articleId);
      return { outcome: 'answer', articleId: o.articleId, article, confidence: o.confidence, alternatives: o.alternatives, ...(deadlines ? { deadlines } : {}), ...checkIn };
    }
  }
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 1000) / 1000;
}
