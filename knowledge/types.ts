import type { Article } from './schema';
import type { EscalationReason } from './guards';

export type { EscalationReason } from './guards';

/** The five things the knowledge base can do with a question. */
export type Outcome = 'answer' | 'clarify' | 'no_match' | 'escalate' | 'out_of_scope';

export const OUTCOMES: readonly Outcome[] = ['answer', 'clarify', 'no_match', 'escalate', 'out_of_scope'];

/** A statutory date worked out from a date in the question, e.g. "Final EHC plan due" → 2026-06-23. */
export interface Deadline {
  /** Plain-English label, e.g. "Final EHC plan due". */
  readonly label: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
}

export interface DeadlineSet {
  /** The date found in the question (ISO) and what it was taken to be, e.g. "request received". */
  readonly from: { readonly date: string; readonly meaning: string };
  readonly deadlines: readonly Deadline[];
}

interface ResultBase {
  /**
   * 0..1. For answer and clarify: strength × (1 − runner-up ratio / 2), where strength is the
   * IDF-weighted share of the question's words found in the best article and the ratio is the
   * runner-up's score over the best. For no_match: the strength. For escalate and rule-based
   * out_of_scope: 1.
   */
  readonly confidence: number;
  /** Candidate ids for clarify; runners-up otherwise (best first, may be empty). */
  readonly alternatives: readonly string[];
  /**
   * The disclosure detector was unsure: the message may be about someone at risk. The reply starts
   * with a short, kind check-in (who to call if anyone is in danger), then answers as usual.
   */
  readonly checkIn?: true;
}

export interface AnswerResult extends ResultBase {
  readonly outcome: 'answer';
  readonly articleId: string;
  readonly article: Article;
  /** Present when the question gave a date and asked when something is due. */
  readonly deadlines?: DeadlineSet;
}

export interface ClarifyResult extends ResultBase {
  readonly outcome: 'clarify';
  readonly articleId: null;
  /** The same ids as `alternatives`, with titles so a dialog can offer them as choices. */
  readonly candidates: readonly { readonly id: string; readonly title: string }[];
}

export interface NoMatchResult extends ResultBase {
  readonly outcome: 'no_match';
  readonly articleId: null;
}

export interface EscalateResult extends ResultBase {
  readonly outcome: 'escalate';
  readonly articleId: null;
  readonly reason: EscalationReason;
  /**
   * A SEND article that answers the rest of the message, to show after the safety contacts or
   * signposting ("she has been cutting herself and the school won't do an EHCP assessment").
   * Never replaces the escalation; absent when the message asks nothing the articles answer.
   */
  readonly alsoAnswer?: string;
}

export interface OutOfScopeResult extends ResultBase {
  readonly outcome: 'out_of_scope';
  readonly articleId: null;
}

export type KnowledgeResult = AnswerResult | ClarifyResult | NoMatchResult | EscalateResult | OutOfScopeResult;

export interface AskOptions {
  /** Today's date (YYYY-MM-DD) for reading relative dates such as "last Tuesday". Defaults to the real date. */
  readonly today?: string;
}

/**
 * Whether a message may be about someone at risk, for any message (also one typed as an answer
 * inside a guided dialog): 'escalate' (the safety contacts, now), 'check_in' (the detector is
 * unsure: a short, kind check-in first), or null.
 */
export type SafetyScreen = 'escalate' | 'check_in' | null;

/** What dialogs depend on. Framework-free; swap in a fake in tests. */
export interface KnowledgeBase {
  ask(question: string, options?: AskOptions): KnowledgeResult;
  /** The safeguarding screen alone (the lexicon and the disclosure detector), without answering. */
  /** `inTask`: the message answers a question of the assistant's inside a task (its own, higher check-in threshold). */
  screen(message: string, options?: { readonly inTask?: boolean }): SafetyScreen;
  /** Looks an article up by id, e.g. to answer a clarify choice. */
  article(id: string): Article | undefined;
  readonly size: number;
}
