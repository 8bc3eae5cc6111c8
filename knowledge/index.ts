/**
 * Public API of the knowledge base: free text in, one of five outcomes out.
 *
 *   const kb = await loadKnowledgeBase();
 *   const result = kb.ask('request went in on 3 February 2026, when is the final plan due?');
 *   // { outcome: 'answer', articleId: 'final_plan_20_weeks', deadlines: {...}, ... }
 *
 * Order of checks: escalate (safeguarding, legal advice, third-party data) → out of scope →
 * search → answer / clarify / no_match by calibrated thresholds.
 */
import { ARTICLES_DIR, loadArticles } from './loader';
import { createKnowledgeBase } from './engine';
import type { KnowledgeBase } from './types';

export type {
  AnswerResult,
  AskOptions,
  ClarifyResult,
  Deadline,
  DeadlineSet,
  EscalateResult,
  EscalationReason,
  KnowledgeBase,
  KnowledgeResult,
  NoMatchResult,
  OutOfScopeResult,
  Outcome,
} from './types';
export { OUTCOMES } from './types';
export { CALIBRATED_THRESHOLDS, createKnowledgeBase, type Thresholds } from './engine';
export { redactPersonalData } from './redact';
export { detectEscalation, isOutOfScope } from './guards';

export interface LoadKnowledgeBaseOptions {
  /** Folder of article Markdown files; defaults to knowledge/articles. */
  readonly dir?: string;
  /** Today's date (YYYY-MM-DD), used to warn about overdue article reviews. */
  readonly today?: string;
  /** Receives non-fatal loader warnings (e.g. an article review is overdue). */
  readonly onWarning?: (warning: string) => void;
}

/** Loads and validates the articles, then builds the knowledge base. Throws KnowledgeLoadError on invalid articles. */
export async function loadKnowledgeBase(options: LoadKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const { articles, warnings } = await loadArticles(options.dir ?? ARTICLES_DIR, options.today);
  for (const w of warnings) options.onWarning?.(w);
  return createKnowledgeBase(articles);
}
