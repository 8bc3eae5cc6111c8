/**
 * SENDIAS triage in Teams: the advisers' queue ("show the queue"), one enquiry with its actions
 * (assign to me, reassign, note, reply to the family, priority details, close), and the family's
 * answer back. The rules, the eTag checks and the deliveries are in bot/casework/enquiries.ts;
 * here are the strict card submissions and the replies. Only SENDIAS advisers; council staff never.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { ActionResult, EnquiryView } from '../bot/casework/enquiries';
import { identityOf, userKeyFor, userKeyOf, type Identity } from '../bot/identity/identity';
import { EnquiryOutcome } from '../bot/records/enquiries';
import { EnquiryRef, IsoDate, StaffId } from '../bot/records/common';
import { OneStepDialog } from './one-step';
import { submissionRoute, type SubmissionRoute } from './router';
import { textPrompt } from './form';
import type { QueueFilter } from '../bot/casework/enquiries';
import { enquiryMessage } from './enquiry-card';
import { SENDIAS_ACTIONS, queueMessage } from './sendias-cards';
import type { DialogServices } from './services';

/** The queue dialog's id is the action of its menu button and of the queue's filter buttons (dialogs/index.ts). */
export const SENDIAS_QUEUE = SENDIAS_ACTIONS.queue;
export const SENDIAS_FAMILY_REPLY = 'sendiasFamilyReplyDialog';

export const REFUSAL = 'Sorry, the SENDIAS enquiries queue is only for SENDIAS advisers. SENDIAS is separate from the council’s SEND team.';
const NOT_FOUND = 'I could not find an enquiry with that reference in the SENDIAS queue. Nothing has changed.';
const FAMILY_NOT_FOUND = 'I could not find an enquiry you can reply to from this chat. You can contact SENDIAS again from the menu.';

function filterFromText(text: string | undefined): QueueFilter {
  const t = (text ?? '').toLowerCase();
  if (/\bunassigned\b/.test(t)) return 'unassigned';
  if (/\boverdue\b|\blate\b/.test(t)) return 'overdue';
  if (/\b(mine|my)\b/.test(t)) return 'mine';
  return 'open';
}

function enquiryCard(services: DialogServices, me: Identity, view: EnquiryView, intro?: string) {
  return enquiryMessage({
    item: view.item,
    names: view.names,
    advisers: view.advisers,
    me: me.actorId,
    council: services.council,
    webChatOpen: view.webChatOpen,
    ...(intro ? { intro } : {}),
  });
}

/** Says what an adviser's action came to: the refusal, a short answer, or the enquiry's fresh card. */
async function reply(dc: DialogContext, services: DialogServices, result: ActionResult): Promise<void> {
  const me = identityOf(dc.context);
  switch (result.kind) {
    case 'denied':
      await dc.context.sendActivity(REFUSAL);
      return;
    case 'not_found':
      await dc.context.sendActivity(NOT_FOUND);
      return;
    case 'unchanged':
      await dc.context.sendActivity(result.text);
      return;
    case 'stale':
    case 'done':
      await dc.context.sendActivity(enquiryCard(services, me, result.view, result.text));
  }
}

/** "show the queue": one step, the list. */
export class SendiasQueueDialog extends OneStepDialog {
  constructor(services: DialogServices) {
    super(SENDIAS_QUEUE, async (context, options) => {
      const me = identityOf(context);
      const filter = (options as { filter?: QueueFilter }).filter ?? filterFromText(options.text);
      const queue = await services.casework.enquiries.queue(me, filter);
      return queue ? queueMessage({ filter, items: queue.items, names: queue.names, me: me.actorId, council: services.council }) : REFUSAL;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Card submissions
// ---------------------------------------------------------------------------------------------

const Etag = z.string().min(1).max(200);
const Bool = z.enum(['true', 'false']);
const Text2000 = z.string().max(2000);
const OptionalDate = z.union([z.literal(''), IsoDate]).optional();

const OpenSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.open), ref: EnquiryRef }).strict();
const AssignMeSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.assignMe), ref: EnquiryRef, etag: Etag }).strict();
const ReassignSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.reassign), ref: EnquiryRef, etag: Etag, assignee: StaffId }).strict();
const NoteSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.note), ref: EnquiryRef, etag: Etag, note: Text2000.optional(), contacted: Bool.optional() }).strict();
const ReplySubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.reply), ref: EnquiryRef, etag: Etag, reply: Text2000.optional() }).strict();
const PrioritySubmission = z
  .object({
    action: z.literal(SENDIAS_ACTIONS.priority),
    ref: EnquiryRef,
    etag: Etag,
    safeguarding: Bool.optional(),
    outOfSchool: Bool.optional(),
    excluded: Bool.optional(),
    finalPlanOverdue: Bool.optional(),
    appealDeadline: OptionalDate,
    tribunalHearing: OptionalDate,
  })
  .strict();
const CloseSubmission = z
  .object({ action: z.literal(SENDIAS_ACTIONS.close), ref: EnquiryRef, etag: Etag, outcome: z.union([z.literal(''), EnquiryOutcome]).optional(), closeNote: Text2000.optional() })
  .strict();
const FamilyReplySubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.familyReply), ref: EnquiryRef }).strict();

const flag = (value: 'true' | 'false' | undefined): boolean | undefined => (value === undefined ? undefined : value === 'true');

/** Who is typing in this chat, for the check that only the family's own chat may answer. */
function partyOf(context: TurnContext) {
  return { conversationId: context.activity.conversation?.id ?? '', channelId: context.activity.channelId, userKey: userKeyOf(context) };
}

/** Every card submission of an enquiry, plus the family's "Reply to SENDIAS" (the queue's own buttons start the queue feature). */
export function sendiasSubmissions(services: DialogServices): SubmissionRoute[] {
  const enquiries = services.casework.enquiries;
  const me = (dc: DialogContext): Identity => identityOf(dc.context);
  return [
    submissionRoute(SENDIAS_ACTIONS.open, OpenSubmission, async (dc, data) => {
      const view = await enquiries.open(me(dc), data.ref);
      await dc.context.sendActivity(view === 'denied' ? REFUSAL : view === 'not_found' ? NOT_FOUND : enquiryCard(services, me(dc), view));
    }),

    submissionRoute(SENDIAS_ACTIONS.assignMe, AssignMeSubmission, async (dc, data) => reply(dc, services, await enquiries.assignToMe(me(dc), data))),

    submissionRoute(SENDIAS_ACTIONS.reassign, ReassignSubmission, async (dc, data) => reply(dc, services, await enquiries.reassign(me(dc), data, data.assignee))),

    submissionRoute(SENDIAS_ACTIONS.note, NoteSubmission, async (dc, data) =>
      reply(dc, services, await enquiries.addNote(me(dc), data, { note: data.note ?? '', contacted: data.contacted === 'true' })),
    ),

    submissionRoute(SENDIAS_ACTIONS.reply, ReplySubmission, async (dc, data) => reply(dc, services, await enquiries.replyToFamily(me(dc), data, data.reply ?? ''))),

    submissionRoute(SENDIAS_ACTIONS.priority, PrioritySubmission, async (dc, data) => {
      const given = {
        safeguarding: flag(data.safeguarding),
        outOfSchool: flag(data.outOfSchool),
        excluded: flag(data.excluded),
        finalPlanOverdue: flag(data.finalPlanOverdue),
        appealDeadline: data.appealDeadline,
        tribunalHearing: data.tribunalHearing,
      };
      await reply(dc, services, await enquiries.setPriority(me(dc), data, given));
    }),

    submissionRoute(SENDIAS_ACTIONS.close, CloseSubmission, async (dc, data) =>
      reply(dc, services, await enquiries.close(me(dc), data, { ...(data.outcome ? { outcome: data.outcome } : {}), note: data.closeNote ?? '' })),
    ),

    submissionRoute(SENDIAS_ACTIONS.familyReply, FamilyReplySubmission, async (dc, data) => {
      const enquiry = await enquiries.forFamily(data.ref, partyOf(dc.context), userKeyFor);
      if (!enquiry) {
        await dc.context.sendActivity(FAMILY_NOT_FOUND);
        return;
      }
      if (enquiry.status === 'closed') {
        await dc.context.sendActivity(
          `Your enquiry ${enquiry.id} is closed. If you need more help, choose "Contact SENDIAS" from the menu or call ${services.council.sendiasPhone}.`,
        );
        return;
      }
      await dc.cancelAllDialogs();
      await dc.beginDialog(SENDIAS_FAMILY_REPLY, { ref: enquiry.id });
    }),
  ];
}

const FAMILY_TEXT = 'sendias.familyReply.text';

/** The family's answer to an adviser: one question, then it is added to the enquiry. */
export class SendiasFamilyReplyDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(SENDIAS_FAMILY_REPLY);
    this.addDialog(textPrompt(FAMILY_TEXT, { min: 2, max: 2000, what: 'your message' }));
    this.addDialog(new WaterfallDialog(`${SENDIAS_FAMILY_REPLY}.steps`, [(s) => this.ask(s), (s) => this.save(s)]));
    this.initialDialogId = `${SENDIAS_FAMILY_REPLY}.steps`;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { ref } = step.options as { ref: string };
    (step.values as { ref?: string }).ref = ref;
    return step.prompt(FAMILY_TEXT, { prompt: `What would you like to tell the SENDIAS adviser about ${ref}?` });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ref = (step.values as { ref: string }).ref;
    const saved = await this.services.casework.enquiries.addFamilyMessage(identityOf(step.context), ref, partyOf(step.context), userKeyFor, String(step.result));
    if (!saved) {
      await step.context.sendActivity(`Sorry, I could not add that to your enquiry ${ref}. Please call SENDIAS on ${this.services.council.sendiasPhone}.`);
      return step.endDialog();
    }
    await step.context.sendActivity(`Thank you. I have added your message to your enquiry ${ref}. An adviser will read it and reply.`);
    return step.endDialog();
  }
}
