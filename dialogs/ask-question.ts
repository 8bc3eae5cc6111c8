import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { KnowledgeBase, KnowledgeResult } from '../knowledge/types';
import type { FeedbackEntry } from '../knowledge/feedback-store';
import type { UsageEvent } from '../bot/usage';
import { knowledgeReply, type CouncilContacts } from './knowledge-replies';

export const ASK_QUESTION = 'askQuestion';

export interface AskQuestionOptions {
  /** A question already typed; the dialog then answers without asking. */
  readonly question?: string;
}

export interface AskQuestionResult {
  readonly outcome: KnowledgeResult['outcome'];
  readonly articleId: string | null;
}

/** What answering needs: the knowledge base, today's date, the council's contacts, and where unanswered questions go. */
export interface QuestionServices {
  readonly knowledge: KnowledgeBase;
  readonly council: CouncilContacts;
  readonly today: () => string;
  readonly recordFeedback: (entry: FeedbackEntry) => Promise<void>;
  /** Counts each question's outcome and each "was this helpful" answer, without the words. */
  readonly usage?: (event: UsageEvent) => void;
}

/** Answers a question with the knowledge base and sends the reply. Used by the dialog and by free text. */
export async function answerQuestion(context: TurnContext, question: string, services: QuestionServices): Promise<KnowledgeResult> {
  const result = services.knowledge.ask(question, { today: services.today() });
  services.usage?.({ kind: 'question', outcome: result.outcome });
  await context.sendActivity(knowledgeReply(result, (id) => services.knowledge.article(id), services.council, question));
  if (result.outcome === 'no_match' || result.outcome === 'clarify') {
    const nearest = result.alternatives[0];
    await services.recordFeedback({ kind: 'unanswered', question, outcome: result.outcome, ...(nearest ? { nearest } : {}) });
  }
  return result;
}

const QUESTION_PROMPT = 'askQuestion.text';
const STEPS = 'askQuestion.steps';

/** "Ask a question about SEND": asks for the question (unless given), then answers it. */
export class AskQuestionDialog extends ComponentDialog {
  constructor(private readonly services: QuestionServices) {
    super(ASK_QUESTION);
    this.addDialog(new TextPrompt(QUESTION_PROMPT));
    this.addDialog(new WaterfallDialog<AskQuestionOptions>(STEPS, [(step) => this.askStep(step), (step) => this.answerStep(step)]));
    this.initialDialogId = STEPS;
  }

  private async askStep(step: WaterfallStepContext<AskQuestionOptions>): Promise<DialogTurnResult> {
    if (step.options.question) return step.next(step.options.question);
    return step.prompt(QUESTION_PROMPT, {
      prompt: 'What would you like to know? Type your question in your own words, for example "how long does an EHC needs assessment take?"',
    });
  }

  private async answerStep(step: WaterfallStepContext<AskQuestionOptions>): Promise<DialogTurnResult> {
    const question = typeof step.result === 'string' ? step.result : '';
    const result = await answerQuestion(step.context, question, this.services);
    const summary: AskQuestionResult = { outcome: result.outcome, articleId: result.articleId };
    return step.endDialog(summary);
  }
}
