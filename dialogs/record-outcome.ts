import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { identityOf, type Identity } from '../bot/identity/identity';
import { ConflictError, InvalidStateError, ValidationError, type Attendance, type Review, type ReviewOutcome, type Stored } from '../bot/records';
import { daysBetween, formatLongDate, reviewMeetingDeadlines } from '../bot/statutory';
import { parseUkDate } from './dates';
import { choicePrompt, choiceQuestion, textPrompt } from './form';
import { NOT_FOUND } from './plan-status';
import { planChoiceQuestion, type PlanButton } from './review-cards';
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
  held?: string;
  attendance?: Attendance[];
  report?: string;
  decision?: ReviewOutcome;
}

const STAFF_ONLY = 'Only the council’s SEND caseworkers and managers can record review outcomes.';

/** A meeting waiting for an outcome: booked for today or earlier, or held with no decision yet. */
export function isAwaitingOutcome(review: Pick<Review, 'status' | 'proposedDate' | 'laDecision'>, today: string): boolean {
  return ((review.status === 'booked' || review.status === 'rescheduled') && review.proposedDate <= today) || (review.status === 'held' && !review.laDecision);
}

/**
 * Who came, as invitee numbers (1-based): "1, 2 4", "all" or "none". Undefined when a number is
 * outside 1..count or the text is not a list of numbers.
 */
export function parseAttendance(text: string, count: number): number[] | undefined {
  const value = text.trim().toLowerCase();
  if (/^(none|nobody|no one)$/.test(value)) return [];
  if (/^(all|everyone|everybody)$/.test(value)) return Array.from({ length: count }, (_, i) => i + 1);
  if (!/^\d+(\s*(,|and|\s)\s*\d+)*$/.test(value)) return undefined;
  const numbers = [...new Set((value.match(/\d+/g) ?? []).map(Number))];
  if (numbers.some((n) => n < 1 || n > count)) return undefined;
  return numbers.sort((a, b) => a - b);
}

const P = {
  plan: 'recordOutcome.plan',
  held: 'recordOutcome.held',
  attended: 'recordOutcome.attended',
  report: 'recordOutcome.report',
  decision: 'recordOutcome.decision',
  decided: 'recordOutcome.decided',
} as const;

/** Steps of the review process, each with its legal deadline, and whether it was late. */
export function lateSteps(review: Pick<Review, 'dueDate' | 'meetingHeld' | 'reportReceived' | 'laDecision'>, today: string): string[] {
  if (!review.meetingHeld) return [];
  const d = reviewMeetingDeadlines(review.meetingHeld);
  const lines: string[] = [];
  const late = (what: string, due: string, done: string | undefined, source: string): void => {
    const on = done ?? today;
    const days = daysBetween(due, on);
    if (days <= 0) lines.push(`${what}: due by ${formatLongDate(due)}, ${done ? `done on ${formatLongDate(done)}, on time` : 'not due yet'}.`);
    else lines.push(`${what}: due by ${formatLongDate(due)}, ${done ? `done on ${formatLongDate(done)},` : 'not done yet,'} ${days} ${days === 1 ? 'day' : 'days'} late (${source}).`);
  };
  late('Meeting held', review.dueDate, review.meetingHeld, 'Children and Families Act 2014, section 44(1)');
  late('Review report', d.reportBy, review.reportReceived, 'SEND Regulations 2014, regulation 20(7)');
  late('Council decision', d.decisionBy, review.laDecision?.decidedOn, 'SEND Regulations 2014, regulation 20(10)');
  if (review.laDecision?.decision === 'amend') lines.push(`Final amended plan: due by ${formatLongDate(d.finalAmendedPlanBy)} (SEND Regulations 2014, regulation 22(3)).`);
  return lines;
}

/** Staff record that a review meeting was held, who came, the report and the council's decision. */
export class RecordOutcomeDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(RECORD_OUTCOME);
    const pastDate = (id: string, optional: boolean) =>
      new TextPrompt(id, async (prompt) => {
        const value = (prompt.recognized.value ?? '').trim();
        if (optional && /^(not yet|no|none|skip)$/i.test(value)) return true;
        const parsed = parseUkDate(value, this.services.today());
        const notBefore = (prompt.options.validations as { notBefore?: string } | undefined)?.notBefore;
        if (parsed.ok && notBefore && parsed.date < notBefore) {
          await prompt.context.sendActivity(`That is before the meeting on ${formatLongDate(notBefore)}. Please give a date on or after it.`);
          return false;
        }
        if (parsed.ok && parsed.date <= this.services.today()) {
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
    this.addDialog(choicePrompt(P.decision, DECISIONS.map(([label]) => label)));
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
    if (!(await this.services.guard.allows(identity, 'review.record_outcome'))) {
      await step.context.sendActivity(STAFF_ONLY);
      return step.endDialog();
    }
    const typed = /\bEHC[\s-]?(\d{6})\b/i.exec(step.options.text ?? '');
    if (typed) return step.next(`EHC-${typed[1]}`);
    const waiting = await this.caseloadButtons(identity);
    if (waiting.length > 0) {
      return step.prompt(P.plan, {
        prompt: planChoiceQuestion('Which review meeting do you want to record? These meetings on your caseload are waiting for an outcome.', waiting, 'Or type a plan reference, like EHC-000123.'),
      });
    }
    return step.prompt(P.plan, { prompt: 'Which plan was the review meeting for? Type the reference, like EHC-000123.' });
  }

  /** A caseworker's meetings waiting for an outcome, oldest first (at most 8). */
  private async caseloadButtons(identity: Identity): Promise<PlanButton[]> {
    if (identity.kind !== 'staff' || !(await this.services.guard.allows(identity, 'plan.caseload'))) return [];
    const mine = new Set((await this.services.records.plans.caseload(identity.actorId)).map((p) => p.id));
    if (mine.size === 0) return [];
    const today = this.services.today();
    const reviews = await this.services.records.reviews.list({ statuses: ['booked', 'rescheduled', 'held'] });
    return reviews
      .filter((r) => mine.has(r.planRef) && isAwaitingOutcome(r, today))
      .sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))
      .slice(0, 8)
      .map((r) => ({ ref: r.planRef, label: `${r.planRef}: meeting ${r.status === 'held' ? 'held' : 'booked for'} ${formatLongDate(r.meetingHeld ?? r.proposedDate)}` }));
  }

  private async findMeeting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const ref = String(step.result ?? '').trim().toUpperCase().replace(/^EHC\s*-?\s*/, 'EHC-');
    const plan = /^EHC-\d{6}$/.test(ref) ? await this.services.records.plans.find(ref) : undefined;
    if (!plan || !(await this.allowed(identity, plan.childId, plan.caseworkerId, plan.id))) {
      await step.context.sendActivity(NOT_FOUND);
      return step.endDialog();
    }
    const reviews = await this.services.records.reviews.forPlan(plan.id, plan.childId);
    const open = reviews
      .filter((r) => r.status === 'booked' || r.status === 'rescheduled' || (r.status === 'held' && !r.laDecision))
      .sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))[0];
    if (!open) {
      await step.context.sendActivity(`There is no review meeting waiting for an outcome on ${plan.id}. Book the meeting first, then record it here.`);
      return step.endDialog();
    }
    const state = this.state(step);
    state.planRef = plan.id;
    state.reviewId = open.id;
    if (open.status === 'held') {
      state.held = open.meetingHeld;
      await step.context.sendActivity(`The meeting on ${formatLongDate(open.meetingHeld!)} is already recorded as held. Now the decision.`);
      return step.next(undefined);
    }
    return step.prompt(P.held, { prompt: `The meeting for ${plan.id} was booked for ${formatLongDate(open.proposedDate)}. On what date was it held?` });
  }

  private async askAttendance(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.held) return step.next(undefined);
    state.held = String(step.result);
    const review = await this.review(state);
    const list = review.invitees.map((i, n) => `${n + 1}. ${i.name}`).join('\n');
    return step.prompt(P.attended, { prompt: `Who came? Type the numbers, like 1, 2, 4, or "all" or "none".\n\n${list}`, validations: { count: review.invitees.length } });
  }

  private async askReport(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (typeof step.result === 'string') {
      const review = await this.review(state);
      const picked = new Set(step.result.split(',').filter((n) => n !== '').map(Number));
      state.attendance = review.invitees.map((i, n) => ({ role: i.role, name: i.name, attended: picked.has(n + 1) }));
      return step.prompt(P.report, { prompt: 'On what date did the council receive the review report? Type the date, or "not yet".', validations: { notBefore: state.held } });
    }
    return step.next(undefined);
  }

  private async askDecision(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (typeof step.result === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(step.result)) state.report = step.result;
    return step.prompt(P.decision, { prompt: choiceQuestion('What did the council decide?', DECISIONS.map(([label]) => label)) });
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
    const identity = identityOf(step.context);
    const by = identity.actorId;
    const { records } = this.services;
    try {
      let review = await this.review(state);
      if (review.status !== 'held') {
        review = await records.reviews.recordHeld(review, { on: state.held!, by, attendance: state.attendance ?? [] });
        const plan = await records.plans.get(review.planRef);
        await records.plans.recordReviewMeeting(plan, state.held!);
      }
      if (state.report && !review.reportReceived) review = await records.reviews.recordReportReceived(review, { on: state.report, by });
      if (state.decision && typeof step.result === 'string') review = await records.reviews.recordDecision(review, { on: step.result, by, decision: state.decision });
      await this.services.guard.recordDone(identity, 'review.record_outcome', { childId: review.childId, recordRef: review.id });
      const lines = [`Recorded for ${review.planRef}: meeting held on ${formatLongDate(review.meetingHeld!)}.`, ...lateSteps(review, this.services.today())];
      await step.context.sendActivity(lines.join('\n\n'));
    } catch (error) {
      if (!(error instanceof InvalidStateError || error instanceof ValidationError || error instanceof ConflictError)) throw error;
      await step.context.sendActivity('Sorry, I could not record all of that: the meeting record has changed since you started, or a date does not fit (for example a decision before the meeting). Please start again to see what is recorded now.');
    }
    return step.endDialog();
  }

  private async review(state: OutcomeState): Promise<Stored<Review>> {
    return this.services.records.reviews.get(state.reviewId as never);
  }

  private async allowed(identity: Identity, childId: string, caseworkerId: string | undefined, recordRef: string): Promise<boolean> {
    return this.services.guard.allows(identity, 'review.record_outcome', { childId, ...(caseworkerId ? { caseworkerId } : {}), recordRef });
  }
}
