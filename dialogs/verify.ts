import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { waitInWords } from '../bot/limits';
import { conversationOf } from '../bot/channels/turn-state';
import { attachIdentity, identityOf, parentIdentityOf, type VerifiedParent } from '../bot/identity/identity';
import { PlanRef } from '../bot/records';
import { parseUkDate } from './dates';
import type { DialogServices } from './services';

export const VERIFY = 'verify';

export interface VerifyOptions {
  /** What the person was trying to do, e.g. "see your child's plan". */
  readonly purpose?: string;
}

export interface VerifyResult {
  readonly verified: boolean;
}

interface VerifyState {
  reference?: string;
  childName?: string;
}

const DETAILS = 'verify.details';
const DOB = 'verify.dob';
const CODE = 'verify.code';
const STEPS = 'verify.steps';
const CODE_LOOP = 'verify.codeLoop';
const step4 = (s: WaterfallStepContext): Promise<DialogTurnResult> => s.endDialog(s.result);

/**
 * Checks that a web chat user is a parent, carer or young person on record before they see
 * anything about a child: plan reference or name, date of birth, then a code sent to the contact
 * we hold. Messages never reveal whether a child or contact exists.
 */
export class VerifyDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(VERIFY);
    this.addDialog(new TextPrompt(DETAILS));
    this.addDialog(
      new TextPrompt(DOB, async (prompt) => {
        const parsed = parseUkDate(prompt.recognized.value ?? '', this.services.clock.today());
        if (parsed.ok && parsed.date <= this.services.clock.today()) return true;
        await prompt.context.sendActivity(parsed.ok ? 'That date is in the future.' : parsed.message);
        return false;
      }),
    );
    this.addDialog(new TextPrompt(CODE));
    this.addDialog(new WaterfallDialog<{ retry?: string }>(CODE_LOOP, [(s) => this.askCode(s), (s) => this.checkCode(s)]));
    this.addDialog(new WaterfallDialog<VerifyOptions>(STEPS, [(s) => this.askDetails(s), (s) => this.askDateOfBirth(s), (s) => this.sendCode(s), (s) => step4(s)]));
    this.initialDialogId = STEPS;
  }

  private state(step: WaterfallStepContext): VerifyState {
    return step.values as VerifyState;
  }

  private async askDetails(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (identity.kind !== 'public') return step.endDialog({ verified: identity.kind === 'parent' } satisfies VerifyResult);
    if (identity.channel === 'teams') {
      await step.context.sendActivity(
        `I cannot find you in the SEND team's staff list, so I can only help with general questions here. To get access, ask your team manager or email ${this.services.council.sendEmail}.`,
      );
      return step.endDialog({ verified: false } satisfies VerifyResult);
    }
    const purpose = step.options.purpose ? ` before I can ${step.options.purpose}` : '';
    return step.prompt(DETAILS, {
      prompt:
        `To keep children's information safe, I need to verify who you are${purpose}. ` + "What is your child's EHC plan reference (it looks like EHC-000123), or their full name?",
    });
  }

  private async askDateOfBirth(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const answer = String(step.result ?? '').trim();
    const ref = answer.toUpperCase().replace(/^EHC\s*-?\s*/, 'EHC-');
    const state = this.state(step);
    if (PlanRef.safeParse(ref).success) state.reference = ref;
    else if (/^[\p{L}' -]{2,100}$/u.test(answer) && answer.includes(' ')) state.childName = answer;
    else {
      await step.context.sendActivity("Please type the plan reference, like EHC-000123, or your child's first and last name.");
      return step.replaceDialog(STEPS, step.options);
    }
    return step.prompt(DOB, {
      prompt: "What is your child's date of birth? For example, 14/3/2015.",
      retryPrompt: 'Please type the date of birth, for example 14/3/2015.',
    });
  }

  private async sendCode(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const parsed = parseUkDate(String(step.result ?? ''), this.services.clock.today());
    if (!parsed.ok) return step.replaceDialog(STEPS, step.options);
    const state = this.state(step);
    const identity = identityOf(step.context);
    const outcome = await this.services.verification.request(identity.actorId, {
      ...(state.reference ? { reference: state.reference } : {}),
      ...(state.childName ? { childName: state.childName } : {}),
      dateOfBirth: parsed.date,
    });
    if (outcome.status === 'locked') {
      await step.context.sendActivity(lockedText(outcome.until));
      return step.endDialog({ verified: false } satisfies VerifyResult);
    }
    if (outcome.status === 'limited') {
      await step.context.sendActivity(
        `Sorry, you have asked for a lot of codes in a short time, so we cannot send another one yet. Please try again in ${waitInWords(outcome.retryAfterSeconds)}, or contact the SEND team.`,
      );
      return step.endDialog({ verified: false } satisfies VerifyResult);
    }
    await step.context.sendActivity(
      'If the details match our records, we have sent a 6-digit code to the email address or mobile number we hold for you. It expires in 10 minutes.',
    );
    return step.beginDialog(CODE_LOOP, {});
  }

  private async askCode(step: WaterfallStepContext<{ retry?: string }>): Promise<DialogTurnResult> {
    return step.prompt(CODE, { prompt: step.options.retry ?? 'Type the code here.' });
  }

  private async checkCode(step: WaterfallStepContext<{ retry?: string }>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const outcome = await this.services.verification.confirm(identity.actorId, String(step.result ?? ''));
    switch (outcome.status) {
      case 'verified': {
        const conversation = conversationOf(step.context);
        conversation.verified = merge(conversation.verified, outcome.verified);
        // The rest of this turn acts as the verified parent, so the dialog that asked can carry on.
        attachIdentity(step.context, parentIdentityOf(conversation.verified));
        await step.context.sendActivity('Thank you. You are verified for this conversation (for up to 12 hours).');
        return step.endDialog({ verified: true } satisfies VerifyResult);
      }
      case 'wrong':
        return step.replaceDialog(CODE_LOOP, {
          retry: `That code is not right. Please check it and try again. You have ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'try' : 'tries'} left.`,
        });
      case 'locked':
        await step.context.sendActivity(lockedText(outcome.until));
        return step.endDialog({ verified: false } satisfies VerifyResult);
      case 'expired':
        await step.context.sendActivity('That code has expired. Codes last 10 minutes. Please start again to get a new code.');
        return step.endDialog({ verified: false } satisfies VerifyResult);
      case 'used':
        await step.context.sendActivity('That code has already been used. Please start again to get a new code.');
        return step.endDialog({ verified: false } satisfies VerifyResult);
      case 'none':
        await step.context.sendActivity('I do not have a code waiting for you. Please start again.');
        return step.endDialog({ verified: false } satisfies VerifyResult);
    }
  }
}

function merge(previous: VerifiedParent | undefined, next: VerifiedParent): VerifiedParent {
  if (!previous || previous.contactId !== next.contactId || previous.userKey !== next.userKey) return next;
  return { ...next, childIds: [...new Set([...previous.childIds, ...next.childIds])], until: previous.until < next.until ? previous.until : next.until };
}

function lockedText(until: string): string {
  const time = new Date(until).toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).replace(' ', '');
  return `For your security, verification is paused after too many attempts. Please try again after ${time}. ` + 'If you need help now, contact the SEND team.';
}
