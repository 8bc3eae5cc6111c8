/**
 * SENDIAS triage in Teams: the advisers' queue ("show the queue"), one enquiry with its actions
 * (assign to me, reassign, note, reply to the family, priority details, close), replies reaching
 * the family (their web chat if it is still open, otherwise email or text), the family's answer
 * back, and a card to the SENDIAS Teams channel about each new urgent enquiry.
 *
 * Only SENDIAS advisers (access table: enquiry.queue / enquiry.update / enquiry.read); council staff
 * never. Every action is a strict card submission carrying the enquiry reference and the eTag the
 * card was drawn from; writes are conditional on that eTag, so a stale card or a race changes
 * nothing and the adviser is told what the enquiry looks like now. Rules: docs/triage.md.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { AccessDeniedError, type Action } from '../bot/identity/access';
import { identityOf, userKeyOf, type Identity } from '../bot/identity/identity';
import { addressOf } from '../bot/notify';
import { ConflictError, InvalidStateError } from '../bot/records/errors';
import { EnquiryOutcome, type Enquiry } from '../bot/records/enquiries';
import { EnquiryRef, IsoDate, StaffId } from '../bot/records/common';
import type { Stored } from '../bot/records/store';
import { englandDateOf, formatLongDate } from '../bot/statutory';
import { prioritise, triage, type Triage } from '../bot/triage';
import { submissionRoute, type StartOptions, type SubmissionRoute } from './router';
import { textPrompt } from './form';
import {
  OUTCOME_TITLES,
  QUEUE_FILTERS,
  SENDIAS_ACTIONS,
  enquiryMessage,
  familyReplyMessage,
  queueMessage,
  urgentChannelMessage,
  type AdviserNames,
  type QueueFilter,
  type TriagedEnquiry,
} from './sendias-cards';
import type { DialogServices } from './services';

export const SENDIAS_QUEUE = 'sendiasQueue';
export const SENDIAS_FAMILY_REPLY = 'sendiasFamilyReplyDialog';

export const REFUSAL = 'Sorry, the SENDIAS enquiries queue is only for SENDIAS advisers. SENDIAS is separate from the council’s SEND team.';
const NOT_FOUND = 'I could not find an enquiry with that reference in the SENDIAS queue. Nothing has changed.';
const FAMILY_NOT_FOUND = 'I could not find an enquiry you can reply to from this chat. You can contact SENDIAS again from the menu.';

type Staff = Extract<Identity, { kind: 'staff' }>;

function ackDays(services: DialogServices): number {
  return services.sendias?.ackWorkingDays ?? 2;
}

function triageOf(services: DialogServices, enquiry: Enquiry): Triage {
  return triage(enquiry, { today: services.today(), ackWorkingDays: ackDays(services) });
}

/** The check before every queue read or action; audits, and refuses anyone but an adviser. */
async function adviser(context: TurnContext, services: DialogServices, action: Action, ref?: string): Promise<Staff | undefined> {
  const identity = identityOf(context);
  try {
    await services.guard.authorize(identity, action, ref ? { recordRef: ref } : {});
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    await context.sendActivity(REFUSAL);
    return undefined;
  }
  return identity.kind === 'staff' ? identity : undefined;
}

async function advisersOf(services: DialogServices): Promise<{ list: { id: string; name: string }[]; names: AdviserNames }> {
  const staff = await services.records.staff.list({ role: 'sendias_adviser' });
  const list = staff.map((s) => ({ id: s.id, name: s.displayName }));
  return { list, names: new Map(list.map((a) => [a.id, a.name])) };
}

function filterFromText(text: string | undefined): QueueFilter {
  const t = (text ?? '').toLowerCase();
  if (/\bunassigned\b/.test(t)) return 'unassigned';
  if (/\boverdue\b|\blate\b/.test(t)) return 'overdue';
  if (/\b(mine|my)\b/.test(t)) return 'mine';
  return 'open';
}

/** The queue message for an adviser, filtered and ordered by the triage rules. */
export async function queueFor(services: DialogServices, me: Staff, filter: QueueFilter): Promise<Partial<Activity>> {
  const open = await services.records.enquiries.queue();
  const ordered = prioritise(open, { today: services.today(), ackWorkingDays: ackDays(services) });
  const items = ordered.filter(({ enquiry, triage: t }) =>
    filter === 'unassigned' ? !enquiry.assigneeId : filter === 'mine' ? enquiry.assigneeId === me.actorId : filter === 'overdue' ? t.acknowledgementOverdue : true,
  );
  const { names } = await advisersOf(services);
  return queueMessage({ filter, items, names, me: me.actorId, council: services.council });
}

async function webChatReference(services: DialogServices, ref: string): Promise<Partial<ConversationReference> | undefined> {
  return services.proactive.referenceFor(`enquiry:${ref}`);
}

async function enquiryCard(services: DialogServices, me: Staff, enquiry: Stored<Enquiry>, intro?: string): Promise<Partial<Activity>> {
  const { list, names } = await advisersOf(services);
  const item: TriagedEnquiry = { enquiry, triage: triageOf(services, enquiry) };
  const webChatOpen = (await webChatReference(services, enquiry.id)) !== undefined;
  return enquiryMessage({ item, names, advisers: list, me: me.actorId, council: services.council, webChatOpen, ...(intro ? { intro } : {}) });
}

/** "show the queue": one step, the list. */
export class SendiasQueueDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(SENDIAS_QUEUE);
    this.addDialog(new WaterfallDialog(`${SENDIAS_QUEUE}.steps`, [(step) => this.show(step)]));
    this.initialDialogId = `${SENDIAS_QUEUE}.steps`;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StartOptions & { filter?: QueueFilter };
    const me = await adviser(step.context, this.services, 'enquiry.queue');
    if (me) await step.context.sendActivity(await queueFor(this.services, me, options.filter ?? filterFromText(options.text)));
    return step.endDialog();
  }
}

// ---------------------------------------------------------------------------------------------
// Card submissions
// ---------------------------------------------------------------------------------------------

const Etag = z.string().min(1).max(200);
const Bool = z.enum(['true', 'false']);
const Text2000 = z.string().max(2000);
const OptionalDate = z.union([z.literal(''), IsoDate]).optional();

const QueueSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.queue), filter: z.enum(QUEUE_FILTERS).optional() }).strict();
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
const CloseSubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.close), ref: EnquiryRef, etag: Etag, outcome: z.union([z.literal(''), EnquiryOutcome]).optional(), closeNote: Text2000.optional() }).strict();
const FamilyReplySubmission = z.object({ action: z.literal(SENDIAS_ACTIONS.familyReply), ref: EnquiryRef }).strict();

interface ActOptions {
  /** When the enquiry is already as the adviser wants it: the reply, and nothing is written. */
  readonly already?: (current: Stored<Enquiry>) => string | undefined;
  /** The write, given the enquiry carrying the card's eTag (so Cosmos refuses a stale card). */
  readonly write: (current: Stored<Enquiry>) => Promise<Stored<Enquiry>>;
  /** What to say after the write (and do anything that follows it, such as sending a reply). */
  readonly done: (updated: Stored<Enquiry>) => Promise<string>;
}

/**
 * Runs one eTag-checked action on an enquiry: access check (audited), idempotency, conditional
 * write; on a stale card or a race, re-reads and says who has it now. Replies with the fresh card.
 */
async function act(dc: DialogContext, services: DialogServices, data: { ref: string; etag: string }, options: ActOptions): Promise<void> {
  const context = dc.context;
  const me = await adviser(context, services, 'enquiry.update', data.ref);
  if (!me) return;
  const enquiries = services.records.enquiries;
  const current = await enquiries.find(data.ref);
  if (!current) {
    await context.sendActivity(NOT_FOUND);
    return;
  }
  const already = options.already?.(current);
  if (already) {
    await context.sendActivity(already);
    return;
  }
  if (current.status === 'closed') {
    await context.sendActivity(closedText(current));
    return;
  }
  let updated: Stored<Enquiry>;
  try {
    updated = await options.write({ ...current, etag: data.etag });
  } catch (error) {
    if (!(error instanceof ConflictError) && !(error instanceof InvalidStateError)) throw error;
    const latest = (await enquiries.find(data.ref)) ?? current;
    const again = options.already?.(latest);
    if (again) {
      await context.sendActivity(again);
      return;
    }
    if (latest.status === 'closed') {
      await context.sendActivity(closedText(latest));
      return;
    }
    const { names } = await advisersOf(services);
    const who = latest.assigneeId ? `It is assigned to ${names.get(latest.assigneeId) ?? latest.assigneeId}` : 'It is not assigned';
    const intro = `${latest.id} changed after that card was sent. ${who}. Nothing has changed. Here it is now; try again if you still need to.`;
    await context.sendActivity(await enquiryCard(services, me, latest, intro));
    return;
  }
  await context.sendActivity(await enquiryCard(services, me, updated, await options.done(updated)));
}

function closedText(e: Enquiry): string {
  const on = e.closedAt ? ` on ${formatLongDate(englandDateOf(new Date(e.closedAt)))}` : '';
  return `${e.id} was closed${on}. Nothing has changed.`;
}

/** Tells a staff member in their personal chat (if they installed the app), without personal data. */
async function tellStaff(services: DialogServices, staffId: string, purpose: string, text: string): Promise<void> {
  const reference = await services.proactive.referenceFor(`staff:${staffId}`);
  if (reference) await services.proactive.send(purpose, reference, { type: 'message', text });
}

/**
 * Sends an adviser's reply: into the family's web chat when we still have that conversation,
 * otherwise by email or text message to the contact. Returns how it went.
 */
export async function deliverReply(services: DialogServices, enquiry: Enquiry, text: string): Promise<'web_chat' | 'email' | 'sms' | 'pending' | 'none'> {
  const reference = await webChatReference(services, enquiry.id);
  if (reference) {
    const result = await services.proactive.send(`enquiry-reply:${enquiry.id}`, reference, familyReplyMessage(enquiry.id, text));
    if (result === 'sent') return 'web_chat';
    if (result === 'pending') return 'pending';
  }
  const address = addressOf({ ...enquiry.contact, preferredContact: enquiry.contactPreference });
  if (!address) return 'none';
  const body = `A SENDIAS adviser has replied about your enquiry ${enquiry.id}:\n\n${text}\n\nTo answer, reply to this message or call SENDIAS on ${services.council.sendiasPhone}.`;
  await services.notifier.send(
    address.kind === 'email'
      ? { kind: 'email', to: address.to, subject: `SENDIAS: a reply about ${enquiry.id}`, body, reference: enquiry.id }
      : { kind: 'sms', to: address.to, body, reference: enquiry.id },
  );
  return address.kind;
}

const DELIVERY_TEXT: Readonly<Record<string, string>> = {
  web_chat: 'It has appeared in their web chat.',
  email: 'It has gone to them by email.',
  sms: 'It has gone to them by text message.',
  pending: 'Their web chat is not answering; it will be sent again automatically.',
  none: 'There is no email or phone number to send it to: please contact them another way.',
};

/** Records how the last adviser message was delivered (best effort, re-reading on a clash). */
async function recordDelivery(services: DialogServices, ref: string, delivery: 'web_chat' | 'email' | 'sms' | 'pending' | 'none'): Promise<Stored<Enquiry> | undefined> {
  for (let i = 0; i < 3; i++) {
    const e = await services.records.enquiries.find(ref);
    if (!e?.messages?.length) return e;
    const messages = [...e.messages];
    const lastAdviser = messages.map((m) => m.from).lastIndexOf('adviser');
    if (lastAdviser < 0) return e;
    messages[lastAdviser] = { ...messages[lastAdviser]!, delivery };
    try {
      return await services.records.enquiries.store.replace({ ...e, messages, updatedAt: services.now().toISOString() }, e.etag, 'sendiasQueue.recordDelivery()');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return undefined;
}

/**
 * A new urgent enquiry: a card to the SENDIAS Teams channel (once per enquiry). Skipped, with an
 * info log and no personal data, when the channel is not configured.
 */
export async function notifyIfUrgent(services: DialogServices, enquiry: Stored<Enquiry>): Promise<'not_urgent' | 'not_configured' | 'already_sent' | 'sent' | 'pending' | 'failed'> {
  const t = triageOf(services, enquiry);
  if (t.level !== 'urgent') return 'not_urgent';
  const channel = services.sendias?.channel;
  if (!channel) {
    services.logger?.info({ purpose: 'sendias-urgent', ref: enquiry.id }, 'urgent SENDIAS enquiry: no SENDIAS channel configured, card not sent');
    return 'not_configured';
  }
  if (!(await services.proactive.claimOnce(`sendias-urgent:${enquiry.id}`, 30 * 24 * 60 * 60))) return 'already_sent';
  const reference: Partial<ConversationReference> = {
    serviceUrl: channel.serviceUrl,
    channelId: 'msteams',
    conversation: { id: channel.conversationId, isGroup: true, conversationType: 'channel', name: 'SENDIAS' },
  };
  return services.proactive.send(`sendias-urgent:${enquiry.id}`, reference, urgentChannelMessage({ enquiry, triage: t }, services.council));
}

/** Every card submission of the queue, plus the family's "Reply to SENDIAS". */
export function sendiasSubmissions(services: DialogServices): SubmissionRoute[] {
  const records = services.records;
  return [
    submissionRoute(SENDIAS_ACTIONS.queue, QueueSubmission, async (dc, data) => {
      await dc.cancelAllDialogs();
      await dc.beginDialog(SENDIAS_QUEUE, { filter: data.filter ?? 'open' });
    }),

    submissionRoute(SENDIAS_ACTIONS.open, OpenSubmission, async (dc, data) => {
      const me = await adviser(dc.context, services, 'enquiry.read', data.ref);
      if (!me) return;
      const enquiry = await records.enquiries.find(data.ref);
      await dc.context.sendActivity(enquiry ? await enquiryCard(services, me, enquiry) : NOT_FOUND);
    }),

    submissionRoute(SENDIAS_ACTIONS.assignMe, AssignMeSubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      await act(dc, services, data, {
        already: (e) => (e.assigneeId === me && e.status !== 'closed' ? `${e.id} is already assigned to you. Nothing has changed.` : undefined),
        write: (e) => records.enquiries.assign(e, me, me),
        done: async (e) => `${e.id} is now assigned to you.`,
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.reassign, ReassignSubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      const { names } = await advisersOf(services);
      const name = names.get(data.assignee);
      if (!name) {
        if (await adviser(dc.context, services, 'enquiry.update', data.ref)) {
          await dc.context.sendActivity('You can only assign an enquiry to a SENDIAS adviser. Nothing has changed.');
        }
        return;
      }
      await act(dc, services, data, {
        already: (e) => (e.assigneeId === data.assignee && e.status !== 'closed' ? `${e.id} is already assigned to ${name}. Nothing has changed.` : undefined),
        write: (e) => records.enquiries.assign(e, data.assignee as StaffId, me),
        done: async (e) => {
          if (data.assignee !== me) await tellStaff(services, data.assignee, `sendias-assigned:${e.id}`, `${e.id} has been assigned to you. Say "show the queue" to see it.`);
          return `${e.id} is now assigned to ${name}.`;
        },
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.note, NoteSubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      const note = (data.note ?? '').trim();
      const contacted = data.contacted === 'true';
      if (!note) {
        if (await adviser(dc.context, services, 'enquiry.update', data.ref)) await dc.context.sendActivity('Please type a note before you save it. Nothing has changed.');
        return;
      }
      await act(dc, services, data, {
        already: (e) => {
          const last = e.notes[e.notes.length - 1];
          return last?.by === me && last.text === note && (!contacted || e.acknowledgedAt) ? `That note is already on ${e.id}. Nothing has changed.` : undefined;
        },
        write: async (e) => {
          const noted = await records.enquiries.addNote(e, { by: me as StaffId, text: note });
          return contacted ? records.enquiries.acknowledge(noted) : noted;
        },
        done: async (e) => `Note added to ${e.id}.${contacted ? ' The enquiry is marked as acknowledged.' : ''}`,
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.reply, ReplySubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      const reply = (data.reply ?? '').trim();
      if (!reply) {
        if (await adviser(dc.context, services, 'enquiry.update', data.ref)) await dc.context.sendActivity('Please type your reply before you send it. Nothing has been sent.');
        return;
      }
      await act(dc, services, data, {
        already: (e) => {
          const last = (e.messages ?? []).filter((m) => m.from === 'adviser').pop();
          return last?.by === me && last.text === reply ? `That reply was already sent to the family on ${e.id}. Nothing has been sent again.` : undefined;
        },
        // Stored on the enquiry first; then sent.
        write: (e) => records.enquiries.addMessage(e, { from: 'adviser', by: me as StaffId, text: reply, delivery: 'pending' }),
        done: async (e) => {
          const delivery = await deliverReply(services, e, reply);
          await recordDelivery(services, e.id, delivery);
          return `Your reply to the family on ${e.id} is saved. ${DELIVERY_TEXT[delivery]}`;
        },
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.priority, PrioritySubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      let next: Enquiry['priority'] | undefined;
      await act(dc, services, data, {
        already: (e) => {
          next = {
            outOfSchool: data.outOfSchool ? data.outOfSchool === 'true' : e.priority.outOfSchool,
            safeguarding: data.safeguarding ? data.safeguarding === 'true' : e.priority.safeguarding,
            excluded: data.excluded ? data.excluded === 'true' : (e.priority.excluded ?? false),
            finalPlanOverdue: data.finalPlanOverdue ? data.finalPlanOverdue === 'true' : (e.priority.finalPlanOverdue ?? false),
            ...pickDate('appealDeadline', data.appealDeadline, e.priority.appealDeadline),
            ...pickDate('tribunalHearing', data.tribunalHearing, e.priority.tribunalHearing),
          };
          const same = JSON.stringify(normalise(next)) === JSON.stringify(normalise(e.priority));
          return same && e.status !== 'closed' ? `The priority details of ${e.id} are already like that. Nothing has changed.` : undefined;
        },
        write: (e) => records.enquiries.setPriority(e, next!, me as StaffId),
        done: async (e) => {
          const t = triageOf(services, e);
          const sent = await notifyIfUrgent(services, e);
          const alert = sent === 'sent' || sent === 'pending' ? ' The SENDIAS channel has been told it is urgent.' : '';
          return `Priority details of ${e.id} saved. It is now ${t.level}.${alert}`;
        },
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.close, CloseSubmission, async (dc, data) => {
      const me = identityOf(dc.context).actorId;
      const outcome = data.outcome || undefined;
      if (!outcome) {
        if (await adviser(dc.context, services, 'enquiry.update', data.ref)) await dc.context.sendActivity('Please choose an outcome to close the enquiry. Nothing has changed.');
        return;
      }
      const closeNote = (data.closeNote ?? '').trim();
      await act(dc, services, data, {
        already: (e) => (e.status === 'closed' ? `${e.id} is already closed${e.outcome ? ` (${OUTCOME_TITLES[e.outcome]})` : ''}. Nothing has changed.` : undefined),
        write: (e) => records.enquiries.close(e, me as StaffId, `Closed: ${OUTCOME_TITLES[outcome]}.${closeNote ? ` ${closeNote}` : ''}`, outcome),
        done: async (e) => `${e.id} is closed: ${OUTCOME_TITLES[outcome].toLowerCase()}.`,
      });
    }),

    submissionRoute(SENDIAS_ACTIONS.familyReply, FamilyReplySubmission, async (dc, data) => {
      const enquiry = await familyEnquiry(services, dc.context, data.ref);
      if (!enquiry) {
        await dc.context.sendActivity(FAMILY_NOT_FOUND);
        return;
      }
      if (enquiry.status === 'closed') {
        await dc.context.sendActivity(`Your enquiry ${enquiry.id} is closed. If you need more help, choose "Contact SENDIAS" from the menu or call ${services.council.sendiasPhone}.`);
        return;
      }
      await dc.cancelAllDialogs();
      await dc.beginDialog(SENDIAS_FAMILY_REPLY, { ref: enquiry.id });
    }),
  ];
}

function pickDate<K extends 'appealDeadline' | 'tribunalHearing'>(key: K, submitted: string | undefined, current: string | undefined): Partial<Record<K, string>> {
  const value = submitted === undefined ? current : submitted || undefined;
  return (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
}

function normalise(p: Enquiry['priority']): Record<string, unknown> {
  return {
    outOfSchool: p.outOfSchool,
    safeguarding: p.safeguarding,
    excluded: p.excluded ?? false,
    finalPlanOverdue: p.finalPlanOverdue ?? false,
    appealDeadline: p.appealDeadline ?? null,
    tribunalHearing: p.tribunalHearing ?? null,
  };
}

/**
 * The enquiry this web chat user may answer: only from the conversation the enquiry was made in,
 * by the same user (the saved conversation reference holds both).
 */
async function familyEnquiry(services: DialogServices, context: TurnContext, ref: string): Promise<Stored<Enquiry> | undefined> {
  const reference = await webChatReference(services, ref);
  if (!reference?.conversation || !reference.user) return undefined;
  const sameConversation = reference.conversation.id === context.activity.conversation?.id;
  const sameUser =
    reference.channelId === context.activity.channelId &&
    userKeyOf({ activity: { channelId: reference.channelId, from: reference.user } } as unknown as TurnContext) === userKeyOf(context);
  if (!sameConversation || !sameUser) return undefined;
  return services.records.enquiries.find(ref);
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
    const text = String(step.result);
    const enquiries = this.services.records.enquiries;
    let saved: Stored<Enquiry> | undefined;
    for (let i = 0; i < 3 && !saved; i++) {
      // Checked again: the chat must still be the one the enquiry came from.
      const current = await familyEnquiry(this.services, step.context, ref);
      if (!current || current.status === 'closed') break;
      try {
        saved = await enquiries.addMessage(current, { from: 'family', text });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    if (!saved) {
      await step.context.sendActivity(`Sorry, I could not add that to your enquiry ${ref}. Please call SENDIAS on ${this.services.council.sendiasPhone}.`);
      return step.endDialog();
    }
    const identity = identityOf(step.context);
    const role = identity.kind === 'parent' ? identity.contactKind : 'anonymous';
    await this.services.guard.record(identity, 'enquiry.family_reply', role, { recordRef: ref }, { allowed: true });
    if (saved.assigneeId) await tellStaff(this.services, saved.assigneeId, `sendias-family-replied:${ref}`, `The family has replied on ${ref}. Say "show the queue" to see it.`);
    await step.context.sendActivity(`Thank you. I have added your message to your enquiry ${ref}. An adviser will read it and reply.`);
    return step.endDialog();
  }
}
