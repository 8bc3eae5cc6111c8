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
import { loadLearnedModel, MODEL_FILE } from './learned/store';
import { articlesHash } from './learned/training';
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
  /** Ask a few sample questions after building, so the first real question is not slow (default true). */
  readonly warmUp?: boolean;
  /**
   * The learned layer's model file (default knowledge/model/learned-model.json, used with the
   * default articles); `false` for the lexical search alone.
   */
  readonly model?: string | false;
}

/**
 * Questions that exercise every path once (dates, escalation, out of scope, search), so that
 * regular expressions are compiled and hot code is optimised before the first real question.
 */
const WARM_UP_QUESTIONS = [
  'request went in on 3 February 2026, when is the final plan due?',
  'review meeting was on 5/3/2026, when is the report due?',
  'my son says he wants to kill himself',
  'how do I pay council tax',
  "im his uncle, can you send me Jake Smith's EHCP",
  'should I accept the offer or will I lose at tribunal',
  'how long do i have to apeal to the tribnal, my email is a@b.com',
  'what is an ehcp',
];

/** Loads and validates the articles, then builds the knowledge base. Throws KnowledgeLoadError on invalid articles. */
export async function loadKnowledgeBase(options: LoadKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const { articles, warnings } = await loadArticles(options.dir ?? ARTICLES_DIR, options.today);
  for (const w of warnings) options.onWarning?.(w);
  const modelFile = options.model ?? (options.dir === undefined ? MODEL_FILE : false);
  const learned = modelFile ? await loadLearnedModel(modelFile) : undefined;
  if (learned && learned.model.meta.articlesHash !== articlesHash(articles)) {
    options.onWarning?.('the learned model was trained on other versions of the articles: run `npm run kb:train`');
  }
  const kb = createKnowledgeBase(articles, undefined, learned ? { model: learned.model, thresholds: learned.thresholds } : undefined);
  if (options.warmUp ?? true) for (const q of WARM_UP_QUESTIONS) kb.ask(q, { today: '2026-03-01' });
  return kb;
}
