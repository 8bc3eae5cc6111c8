import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { identityOf } from '../bot/identity/identity';
import { cardMessage, choiceCard } from './cards';
import { ANSWER_ACTION, choicePrompt, choiceQuestion, confirmCard, contactPrompt, parsedPrompt, textPrompt } from './form';
import type { DialogServices } from './services';
import { SENDIAS_MAX_AGE } from '../bot/casework/enquiries';

export const CONTACT_SENDIAS = 'contactSendias';

const YES_NO = ['Yes', 'No'] as const;
const CONTACT_WAYS = ['Email', 'Phone'] as const;
const CONFIRM = ['Send to SENDIAS', 'Cancel'] as const;

interface EnquiryState {
  key: string;
  need?: string;
  outOfSchool?: boolean;
  /** Optional: the child's first name and age, as the parent gave them ("Sam, 9"). */
  child?: string;
  name?: string;
  way?: 'email' | 'phone';
  address?: string;
}

const P = {
  need: 'sendias.need',
  consent: 'sendias.consent',
  outOfSchool: 'sendias.outOfSchool',
  child: 'sendias.child',
  name: 'sendias.name',
  way: 'sendias.way',
  email: 'sendias.email',
  phone: 'sendias.phone',
  confirm: 'sendias.confirm',
} as const;

/**
 * "Contact SENDIAS": a parent or young person says what they need, agrees to be contacted, and an
 * enquiry goes to the SENDIAS queue. SENDIAS is at arm's length from the council: nothing in an
 * enquiry is visible to council staff (the access table gives the queue to SENDIAS advisers only).
 */
export class ContactSendiasDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(CONTACT_SENDIAS);
    this.addDialog(textPrompt(P.need, { min: 10, max: 2000, what: 'what you need help with' }));
    this.addDialog(choicePrompt(P.consent, YES_NO));
    this.addDialog(choicePrompt(P.outOfSchool, YES_NO));
    this.addDialog(parsedPrompt(P.child, childDetails));
    this.addDialog(textPrompt(P.name, { min: 2, max: 100, what: 'your name' }));
    this.addDialog(choicePrompt(P.way, CONTACT_WAYS));
    this.addDialog(contactPrompt(P.email, () => 'email'));
    this.addDialog(contactPrompt(P.phone, () => 'phone'));
    this.addDialog(choicePrompt(P.confirm, CONFIRM));
    this.addDialog(
      new WaterfallDialog(`${CONTACT_SENDIAS}.steps`, [
        (s) => this.askNeed(s),
        (s) => this.askConsent(s),
        (s) => this.askOutOfSchool(s),
        (s) => this.askChild(s),
        (s) => this.askName(s),
        (s) => this.askWay(s),
        (s) => this.askAddress(s),
        (s) => this.askConfirm(s),
        (s) => this.create(s),
      ]),
    );
    this.initialDialogId = `${CONTACT_SENDIAS}.steps`;
  }

  private state(step: WaterfallStepContext): EnquiryState {
    const values = step.values as Partial<EnquiryState>;
    values.key ??= `enquiry-${randomUUID()}`;
    return values as EnquiryState;
  }

  private async askNeed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step);
    const identity = identityOf(step.context);
    if (identity.kind === 'staff') {
      await step.context.sendActivity(
        `SENDIAS is for parents, carers and young people. To refer a family, give them the SENDIAS details: ${this.services.council.sendiasEmail}, ${this.services.council.sendiasPhone}.`,
      );
      return step.endDialog();
    }
    return step.prompt(P.need, {
      prompt:
        'SENDIAS gives free, impartial and confidential advice about SEND. It is separate from the council’s SEND team. ' +
        'What would you like help with? Please do not include anything you would not want an adviser to read.',
    });
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).need = String(step.result);
    return step.prompt(P.consent, {
      prompt: choiceQuestion('Can SENDIAS keep what you have told me and contact you about it?', YES_NO, ['Only SENDIAS advisers will see it. The council’s SEND team will not.']),
    });
  }

  private async askOutOfSchool(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== 'Yes') {
      await step.context.sendActivity(
        `OK, I have not sent anything to SENDIAS and nothing you typed has been kept. You can call them on ${this.services.council.sendiasPhone} or email ${this.services.council.sendiasEmail}.`,
      );
      return step.endDialog();
    }
    return step.prompt(P.outOfSchool, { prompt: choiceQuestion('Is your child out of school at the moment, or excluded?', YES_NO) });
  }

  private async askChild(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).outOfSchool = step.result === 'Yes';
    const question = 'If you like, tell me your child’s first name and age, like "Sam, 9". You do not have to.';
    return step.prompt(P.child, {
      prompt: cardMessage(`${question} Type "skip" to leave it out.`, choiceCard({ heading: question, buttons: [{ title: SKIP, data: { action: ANSWER_ACTION, value: SKIP } }] })),
    });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const child = childDetails(String(step.result));
    if (child.ok && child.value) this.state(step).child = child.value;
    return step.prompt(P.name, { prompt: 'What is your name?' });
  }

  private async askWay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).name = String(step.result);
    return step.prompt(P.way, { prompt: choiceQuestion('How should SENDIAS contact you?', CONTACT_WAYS) });
  }

  private async askAddress(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.way = step.result === 'Phone' ? 'phone' : 'email';
    return state.way === 'email' ? step.prompt(P.email, { prompt: 'What is your email address?' }) : step.prompt(P.phone, { prompt: 'What is your phone number?' });
  }

  private async askConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.address = String(step.result);
    return step.prompt(P.confirm, {
      prompt: confirmCard(
        'Check before you send this to SENDIAS',
        [
          ['What you need', state.need && state.need.length > 300 ? `${state.need.slice(0, 299)}…` : (state.need ?? '')],
          ['Out of school or excluded', state.outOfSchool ? 'Yes' : 'No'],
          ...(state.child ? ([['Your child', state.child]] as const) : []),
          ['Name', state.name ?? ''],
          [state.way === 'phone' ? 'Phone' : 'Email', state.address],
        ],
        CONFIRM[0],
      ),
    });
  }

  private async create(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== CONFIRM[0]) {
      await step.context.sendActivity('OK, I have not sent anything to SENDIAS. Nothing was saved.');
      return step.endDialog();
    }
    const state = this.state(step);
    const need = state.need ?? '';
    const { first, result } = this.services.casework.enquiries.contact(
      identityOf(step.context),
      {
        name: state.name ?? 'Not given',
        way: state.way ?? 'email',
        address: state.address ?? '',
        need,
        ...(state.child ? { child: state.child } : {}),
        outOfSchool: state.outOfSchool ?? false,
        key: state.key,
      },
      // So an adviser's reply can come back into this conversation while it is open.
      TurnContext.getConversationReference(step.context.activity),
    );
    const { ref, lines } = await result;
    await step.context.sendActivity(first ? lines.join('\n\n') : `This message has already gone to SENDIAS. The reference is ${ref}.`);
    return step.endDialog({ ref });
  }
}

const SKIP = 'Skip';

/**
 * The optional child's name and age: a skip word means none; otherwise a name of up to three words
 * (letters, hyphens, apostrophes) and an optional age in years (0 to 25), at most 60 characters.
 */
export function childDetails(text: string): { ok: true; value?: string } | { ok: false; message: string } {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^(skip|no|none|no thanks|n\/a|-)$/i.test(t)) return { ok: true };
  if (t.length > 60) return { ok: false, message: 'Please keep it short: just a first name and an age, like "Sam, 9". Or type "skip".' };
  if (!/^[\p{L}][\p{L}'-]{0,24}(?: [\p{L}][\p{L}'-]{0,24}){0,2}(?:,? ?(?:aged? )?\d{1,2}(?: ?(?:years? old|yrs?|y\/o))?)?$/iu.test(t)) {
    return { ok: false, message: 'Please type a first name and an age, like "Sam, 9", or type "skip".' };
  }
  const age = /(\d{1,2})/.exec(t)?.[1];
  if (age !== undefined && Number(age) > SENDIAS_MAX_AGE)
    return { ok: false, message: `SENDIAS helps with children and young people up to ${SENDIAS_MAX_AGE}. Please check the age, or type "skip".` };
  return { ok: true, value: t };
}
