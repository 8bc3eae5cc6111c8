import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { planStatusLines } from '../bot/casework/plan-status';
import type { PlanStatus } from '../bot/casework/plans';
import { identityOf, type Identity } from '../bot/identity/identity';
import { PlanRef, type Plan, type Stored } from '../bot/records';
import { formatLongDate } from '../bot/statutory';
import { cardMessage, choiceCard } from './cards';
import { parseUkDate } from './dates';
import { submissionRoute, type StartOptions, type SubmissionRoute } from './router';
import type { DialogServices } from './services';
import { VERIFY, VerifyDialog, type VerifyResult } from './verify';
import { UNRECORDED_MEETING, UnrecordedMeetingDialog, type UnrecordedOptions } from './unrecorded-meeting';

export const PLAN_STATUS = 'planStatus';
const SHOW_ACTION = 'planStatus.show';
const WHICH = 'planStatus.which';
const STEPS = 'planStatus.steps';

export const NOT_FOUND = 'I could not find a plan you can see with those details. Please check the reference, or the name and date of birth, and try again.';
const MISSED_HELP_ARTICLES = ['la_complaints', 'ombudsman'] as const;

const LEAD_IN = /^\s*(?:please\s+)?(?:check|look up|find|show|open)\s+(?:the\s+)?(?:ehc\s+plan|ehcp|plan|status)\s+(?:for|of)\s+/i;
const REF_IN_TEXT = /\bEHC[\s-]?(\d{6})\b/i;
const NAME_AND_DOB = /^\s*([\p{L}' -]+?)[\s,]+(?:born\s+|dob\s*:?\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4})\s*$/iu;

/** The reply for one plan the person may read: stage, deadlines, reviews, caseworker, and where to turn if a deadline was missed. */
export async function planStatusReply(services: DialogServices, identity: Identity, plan: Stored<Plan>): Promise<string> {
  return planStatusText(services, await services.casework.plans.status(identity, plan));
}

function planStatusText(services: DialogServices, status: PlanStatus): string {
  const { plan } = status;
  const lines = [`**${plan.id}** (${status.childName ?? 'your child'})`, ...planStatusLines(status.view)];
  lines.push(status.caseworkerName ? `The named caseworker is ${status.caseworkerName}.` : 'No caseworker has been named yet.');
  const missed = status.view.missed.length;
  if (missed > 0 && !status.forStaff) {
    const titles = MISSED_HELP_ARTICLES.map((id) => services.questions.knowledge.article(id)?.title).filter(Boolean);
    lines.push(
      `If a deadline has been missed, you can ask the council why and make a complaint. If that does not resolve it, you can go to the Local Government and Social Care Ombudsman. More: ${titles.join('; ')}.`,
    );
  }
  if (status.forStaff) lines.push(missed > 0 ? `Compliance: ${missed} statutory ${missed === 1 ? 'deadline' : 'deadlines'} missed.` : 'Compliance: no statutory deadline missed.');
  return lines.join('\n\n');
}

/**
 * "Check an EHC plan": parents (after verifying) see their own child's plan; staff look up any plan
 * their role may read, by reference, by name and date of birth, or from their caseload.
 */
export class PlanStatusDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(PLAN_STATUS);
    this.addDialog(new TextPrompt(WHICH));
    // Its own copy: a component's inner dialogs are looked up in its own set when it is re-prompted
    // (a safeguarding message mid-verification), where the root set cannot be seen.
    this.addDialog(new VerifyDialog(services));
    this.addDialog(new UnrecordedMeetingDialog(services));
    this.addDialog(new WaterfallDialog<StartOptions>(STEPS, [(s) => this.start(s), (s) => this.afterVerify(s), (s) => this.staffAnswer(s)]));
    this.initialDialogId = STEPS;
  }

  private async start(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (identity.kind === 'public') return step.beginDialog(VERIFY, { purpose: "show your child's plan" });
    return step.next({ verified: identity.kind === 'parent' } satisfies VerifyResult);
  }

  private async afterVerify(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (identity.kind === 'staff') {
      const typed = step.options.text ?? '';
      const rest = typed.replace(LEAD_IN, '');
      if (REF_IN_TEXT.test(typed) || /\bcaseload\b/i.test(typed) || NAME_AND_DOB.test(rest)) return step.next(rest);
      return step.prompt(WHICH, {
        prompt: 'Which plan? Type the plan reference (like EHC-000123), the child\'s full name and date of birth (like "Amelia Khan 14/3/2015"), or "my caseload".',
      });
    }
    const result = step.result as VerifyResult | undefined;
    if (!result?.verified || identity.kind !== 'parent') return step.endDialog();
    const plan = await this.services.casework.plans.currentForParent(identity);
    await step.context.sendActivity(
      plan ? await planStatusReply(this.services, identity, plan) : 'I could not find an EHC plan or request for your child. If you think this is wrong, contact the SEND team.',
    );
    return step.endDialog();
  }

  private async staffAnswer(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const text = String(step.result ?? '');
    const shown = await showForStaff(step, this.services, identity, text);
    // A past meeting with no record: ask about it now, for someone who may record it (quietly nothing for anyone else).
    if (shown?.view.unrecordedMeeting) return step.beginDialog(UNRECORDED_MEETING, { planRef: shown.plan.id, quiet: true } satisfies UnrecordedOptions);
    return step.endDialog();
  }
}

/** Shows the plan the text names (or the caseload); returns the status shown, if one plan was. */
async function showForStaff(dc: DialogContext, services: DialogServices, identity: Identity, text: string): Promise<PlanStatus | undefined> {
  const ref = REF_IN_TEXT.exec(text);
  if (ref) return showPlan(dc, services, identity, await services.casework.plans.find(identity, `EHC-${ref[1]}`));
  if (/\bcaseload\b/i.test(text)) {
    await showCaseload(dc, services, identity);
    return undefined;
  }
  const named = NAME_AND_DOB.exec(text);
  if (named) {
    const dob = parseUkDate(named[2]!, services.clock.today());
    if (!dob.ok) {
      await dc.context.sendActivity(dob.message);
      return undefined;
    }
    return showPlan(dc, services, identity, await services.casework.plans.byNameAndDob(identity, named[1]!.trim(), dob.date));
  }
  await dc.context.sendActivity('I could not tell which plan you meant. Choose "Look up a plan" and type a reference like EHC-000123.');
  return undefined;
}

async function showPlan(dc: DialogContext, services: DialogServices, identity: Identity, plan: Stored<Plan> | undefined): Promise<PlanStatus | undefined> {
  if (!plan) {
    await dc.context.sendActivity(NOT_FOUND);
    return undefined;
  }
  const status = await services.casework.plans.status(identity, plan);
  await dc.context.sendActivity(planStatusText(services, status));
  return status;
}

async function showCaseload(dc: DialogContext, services: DialogServices, identity: Identity): Promise<void> {
  const plans = await services.casework.plans.caseload(identity);
  if (!plans) {
    await dc.context.sendActivity('Only caseworkers and team managers have a caseload here.');
    return;
  }
  if (plans.length === 0) {
    await dc.context.sendActivity('There are no plans on your caseload. Type a plan reference like EHC-000123 to look one up.');
    return;
  }
  const shown = plans.slice(0, 12);
  const text = `You have ${plans.length} ${plans.length === 1 ? 'plan' : 'plans'} on your caseload. Choose one to see its status${plans.length > shown.length ? ` (showing the first ${shown.length})` : ''}.`;
  await dc.context.sendActivity(
    cardMessage(
      text,
      choiceCard({
        heading: 'Your caseload',
        lines: [text],
        buttons: shown.map((p) => ({ title: `${p.id} (${statusWord(p)})`, data: { action: SHOW_ACTION, planRef: p.id } })),
      }),
    ),
  );
}

function statusWord(plan: Plan): string {
  switch (plan.status) {
    case 'requested':
      return 'request';
    case 'assessing':
      return 'assessment';
    case 'draft_issued':
      return 'draft plan';
    case 'final_issued':
      return plan.keyDates.lastReviewMeeting ? `reviewed ${formatLongDate(plan.keyDates.lastReviewMeeting)}` : 'final plan';
    case 'ceased':
      return 'ended';
  }
}

/** The caseload card's buttons: show one plan (checked again by the guard, so a forged reference shows nothing). */
export function planStatusSubmissions(services: DialogServices): SubmissionRoute[] {
  return [
    submissionRoute(SHOW_ACTION, z.object({ action: z.literal(SHOW_ACTION), planRef: PlanRef }).strict(), async (dc, data) => {
      const identity = identityOf(dc.context);
      if (identity.kind !== 'staff') {
        await dc.context.sendActivity(NOT_FOUND);
        return;
      }
      const shown = await showPlan(dc, services, identity, await services.casework.plans.find(identity, data.planRef));
      if (shown?.view.unrecordedMeeting) {
        await dc.cancelAllDialogs();
        await dc.beginDialog(UNRECORDED_MEETING, { planRef: shown.plan.id, quiet: true } satisfies UnrecordedOptions);
      }
    }),
  ];
}
