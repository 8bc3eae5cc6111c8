import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { identityOf } from '../bot/identity/identity';
import type { ComplaintCategory } from '../bot/records';
import { childButtonNames, linkChildQuestion, pickedChild, planContentNote } from './complaint-cards';
import { choiceOptions, choicePrompt, choiceQuestion, confirmCard, contactPrompt, textPrompt } from './form';
import type { DialogServices } from './services';

export const COMPLAINT = 'complaint';
/** The knowledge article on appealing to the SEND Tribunal, cited for complaints about what a plan says. */
export const APPEALS_ARTICLE = 'tribunal_appeals';

const CATEGORIES: readonly (readonly [string, ComplaintCategory])[] = [
  ['A delay', 'delay'],
  ['Help in the plan not delivered', 'provision_not_delivered'],
  ['Communication', 'communication'],
  ['What the EHC plan says', 'plan_content'],
  ['Something else', 'other'],
];
const CONTACT_WAYS = ['Email', 'Phone'] as const;
const CONFIRM = ['Send complaint', 'Cancel'] as const;

interface ComplaintState {
  key: string;
  category?: ComplaintCategory;
  happened?: string;
  outcome?: string;
  childId?: string;
  /** The first name shown on the confirm card for a verified parent's linked child. */
  childName?: string;
  /** The children offered to a verified parent (ids and button names, same order). */
  offered?: { ids: string[]; names: string[] };
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
    this.addDialog(
      choicePrompt(
        P.category,
        CATEGORIES.map(([label]) => label),
      ),
    );
    this.addDialog(textPrompt(P.happened, { min: 10, max: 2000, what: 'what happened' }));
    this.addDialog(textPrompt(P.outcome, { min: 3, max: 1000, what: 'what you would like to happen' }));
    this.addDialog(choicePrompt(P.link));
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
      prompt: choiceQuestion(
        'What is your complaint about?',
        CATEGORIES.map(([label]) => label),
        ['You do not need to sign in to complain. We will ask how to contact you.'],
      ),
    });
  }

  private async askHappened(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const category = CATEGORIES.find(([label]) => label === step.result)?.[1] ?? 'other';
    this.state(step).category = category;
    if (category === 'plan_content') {
      await step.context.sendActivity(planContentNote(this.services.questions.knowledge.article(APPEALS_ARTICLE)));
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
      const children = await this.services.casework.complaints.linkableChildren(identity);
      if (children.length === 0) return step.next(undefined);
      const names = childButtonNames(children);
      this.state(step).offered = { ids: children.map((c) => c.id), names };
      const { question, options } = linkChildQuestion(names);
      return step.prompt(P.link, choiceOptions(question, options, ['Linking your child helps the council find their records. You do not have to.']));
    }
    if (identity.kind === 'staff') {
      return step.prompt(P.plan, { prompt: 'Which plan is this complaint about? Type the reference (like EHC-000123), or "none".' });
    }
    return step.next(undefined);
  }

  private async readLink(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    const state = this.state(step);
    if (identity.kind === 'parent' && state.offered) {
      const i = pickedChild(state.offered.names, step.result);
      const childId = i === undefined ? undefined : state.offered.ids[i];
      if (i !== undefined && childId && (await this.services.casework.complaints.mayLinkChild(identity, childId))) {
        state.childId = childId;
        state.childName = state.offered.names[i];
      }
    } else if (identity.kind === 'staff' && typeof step.result === 'string' && !/^none$/i.test(step.result.trim())) {
      const linked = /^EHC-\d{6}$/i.test(step.result.trim()) ? await this.services.casework.complaints.linkablePlan(identity, step.result) : undefined;
      if (linked) {
        state.childId = linked.childId;
        state.planRef = linked.planRef;
      } else {
        await step.context.sendActivity('I could not link that plan, so the complaint will not be linked to a child. You can still carry on.');
      }
    }
    return step.next(undefined);
  }

  private async askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const staff = identityOf(step.context).kind === 'staff';
    return step.prompt(P.name, { prompt: staff ? 'What is the name of the person making the complaint?' : 'What is your name?' });
  }

  private async askWay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.state(step).name = String(step.result);
    const staff = identityOf(step.context).kind === 'staff';
    return step.prompt(P.way, { prompt: choiceQuestion(`How should the council contact ${staff ? 'them' : 'you'} about this complaint?`, CONTACT_WAYS) });
  }

  private async askAddress(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.way = step.result === 'Phone' ? 'phone' : 'email';
    const whose = identityOf(step.context).kind === 'staff' ? 'their' : 'your';
    return state.way === 'email'
      ? step.prompt(P.address, { prompt: `What is ${whose} email address?` })
      : step.prompt(`${P.address}.phone`, { prompt: `What is ${whose} phone number?` });
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
          ...(state.planRef ? ([['Plan', state.planRef]] as const) : state.childId ? ([['Child', state.childName ?? 'your child']] as const) : []),
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
    const { first, result } = this.services.casework.complaints.submit(identityOf(step.context), {
      category: state.category ?? 'other',
      happened: state.happened ?? '',
      outcome: state.outcome ?? '',
      ...(state.childId ? { childId: state.childId } : {}),
      name: state.name ?? 'Not given',
      way: state.way ?? 'email',
      address: state.address ?? '',
      key: state.key,
    });
    const { ref, reply } = await result;
    await step.context.sendActivity(first ? reply.join('\n\n') : `This complaint has already been sent. The reference is ${ref}.`);
    return step.endDialog({ ref });
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
