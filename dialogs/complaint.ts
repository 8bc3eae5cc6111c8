import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationOf } from '../bot/channels/turn-state';
import { identityOf, type Identity } from '../bot/identity/identity';
import { deadlinesOf, type ComplaintCategory } from '../bot/records';
import { sendReceipt } from '../bot/notify';
import { formatLongDate } from '../bot/statutory';
import { choicePrompt, choiceQuestion, confirmCard, contactPrompt, textPrompt } from './form';
import type { DialogServices } from './services';

export const COMPLAINT = 'complaint';

const CATEGORIES: readonly (readonly [string, ComplaintCategory])[] = [
  ['A delay', 'delay'],
  ['Help in the plan not delivered', 'provision_not_delivered'],
  ['Communication', 'communication'],
  ['What the EHC plan says', 'plan_content'],
  ['Something else', 'other'],
];
const YES_NO = ['Yes', 'No'] as const;
const CONTACT_WAYS = ['Email', 'Phone'] as const;
const CONFIRM = ['Send complaint', 'Cancel'] as const;

interface ComplaintState {
  key: string;
  category?: ComplaintCategory;
  happened?: string;
  outcome?: string;
  childId?: string;
  planRef?: string;
  name?: string;
  way?: 'email' | 'phone';
  address?: string;
}

const P = {
  category: 'complaint.category',
  happened: 'complaint.happened',
  outcome: 'complaint.outcome',
  link: 'complaint.link',
  plan: 'complaint.plan',
  name: 'complaint.name',
  way: 'complaint.way',
  address: 'complaint.address',
  confirm: 'complaint.confirm',
} as const;

/**
 * "Make a complaint": anyone may complain, without verifying, but must give contact details. A
 * verified parent may link their own child, staff a plan they may act on; the guard checks both.
 */
export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(COMPLAINT);
    this.addDialog(choicePrompt(P.category, CATEGORIES.map(([label]) => label)));
    this.addDialog(textPrompt(P.happened, { min: 10, max: 2000, what: 'what happened' }));
    this.addDialog(textPrompt(P.outcome, { min: 3, max: 1000, what: 'what you would like to happen' }));
    this.addDialog(choicePrompt(P.link, YES_NO));
    this.addDialog(textPrompt(P.plan, { min: 2, max: 20, what: 'the plan reference' }));
    this.addDialog(textPrompt(P.name, { min: 2, max: 100, what: 'your name' }));
    this.addDialog(choicePrompt(P.way, CONTACT_WAYS));
    this.addDialog(contactPrompt(P.address, () => 'email'));
    this.addDialog(contactPrompt(`${P.address}.phone`, () => 'phone'));
    this.addDialog(choicePrompt(P.confirm, CONFIRM));
    this.addDialog(
      new WaterfallDialog(`${COMPLAINT}.steps`, [
        (s) => this.askCategory(s),
        (s) => this.askHappened(s),
        (s) => this.askOutcome(s),
        (s) => this.askLink(s),
        (s) => this.readLink(s),
        (s) => this.askName(s),
        (s) => this.askWay(s),
        (s) => this.askAddress(s),
        (s) => this.askConfirm(s),
        (s) => this.create(s),
      ]),
    );
    this.initialDialogId = `${COMPLAINT}.steps`;
  }

  private state(step: WaterfallStepContext): ComplaintState {
    const values = step.values as Partial<ComplaintState>;
    values.key ??= `complaint-${randomUUID()}`;
    return values as ComplaintState;
  }

  private async askCategory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step);
    return step.prompt(P.category, {
      prompt: choiceQuestion('What is your complaint about?', CATEGORIES.map(([label]) => label), ['You do not need to sign in to complain. We will ask how to contact you.']),
    });
  }

  private async askHappened(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const category = CATEGORIES.find(([label]) => label === step.result)?.[1] ?? 'other';
    this.state(step).category = category;
    if (category === 'plan_content') {
      const article = this.services.questions.knowledge.article('tribunal_appeals');
      await step.context.sendActivity(
        'If you disagree with what an EHC plan says (sections B, F or I, or the school named), you can appeal to the SEND Tribunal. ' +
          'A complaint cannot change a plan, but you can still complain about how the council handled it. ' +
          `More: ${article?.title ?? 'Appealing to the SEND Tribunal'}.`,
      );
    }
    return step.prompt(P.happened, { prompt: 'What happened? Please include dates if you know them.' });
  }

  private async askOutcome(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).happened = String(step.result);
    return step.prompt(P.outcome, { prompt: 'What would you like the council to do to put things right?' });
  }

  private async askLink(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).outcome = String(step.result);
    const identity = identityOf(step.context);
    if (identity.kind === 'parent') {
      return step.prompt(P.link, { prompt: choiceQuestion('Is this complaint about your child whose details you gave when you verified?', YES_NO) });
    }
    if (identity.kind === 'staff') {
      return step.prompt(P.plan, { prompt: 'Which plan is this complaint about? Type the reference (like EHC-000123), or "none".' });
    }
    return step.next(undefined);
  }

  private async readLink(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const state = this.state(step);
    if (identity.kind === 'parent' && step.result === 'Yes') {
      const childId = conversationOf(step.context).verified?.childIds[0];
      if (childId && (await this.mayLink(identity, childId))) state.childId = childId;
    } else if (identity.kind === 'staff' && typeof step.result === 'string' && !/^none$/i.test(step.result.trim())) {
      const ref = step.result.trim().toUpperCase();
      const plan = /^EHC-\d{6}$/.test(ref) ? await this.services.records.plans.find(ref) : undefined;
      if (plan && (await this.mayLink(identity, plan.childId, plan.caseworkerId, plan.id))) {
        state.childId = plan.childId;
        state.planRef = plan.id;
      } else {
        await step.context.sendActivity('I could not link that plan, so the complaint will not be linked to a child. You can still carry on.');
      }
    }
    return step.next(undefined);
  }

  private async mayLink(identity: Identity, childId: string, caseworkerId?: string, recordRef?: string): Promise<boolean> {
    return this.services.guard.allows(identity, 'complaint.link_child', { childId, ...(caseworkerId ? { caseworkerId } : {}), ...(recordRef ? { recordRef } : {}) });
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (identity.kind === 'staff') return step.next(identity.name);
    return step.prompt(P.name, { prompt: 'What is your name?' });
  }

  private async askWay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).name = String(step.result);
    return step.prompt(P.way, { prompt: choiceQuestion('How should the council contact you about this complaint?', CONTACT_WAYS) });
  }

  private async askAddress(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.way = step.result === 'Phone' ? 'phone' : 'email';
    return state.way === 'email'
      ? step.prompt(P.address, { prompt: 'What is your email address?' })
      : step.prompt(`${P.address}.phone`, { prompt: 'What is your phone number?' });
  }

  private async askConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.address = String(step.result);
    const category = CATEGORIES.find(([, c]) => c === state.category)?.[0] ?? 'Something else';
    return step.prompt(P.confirm, {
      prompt: confirmCard(
        'Check your complaint before you send it',
        [
          ['About', category],
          ['What happened', truncate(state.happened ?? '', 300)],
          ['What you want', truncate(state.outcome ?? '', 200)],
          ...(state.planRef ? ([['Plan', state.planRef]] as const) : state.childId ? ([['Child', 'your child']] as const) : []),
          ['Name', state.name ?? ''],
          [state.way === 'phone' ? 'Phone' : 'Email', state.address],
        ],
        CONFIRM[0],
      ),
    });
  }

  private async create(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== CONFIRM[0]) {
      await step.context.sendActivity('OK, I have not sent your complaint. Nothing was saved.');
      return step.endDialog();
    }
    const state = this.state(step);
    const identity = identityOf(step.context);
    const today = this.services.today();
    const complaint = await this.services.records.complaints.create(
      {
        category: state.category ?? 'other',
        ...(state.childId ? { childId: state.childId } : {}),
        summary: `${state.happened}\n\nOutcome wanted: ${state.outcome}`.slice(0, 4000),
        received: today,
        contact: {
          name: state.name ?? 'Not given',
          ...(state.way === 'phone' ? { phone: state.address } : { email: state.address }),
          ...(identity.kind === 'parent' ? { contactId: identity.actorId } : {}),
        },
        contactPreference: state.way ?? 'email',
        channel: identity.channel,
      },
      { idempotencyKey: state.key },
    );
    await this.services.guard.recordDone(identity, 'complaint.create', { recordRef: complaint.id, ...(complaint.childId ? { childId: complaint.childId } : {}) });
    const due = deadlinesOf(complaint);
    const lines = [
      `Your complaint has been sent. Your reference is ${complaint.id}.`,
      `The council must acknowledge it by ${formatLongDate(due.acknowledgeBy)} and send you a full response by ${formatLongDate(due.respondBy)}.`,
      'What happens next: a complaints officer will look into it and may contact you for more details. If it needs longer, they must tell you why and give a new date.',
      'If you are not happy with the response, you can ask for it to go to stage 2 of the council’s complaints procedure. After that, you can complain to the Local Government and Social Care Ombudsman (www.lgo.org.uk).',
    ];
    const sentBy = await sendReceipt(
      this.services.notifier,
      { ...(state.way === 'phone' ? { phone: state.address } : { email: state.address }), preferredContact: state.way ?? 'email' },
      { subject: `Your complaint ${complaint.id}`, body: `${lines.join('\n\n')}\n\n${this.services.council.name}`, sms: `${lines[0]} ${lines[1]}`, reference: complaint.id },
    );
    if (sentBy) lines.push(`We have sent a copy to your ${sentBy === 'email' ? 'email address' : 'phone'}.`);
    await step.context.sendActivity(lines.join('\n\n'));
    return step.endDialog({ ref: complaint.id });
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
