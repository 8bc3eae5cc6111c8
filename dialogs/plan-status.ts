import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { conversationOf } from '../bot/channels/turn-state';
import { AccessDeniedError } from '../bot/identity/access';
import { identityOf, type Identity } from '../bot/identity/identity';
import { normaliseName } from '../bot/identity/verification';
import { PlanRef, type Plan, type Stored } from '../bot/records';
import { formatLongDate } from '../bot/statutory';
import { cardMessage, choiceCard } from './cards';
import { parseUkDate } from './dates';
import { planStatusLines, planStatusView } from './plan-status-view';
import { submissionRoute, type StartOptions, type SubmissionRoute } from './router';
import type { DialogServices } from './services';
import { VERIFY, VerifyDialog, type VerifyResult } from './verify';

export const PLAN_STATUS = 'planStatus';
const SHOW_ACTION = 'planStatus.show';
const WHICH = 'planStatus.which';
const STEPS = 'planStatus.steps';

export const NOT_FOUND = 'I could not find a plan you can see with those details. Please check the reference, or the name and date of birth, and try again.';
const MISSED_HELP_ARTICLES = ['la_complaints', 'ombudsman'] as const;

const LEAD_IN = /^\s*(?:please\s+)?(?:check|look up|find|show|open)\s+(?:the\s+)?(?:ehc\s+plan|ehcp|plan|status)\s+(?:for|of)\s+/i;
const REF_IN_TEXT = /\bEHC[\s-]?(\d{6})\b/i;
const NAME_AND_DOB = /^\s*([\p{L}' -]+?)[\s,]+(?:born\s+|dob\s*:?\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4})\s*$/iu;

/** Finds and shows plans, through the access guard (which audits every look). */
export class PlanLookup {
  constructor(private readonly services: DialogServices) {}

  /** The plan by reference, if this person may read it; denials and unknown references look the same. */
  async byRef(identity: Identity, ref: string): Promise<Stored<Plan> | undefined> {
    const plan = await this.services.records.plans.find(ref);
    try {
      await this.services.guard.authorize(identity, 'plan.read', {
        recordRef: ref,
        ...(plan ? { childId: plan.childId, ...(plan.caseworkerId ? { caseworkerId: plan.caseworkerId } : {}) } : {}),
      });
    } catch (error) {
      if (error instanceof AccessDeniedError) return undefined;
      throw error;
    }
    return plan;
  }

  /** Staff lookup by the child's name and date of birth. */
  async byNameAndDob(identity: Identity, name: string, dateOfBirth: string): Promise<Stored<Plan> | undefined> {
    const wanted = normaliseName(name).split(' ');
    const children = await this.services.records.children.withDateOfBirth(dateOfBirth);
    const child = children.find((c) => wanted[0] === normaliseName(c.givenName).split(' ')[0] && wanted.at(-1) === normaliseName(c.familyName).split(' ').at(-1));
    if (!child) {
      await this.services.guard.authorize(identity, 'plan.read', {}).catch(() => undefined);
      return undefined;
    }
    const plans = await this.services.records.plans.forChild(child.id);
    const current = latest(plans);
    return current ? this.byRef(identity, current.id) : undefined;
  }

  /** The reply for one plan the person may read. */
  async reply(identity: Identity, plan: Stored<Plan>): Promise<string> {
    const { records, today } = this.services;
    const [reviews, caseworker, child] = await Promise.all([
      records.reviews.forPlan(plan.id, plan.childId),
      plan.caseworkerId ? records.staff.find(plan.caseworkerId) : Promise.resolve(undefined),
      records.children.find(plan.childId),
    ]);
    const view = planStatusView(plan, reviews, today());
    const staff = identity.kind === 'staff';
    const who = child ? (staff ? `${child.givenName} ${child.familyName}` : child.givenName) : 'your child';
    const lines = [`**${plan.id}** (${who})`, ...planStatusLines(view)];
    lines.push(caseworker ? `The named caseworker is ${caseworker.displayName}.` : 'No caseworker has been named yet.');
    if (view.missed.length > 0 && !staff) {
      const titles = MISSED_HELP_ARTICLES.map((id) => this.services.questions.knowledge.article(id)?.title).filter(Boolean);
      lines.push(
        `If a deadline has been missed, you can ask the council why and make a complaint. If that does not resolve it, you can go to the Local Government and Social Care Ombudsman. More: ${titles.join('; ')}.`,
      );
    }
    if (staff) {
      lines.push(
        view.missed.length > 0
          ? `Compliance: ${view.missed.length} statutory ${view.missed.length === 1 ? 'deadline' : 'deadlines'} missed.`
          : 'Compliance: no statutory deadline missed.',
      );
    }
    return lines.join('\n\n');
  }
}

function latest(plans: readonly Stored<Plan>[]): Stored<Plan> | undefined {
  const open = plans.filter((p) => p.status !== 'ceased');
  return [...(open.length > 0 ? open : plans)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

/**
 * "Check an EHC plan": parents (after verifying) see their own child's plan; staff look up any plan
 * their role may read, by reference, by name and date of birth, or from their caseload.
 */
export class PlanStatusDialog extends ComponentDialog {
  private readonly lookup: PlanLookup;

  constructor(private readonly services: DialogServices) {
    super(PLAN_STATUS);
    this.lookup = new PlanLookup(services);
    this.addDialog(new TextPrompt(WHICH));
    // Its own copy: a component's inner dialogs are looked up in its own set when it is re-prompted
    // (a safeguarding message mid-verification), where the root set cannot be seen.
    this.addDialog(new VerifyDialog(services));
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
    const verified = conversationOf(step.context).verified;
    if (!result?.verified || !verified) return step.endDialog();
    const parent: Identity = { kind: 'parent', actorId: verified.contactId, contactKind: verified.contactKind, childIds: verified.childIds, channel: 'web_chat', userKey: verified.userKey };
    const plans = (await Promise.all(verified.childIds.map((id) => this.services.records.plans.forChild(id)))).flat();
    const current = latest(plans);
    const plan = current ? await this.lookup.byRef(parent, current.id) : undefined;
    await step.context.sendActivity(plan ? await this.lookup.reply(parent, plan) : 'I could not find an EHC plan or request for your child. If you think this is wrong, contact the SEND team.');
    return step.endDialog();
  }

  private async staffAnswer(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const text = String(step.result ?? '');
    await showForStaff(step, this.services, this.lookup, identity, text);
    return step.endDialog();
  }
}

async function showForStaff(dc: DialogContext, services: DialogServices, lookup: PlanLookup, identity: Identity, text: string): Promise<void> {
  const ref = REF_IN_TEXT.exec(text);
  if (ref) {
    const plan = await lookup.byRef(identity, `EHC-${ref[1]}`);
    await dc.context.sendActivity(plan ? await lookup.reply(identity, plan) : NOT_FOUND);
    return;
  }
  if (/\bcaseload\b/i.test(text)) {
    await showCaseload(dc, services, identity);
    return;
  }
  const named = NAME_AND_DOB.exec(text);
  if (named) {
    const dob = parseUkDate(named[2]!, services.today());
    if (!dob.ok) {
      await dc.context.sendActivity(dob.message);
      return;
    }
    const plan = await lookup.byNameAndDob(identity, named[1]!.trim(), dob.date);
    await dc.context.sendActivity(plan ? await lookup.reply(identity, plan) : NOT_FOUND);
    return;
  }
  await dc.context.sendActivity('I could not tell which plan you meant. Choose "Look up a plan" and type a reference like EHC-000123.');
}

async function showCaseload(dc: DialogContext, services: DialogServices, identity: Identity): Promise<void> {
  try {
    await services.guard.authorize(identity, 'plan.caseload');
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    await dc.context.sendActivity('Only caseworkers and team managers have a caseload here.');
    return;
  }
  const plans = identity.kind === 'staff' ? await services.records.plans.caseload(identity.actorId) : [];
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
  const lookup = new PlanLookup(services);
  return [
    submissionRoute(SHOW_ACTION, z.object({ action: z.literal(SHOW_ACTION), planRef: PlanRef }).strict(), async (dc, data) => {
      const identity = identityOf(dc.context);
      if (identity.kind !== 'staff') {
        await dc.context.sendActivity(NOT_FOUND);
        return;
      }
      const plan = await lookup.byRef(identity, data.planRef);
      await dc.context.sendActivity(plan ? await lookup.reply(identity, plan) : NOT_FOUND);
    }),
  ];
}
