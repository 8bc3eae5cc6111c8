import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { identityOf } from '../bot/identity/identity';
import type { Invitee, ReviewOutcome } from '../bot/records';
import { formatLongDate } from '../bot/statutory';
import { parseUkDate } from './dates';
import { parseAttendance } from './review-answers';
import { choicePrompt, choiceQuestion, textPrompt } from './form';
import { NOT_FOUND } from './plan-status';
import { planChoiceQuestion } from './review-cards';
import { alreadyText } from './unrecorded-meeting';
import type { StartOptions } from './router';
import type { DialogServices } from './services';

export const RECORD_OUTCOME = 'recordOutcome';

const DECISIONS: readonly (readonly [string, ReviewOutcome | undefined])[] = [
  ['Keep the plan as it is (maintain)', 'maintain'],
  ['Change the plan (amend)', 'amend'],
  ['End the plan (cease)', 'cease'],
  ['Not decided yet', undefined],
];

interface OutcomeState {
  planRef?: string;
  reviewId?: string;
  invitees?: Invitee[];
  /** Set when the meeting was already recorded as held. */
  alreadyHeld?: boolean;
  bookedOn?: string;
  held?: string;
  attended?: number[];
  report?: string;
  decision?: ReviewOutcome;
}

const STAFF_ONLY = 'Only the council’s SEND caseworkers and managers can record review outcomes.';

const P = {
  plan: 'recordOutcome.plan',
  held: 'recordOutcome.held',
  attended: 'recordOutcome.attended',
  report: 'recordOutcome.report',
  decision: 'recordOutcome.decision',
  decided: 'recordOutcome.decided',
} as const;

/** Staff record that a review meeting was held, who came, the report and the council's decision. */
export class RecordOutcomeDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(RECORD_OUTCOME);
    const pastDate = (id: string, optional: boolean) =>
      new TextPrompt(id, async (prompt) => {
        const value = (prompt.recognized.value ?? '').trim();
        if (optional && /^(not yet|no|none|skip)$/i.test(value)) return true;
        const parsed = parseUkDate(value, this.services.clock.today());
        const { notBefore, after } = (prompt.options.validations as { notBefore?: string; after?: string } | undefined) ?? {};
        if (parsed.ok && notBefore && parsed.date < notBefore) {
          await prompt.context.sendActivity(`That is before ${after ?? 'the meeting'} on ${formatLongDate(notBefore)}. Please give a date on or after it.`);
          return false;
        }
        if (parsed.ok && parsed.date <= this.services.clock.today()) {
          prompt.recognized.value = parsed.date;
          return true;
        }
        await prompt.context.sendActivity(parsed.ok ? 'That date is in the future. Please give the date it happened.' : parsed.message);
        return false;
      });
    this.addDialog(textPrompt(P.plan, { min: 3, max: 20, what: 'the plan reference' }));
    this.addDialog(pastDate(P.held, false));
    this.addDialog(
      new TextPrompt(P.attended, async (prompt) => {
        const count = (prompt.options.validations as { count?: number } | undefined)?.count ?? 0;
        const picked = parseAttendance(prompt.recognized.value ?? '', count);
        if (picked) {
          prompt.recognized.value = picked.join(',');
          return true;
        }
        await prompt.context.sendActivity(`Please type the numbers of the people who came, from 1 to ${count}, like 1, 2, 4. Or type "all" or "none".`);
        return false;
      }),
    );
    this.addDialog(pastDate(P.report, true));
    this.addDialog(
      choicePrompt(
        P.decision,
        DECISIONS.map(([label]) => label),
      ),
    );
    this.addDialog(pastDate(P.decided, false));
    this.addDialog(
      new WaterfallDialog<StartOptions>(`${RECORD_OUTCOME}.steps`, [
        (s) => this.askPlan(s),
        (s) => this.findMeeting(s),
        (s) => this.askAttendance(s),
        (s) => this.askReport(s),
        (s) => this.askDecision(s),
        (s) => this.askDecisionDate(s),
        (s) => this.save(s),
      ]),
    );
    this.initialDialogId = `${RECORD_OUTCOME}.steps`;
  }

  private state(step: WaterfallStepContext): OutcomeState {
    return step.values as OutcomeState;
  }

  private async askPlan(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    // The role comes first (a refusal is audited by the guard); the plan is checked once it is known.
    if (!(await this.services.casework.reviews.mayRecordOutcomes(identity))) {
      await step.context.sendActivity(STAFF_ONLY);
      return step.endDialog();
    }
    const typed = /\bEHC[\s-]?(\d{6})\b/i.exec(step.options.text ?? '');
    if (typed) return step.next(`EHC-${typed[1]}`);
    const waiting = await this.services.casework.reviews.awaitingOutcome(identity);
    if (waiting.length > 0) {
      return step.prompt(P.plan, {
        prompt: planChoiceQuestion(
          'Which review meeting do you want to record? These meetings on your caseload are waiting for an outcome.',
          waiting,
          'Or type a plan reference, like EHC-000123.',
        ),
      });
    }
    return step.prompt(P.plan, { prompt: 'Which plan was the review meeting for? Type the reference, like EHC-000123.' });
  }

  private async findMeeting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const opened = await this.services.casework.reviews.openForOutcome(identityOf(step.context), String(step.result ?? ''));
    if (opened.kind === 'not_found') {
      await step.context.sendActivity(NOT_FOUND);
      return step.endDialog();
    }
    if (opened.kind === 'nothing_waiting') {
      await step.context.sendActivity(`There is no review meeting waiting for an outcome on ${opened.planRef}. Book the meeting first, then record it here.`);
      return step.endDialog();
    }
    const state = this.state(step);
    state.planRef = opened.planRef;
    state.reviewId = opened.reviewId;
    state.invitees = [...opened.invitees];
    state.bookedOn = opened.bookedOn;
    if (opened.held) {
      state.held = opened.held;
      state.alreadyHeld = true;
      await step.context.sendActivity(`The meeting on ${formatLongDate(opened.held)} is already recorded as held. Now the decision.`);
      return step.next(undefined);
    }
    return step.prompt(P.held, {
      prompt: `The meeting for ${opened.planRef} was booked for ${formatLongDate(opened.proposedDate)}. On what date was it held?`,
      validations: { notBefore: opened.bookedOn, after: 'the day the meeting was booked' },
    });
  }

  private async askAttendance(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.alreadyHeld) return step.next(undefined);
    state.held = String(step.result);
    const invitees = state.invitees ?? [];
    const list = invitees.map((i, n) => `${n + 1}. ${i.name}`).join('\n');
    return step.prompt(P.attended, { prompt: `Who came? Type the numbers, like 1, 2, 4, or "all" or "none".\n\n${list}`, validations: { count: invitees.length } });
  }

  private async askReport(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (typeof step.result === 'string') {
      state.attended = step.result
        .split(',')
        .filter((n) => n !== '')
        .map(Number);
      return step.prompt(P.report, { prompt: 'On what date did the council receive the review report? Type the date, or "not yet".', validations: { notBefore: state.held } });
    }
    return step.next(undefined);
  }

  private async askDecision(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (typeof step.result === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(step.result)) state.report = step.result;
    return step.prompt(P.decision, {
      prompt: choiceQuestion(
        'What did the council decide?',
        DECISIONS.map(([label]) => label),
      ),
    });
  }

  private async askDecisionDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const decision = DECISIONS.find(([label]) => label === step.result)?.[1];
    if (!decision) return step.next(undefined);
    state.decision = decision;
    return step.prompt(P.decided, { prompt: 'On what date was the decision made and sent to the family?', validations: { notBefore: state.held } });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const decided = state.decision && typeof step.result === 'string' ? { decision: state.decision, on: step.result } : undefined;
    const result = await this.services.casework.reviews.recordOutcome(identityOf(step.context), {
      reviewId: state.reviewId!,
      held: state.held!,
      attended: state.attended ?? [],
      ...(state.report ? { reportReceived: state.report } : {}),
      ...(decided ? { decision: decided } : {}),
    });
    if (result.kind === 'recorded') {
      await step.context.sendActivity([`Recorded for ${result.review.planRef}: meeting held on ${formatLongDate(result.review.meetingHeld!)}.`, ...result.steps].join('\n\n'));
    } else if (result.kind === 'denied') {
      await step.context.sendActivity(NOT_FOUND);
    } else {
      // Someone else recorded it meanwhile: say who; otherwise a date did not fit.
      const now = await this.services.casework.unrecorded.open(identityOf(step.context), state.planRef!, state.reviewId);
      await step.context.sendActivity(
        now.kind === 'none' && now.change
          ? alreadyText(now.change)
          : 'Sorry, I could not record all of that: a date does not fit (for example a decision before the meeting). Nothing has been changed. Please start again.',
      );
    }
    return step.endDialog();
  }
}
