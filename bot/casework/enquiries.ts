/**
 * SENDIAS enquiries: a family contacting SENDIAS, the advisers' queue and triage actions (assign,
 * reassign, note, reply to the family, priority details, close), replies reaching the family (their
 * web chat while it is open, otherwise email or text), the family's answer back, and the alert to
 * the advisers' Teams channel about each new urgent enquiry. Rules: docs/triage.md.
 *
 * Only SENDIAS advisers may read the queue or act on it (access table: enquiry.*). Every action
 * carries the eTag the adviser's card was drawn from; writes are conditional on it, so a stale card
 * or a race changes nothing and the adviser is shown the enquiry as it is now.
 */
import type { Action } from '../identity/access';
import type { Identity } from '../identity/identity';
import { addressOf, sendReceipt } from '../notify';
import { ConflictError, InvalidStateError } from '../records/errors';
import { ENQUIRY_STATUSES, type Enquiry, type EnquiryOutcome } from '../records/enquiries';
import type { StaffId } from '../records/common';
import type { Stored } from '../records/store';
import { addDays, englandDateOf, formatLongDate } from '../statutory';
import { prioritise, sendiasFigures, triage, type SendiasFigures, type Triage } from '../triage';
import { detectEscalation } from '../../knowledge/guards';
import { OncePerKey } from './once';
import type { CaseworkDeps, ConversationRef, SendResult } from './ports';

/** SENDIAS helps children and young people up to this age (SEND Code of Practice 2015, 0 to 25). */
export const SENDIAS_MAX_AGE = 25;

export const QUEUE_FILTERS = ['open', 'unassigned', 'mine', 'overdue'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export const OUTCOME_TITLES: Readonly<Record<EnquiryOutcome, string>> = {
  advice_given: 'Information or advice given',
  signposted: 'Signposted to another service',
  casework_support: 'Ongoing casework support',
  tribunal_support: 'Tribunal or mediation support',
  no_response: 'No response from the family',
  withdrawn: 'Family withdrew the enquiry',
  other: 'Other',
};

export interface TriagedEnquiry {
  readonly enquiry: Stored<Enquiry>;
  readonly triage: Triage;
}

export type AdviserNames = ReadonlyMap<string, string>;

/** One enquiry as an adviser sees it. */
export interface EnquiryView {
  readonly item: TriagedEnquiry;
  readonly advisers: readonly { readonly id: string; readonly name: string }[];
  readonly names: AdviserNames;
  /** True while the family's web chat can still be reached. */
  readonly webChatOpen: boolean;
}

/** What an adviser's action came to. */
export type ActionResult =
  | { readonly kind: 'denied' }
  | { readonly kind: 'not_found' }
  /** Nothing was written; say this. */
  | { readonly kind: 'unchanged'; readonly text: string }
  /** The card was stale or lost a race: nothing was written; here is the enquiry now. */
  | { readonly kind: 'stale'; readonly text: string; readonly view: EnquiryView }
  | { readonly kind: 'done'; readonly text: string; readonly view: EnquiryView };

export interface CardState {
  readonly ref: string;
  readonly etag: string;
}

export type Delivery = 'web_chat' | 'email' | 'sms' | 'pending' | 'none';

const DELIVERY_TEXT: Readonly<Record<Delivery, string>> = {
  web_chat: 'It has appeared in their web chat.',
  email: 'It has gone to them by email.',
  sms: 'It has gone to them by text message.',
  pending: 'Their web chat is not answering; it will be sent again automatically.',
  none: 'There is no email or phone number to send it to: please contact them another way.',
};

/** Absent (or undefined) keeps what the enquiry has. */
export interface PriorityInput {
  readonly safeguarding?: boolean | undefined;
  readonly outOfSchool?: boolean | undefined;
  readonly excluded?: boolean | undefined;
  readonly finalPlanOverdue?: boolean | undefined;
  /** `''` clears the date. */
  readonly appealDeadline?: string | undefined;
  readonly tribunalHearing?: string | undefined;
}

export interface NewEnquiry {
  readonly name: string;
  readonly way: 'email' | 'phone';
  readonly address: string;
  /** What the family wants help with, in their words. */
  readonly need: string;
  /** The child's first name and age, if given ("Sam, 9"). */
  readonly child?: string;
  readonly outOfSchool: boolean;
  /** One enquiry per key, however often it is sent. */
  readonly key: string;
}

/** Who is typing in a web chat: the conversation and the user's key (bot/identity userKeyFor). */
export interface ChatParty {
  readonly conversationId: string;
  readonly channelId: string;
  readonly userKey: string;
}

type UrgentAlert = 'not_urgent' | 'not_configured' | 'already_sent' | SendResult;

interface ActSpec {
  /** When the enquiry is already as the adviser wants it: the reply, and nothing is written. */
  readonly already?: (current: Stored<Enquiry>) => string | undefined;
  /** The write, given the enquiry carrying the card's eTag (so Cosmos refuses a stale card). */
  readonly write: (current: Stored<Enquiry>) => Promise<Stored<Enquiry>>;
  /** What to say after the write (and anything that follows it, such as sending a reply). */
  readonly done: (updated: Stored<Enquiry>) => Promise<string>;
}

export class EnquiryCasework {
  private readonly created = new OncePerKey<{ ref: string; lines: string[] }>();

  constructor(private readonly deps: CaseworkDeps) {}

  get ackWorkingDays(): number {
    return this.deps.sendias?.ackWorkingDays ?? 2;
  }

  triageOf(enquiry: Enquiry): Triage {
    return triage(enquiry, { today: this.deps.clock.today(), ackWorkingDays: this.ackWorkingDays });
  }

  /** The check before every queue read or action; audited. */
  mayAct(identity: Identity, action: Extract<Action, `enquiry.${string}`>, ref?: string): Promise<boolean> {
    return this.deps.guard.allows(identity, action, ref ? { recordRef: ref } : {});
  }

  async advisers(): Promise<{ list: { id: string; name: string }[]; names: AdviserNames }> {
    const staff = await this.deps.records.staff.list({ role: 'sendias_adviser' });
    const list = staff.map((s) => ({ id: s.id, name: s.displayName }));
    return { list, names: new Map(list.map((a) => [a.id, a.name])) };
  }

  /** The open queue, filtered and ordered by the triage rules; undefined when the person may not see it. */
  async queue(identity: Identity, filter: QueueFilter): Promise<{ items: TriagedEnquiry[]; names: AdviserNames } | undefined> {
    if (!(await this.mayAct(identity, 'enquiry.queue'))) return undefined;
    const open = await this.deps.records.enquiries.queue();
    const ordered = prioritise(open, { today: this.deps.clock.today(), ackWorkingDays: this.ackWorkingDays });
    const me = identity.actorId;
    const items = ordered.filter(({ enquiry, triage: t }) =>
      filter === 'unassigned' ? !enquiry.assigneeId : filter === 'mine' ? enquiry.assigneeId === me : filter === 'overdue' ? t.acknowledgementOverdue : true,
    );
    return { items, names: (await this.advisers()).names };
  }

  /** SENDIAS's figures for the last 12 months: for advisers only (council staff are refused, audited). */
  async figures(identity: Identity): Promise<SendiasFigures | undefined> {
    if (!(await this.mayAct(identity, 'enquiry.queue'))) return undefined;
    const today = this.deps.clock.today();
    const all = await this.deps.records.enquiries.queue({ statuses: ENQUIRY_STATUSES });
    return sendiasFigures(all, { from: addDays(today, -364), to: today, today, ackWorkingDays: this.ackWorkingDays });
  }

  /** One enquiry for an adviser. */
  async open(identity: Identity, ref: string): Promise<EnquiryView | 'denied' | 'not_found'> {
    if (!(await this.mayAct(identity, 'enquiry.read', ref))) return 'denied';
    const enquiry = await this.deps.records.enquiries.find(ref);
    return enquiry ? this.view(enquiry) : 'not_found';
  }

  async view(enquiry: Stored<Enquiry>): Promise<EnquiryView> {
    const { list, names } = await this.advisers();
    const webChatOpen = (await this.deps.messenger.referenceFor(`enquiry:${enquiry.id}`)) !== undefined;
    return { item: { enquiry, triage: this.triageOf(enquiry) }, advisers: list, names, webChatOpen };
  }

  assignToMe(identity: Identity, card: CardState): Promise<ActionResult> {
    const me = identity.actorId as StaffId;
    return this.act(identity, card, {
      already: (e) => (e.assigneeId === me && e.status !== 'closed' ? `${e.id} is already assigned to you. Nothing has changed.` : undefined),
      write: (e) => this.deps.records.enquiries.assign(e, me, me),
      done: async (e) => `${e.id} is now assigned to you.`,
    });
  }

  async reassign(identity: Identity, card: CardState, assignee: string): Promise<ActionResult> {
    const me = identity.actorId as StaffId;
    const name = (await this.advisers()).names.get(assignee);
    if (!name) return this.refuse(identity, card.ref, 'You can only assign an enquiry to a SENDIAS adviser. Nothing has changed.');
    return this.act(identity, card, {
      already: (e) => (e.assigneeId === assignee && e.status !== 'closed' ? `${e.id} is already assigned to ${name}. Nothing has changed.` : undefined),
      write: (e) => this.deps.records.enquiries.assign(e, assignee as StaffId, me),
      done: async (e) => {
        if (assignee !== me) await this.tellStaff(assignee, `sendias-assigned:${e.id}`, `${e.id} has been assigned to you. Say "show the queue" to see it.`);
        return `${e.id} is now assigned to ${name}.`;
      },
    });
  }

  addNote(identity: Identity, card: CardState, input: { readonly note: string; readonly contacted: boolean }): Promise<ActionResult> {
    const me = identity.actorId as StaffId;
    const note = input.note.trim();
    if (!note) return this.refuse(identity, card.ref, 'Please type a note before you save it. Nothing has changed.');
    return this.act(identity, card, {
      already: (e) => {
        const last = e.notes[e.notes.length - 1];
        return last?.by === me && last.text === note && (!input.contacted || e.acknowledgedAt) ? `That note is already on ${e.id}. Nothing has changed.` : undefined;
      },
      write: async (e) => {
        const noted = await this.deps.records.enquiries.addNote(e, { by: me, text: note });
        return input.contacted ? this.deps.records.enquiries.acknowledge(noted) : noted;
      },
      done: async (e) => `Note added to ${e.id}.${input.contacted ? ' The enquiry is marked as acknowledged.' : ''}`,
    });
  }

  /** Stores the adviser's reply on the enquiry first, then sends it to the family. */
  replyToFamily(identity: Identity, card: CardState, text: string): Promise<ActionResult> {
    const me = identity.actorId as StaffId;
    const reply = text.trim();
    if (!reply) return this.refuse(identity, card.ref, 'Please type your reply before you send it. Nothing has been sent.');
    return this.act(identity, card, {
      already: (e) => {
        const last = (e.messages ?? []).filter((m) => m.from === 'adviser').pop();
        return last?.by === me && last.text === reply ? `That reply was already sent to the family on ${e.id}. Nothing has been sent again.` : undefined;
      },
      write: (e) => this.deps.records.enquiries.addMessage(e, { from: 'adviser', by: me, text: reply, delivery: 'pending' }),
      done: async (e) => {
        const delivery = await this.deliverReply(e, reply);
        await this.recordDelivery(e.id, delivery);
        return `Your reply to the family on ${e.id} is saved. ${DELIVERY_TEXT[delivery]}`;
      },
    });
  }

  setPriority(identity: Identity, card: CardState, input: PriorityInput): Promise<ActionResult> {
    let next: Enquiry['priority'] | undefined;
    return this.act(identity, card, {
      already: (e) => {
        next = {
          outOfSchool: input.outOfSchool ?? e.priority.outOfSchool,
          safeguarding: input.safeguarding ?? e.priority.safeguarding,
          excluded: input.excluded ?? e.priority.excluded ?? false,
          finalPlanOverdue: input.finalPlanOverdue ?? e.priority.finalPlanOverdue ?? false,
          ...pickDate('appealDeadline', input.appealDeadline, e.priority.appealDeadline),
          ...pickDate('tribunalHearing', input.tribunalHearing, e.priority.tribunalHearing),
        };
        const same = JSON.stringify(normalise(next)) === JSON.stringify(normalise(e.priority));
        return same && e.status !== 'closed' ? `The priority details of ${e.id} are already like that. Nothing has changed.` : undefined;
      },
      write: (e) => this.deps.records.enquiries.setPriority(e, next!, identity.actorId as StaffId),
      done: async (e) => {
        const sent = await this.alertIfUrgent(e);
        const alert = sent === 'sent' || sent === 'pending' ? ' The SENDIAS channel has been told it is urgent.' : '';
        return `Priority details of ${e.id} saved. It is now ${this.triageOf(e).level}.${alert}`;
      },
    });
  }

  close(identity: Identity, card: CardState, input: { readonly outcome?: EnquiryOutcome; readonly note: string }): Promise<ActionResult> {
    const { outcome } = input;
    if (!outcome) return this.refuse(identity, card.ref, 'Please choose an outcome to close the enquiry. Nothing has changed.');
    const note = input.note.trim();
    return this.act(identity, card, {
      already: (e) => (e.status === 'closed' ? `${e.id} is already closed${e.outcome ? ` (${OUTCOME_TITLES[e.outcome]})` : ''}. Nothing has changed.` : undefined),
      write: (e) => this.deps.records.enquiries.close(e, identity.actorId as StaffId, `Closed: ${OUTCOME_TITLES[outcome]}.${note ? ` ${note}` : ''}`, outcome),
      done: async () => `${card.ref} is closed: ${OUTCOME_TITLES[outcome].toLowerCase()}.`,
    });
  }

  /** A refusal of the input itself, said only to someone who may act at all. */
  private async refuse(identity: Identity, ref: string, text: string): Promise<ActionResult> {
    return (await this.mayAct(identity, 'enquiry.update', ref)) ? { kind: 'unchanged', text } : { kind: 'denied' };
  }

  /**
   * Runs one eTag-checked action: access check (audited), nothing written when it is already done,
   * conditional write; on a stale card or a race, re-reads and says who has it now.
   */
  private async act(identity: Identity, card: CardState, spec: ActSpec): Promise<ActionResult> {
    if (!(await this.mayAct(identity, 'enquiry.update', card.ref))) return { kind: 'denied' };
    const enquiries = this.deps.records.enquiries;
    const current = await enquiries.find(card.ref);
    if (!current) return { kind: 'not_found' };
    const already = spec.already?.(current) ?? (current.status === 'closed' ? closedText(current) : undefined);
    if (already) return { kind: 'unchanged', text: already };
    let updated: Stored<Enquiry>;
    try {
      updated = await spec.write({ ...current, etag: card.etag });
    } catch (error) {
      if (!(error instanceof ConflictError) && !(error instanceof InvalidStateError)) throw error;
      const latest = (await enquiries.find(card.ref)) ?? current;
      const again = spec.already?.(latest) ?? (latest.status === 'closed' ? closedText(latest) : undefined);
      if (again) return { kind: 'unchanged', text: again };
      const view = await this.view(latest);
      const who = latest.assigneeId ? `It is assigned to ${view.names.get(latest.assigneeId) ?? latest.assigneeId}` : 'It is not assigned';
      return { kind: 'stale', view, text: `${latest.id} changed after that card was sent. ${who}. Nothing has changed. Here it is now; try again if you still need to.` };
    }
    const text = await spec.done(updated);
    return { kind: 'done', text, view: await this.view(updated) };
  }

  /** Tells a staff member in their personal chat (if they installed the app), without personal data. */
  private async tellStaff(staffId: string, purpose: string, text: string): Promise<void> {
    const reference = await this.deps.messenger.referenceFor(`staff:${staffId}`);
    if (reference) await this.deps.messenger.send(purpose, reference, { type: 'message', text });
  }

  /** Into the family's web chat when we still have that conversation, otherwise by email or text message. */
  async deliverReply(enquiry: Enquiry, text: string): Promise<Delivery> {
    const { messenger, notifier, council, messages } = this.deps;
    const reference = await messenger.referenceFor(`enquiry:${enquiry.id}`);
    if (reference) {
      const result = await messenger.send(`enquiry-reply:${enquiry.id}`, reference, messages.familyReply(enquiry.id, text));
      if (result === 'sent') return 'web_chat';
      if (result === 'pending') return 'pending';
    }
    const address = addressOf({ ...enquiry.contact, preferredContact: enquiry.contactPreference });
    if (!address) return 'none';
    const body = `A SENDIAS adviser has replied about your enquiry ${enquiry.id}:\n\n${text}\n\nTo answer, reply to this message or call SENDIAS on ${council.sendiasPhone}.`;
    await notifier.send(
      address.kind === 'email'
        ? { kind: 'email', to: address.to, subject: `SENDIAS: a reply about ${enquiry.id}`, body, reference: enquiry.id }
        : { kind: 'sms', to: address.to, body, reference: enquiry.id },
    );
    return address.kind;
  }

  /** Records how the last adviser message was delivered (best effort, re-reading on a clash). */
  private async recordDelivery(ref: string, delivery: Delivery): Promise<void> {
    const enquiries = this.deps.records.enquiries;
    for (let i = 0; i < 3; i++) {
      const e = await enquiries.find(ref);
      if (!e?.messages?.length) return;
      const messages = [...e.messages];
      const lastAdviser = messages.map((m) => m.from).lastIndexOf('adviser');
      if (lastAdviser < 0) return;
      messages[lastAdviser] = { ...messages[lastAdviser]!, delivery };
      try {
        await enquiries.store.replace({ ...e, messages, updatedAt: this.deps.clock.now().toISOString() }, e.etag, 'EnquiryCasework.recordDelivery()');
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  /**
   * A new urgent enquiry: a card to the SENDIAS Teams channel (once per enquiry). Skipped, with an
   * info log and no personal data, when the channel is not configured.
   */
  async alertIfUrgent(enquiry: Stored<Enquiry>): Promise<UrgentAlert> {
    const { sendias, messenger, messages, logger } = this.deps;
    const t = this.triageOf(enquiry);
    if (t.level !== 'urgent') return 'not_urgent';
    const channel = sendias?.channel;
    if (!channel) {
      logger?.info({ purpose: 'sendias-urgent', ref: enquiry.id }, 'urgent SENDIAS enquiry: no SENDIAS channel configured, card not sent');
      return 'not_configured';
    }
    if (!(await messenger.claimOnce(`sendias-urgent:${enquiry.id}`, 30 * 24 * 60 * 60))) return 'already_sent';
    const reference: ConversationRef = {
      serviceUrl: channel.serviceUrl,
      channelId: 'msteams',
      conversation: { id: channel.conversationId, isGroup: true, conversationType: 'channel', name: 'SENDIAS' },
    };
    return messenger.send(`sendias-urgent:${enquiry.id}`, reference, messages.urgentAlert({ enquiry, triage: t }));
  }

  /**
   * A family's message to SENDIAS (once per key): stored, the chat remembered for the adviser's
   * reply, urgent ones alerted, audited, and a receipt sent. Returns the reference and the reply.
   */
  contact(identity: Identity, input: NewEnquiry, chat?: ConversationRef): { first: boolean; result: Promise<{ ref: string; lines: string[] }> } {
    return this.created.run(input.key, async () => {
      const { records, messenger, guard, notifier, council, clock, logger } = this.deps;
      const contact = { name: input.name, ...(input.way === 'phone' ? { phone: input.address } : { email: input.address }) };
      const enquiry = await records.enquiries.create(
        {
          contact,
          contactPreference: input.way,
          consent: { storeAndContact: true, shareCasework: false, givenAt: clock.now().toISOString() },
          channel: identity.channel,
          text: enquiryText(input.need, input.child),
          sharedCaseRefs: [],
          // A safeguarding concern in the family's words makes the enquiry urgent (docs/triage.md).
          priority: { outOfSchool: input.outOfSchool, safeguarding: detectEscalation(input.need)?.reason === 'safeguarding' },
        },
        { idempotencyKey: input.key },
      );
      // So an adviser's reply can come back into this conversation while it is open.
      if (chat) await messenger.remember(`enquiry:${enquiry.id}`, chat);
      await this.alertIfUrgent(enquiry).catch((err: unknown) => logger?.error({ err, ref: enquiry.id }, 'urgent SENDIAS card not sent'));
      await guard.recordDone(identity, 'enquiry.create', { recordRef: enquiry.id });
      const lines = [
        `Thank you. Your message has gone to SENDIAS. Your reference is ${enquiry.id}.`,
        'An adviser will usually reply within 2 working days. If you are still in this chat, their reply will appear here; otherwise they will contact you the way you chose.',
        `If it is urgent, call SENDIAS on ${council.sendiasPhone}.`,
      ];
      await sendReceipt(
        notifier,
        { ...contact, preferredContact: input.way },
        {
          subject: `SENDIAS: we have your message ${enquiry.id}`,
          body: lines.join('\n\n'),
          sms: lines.slice(0, 2).join(' '),
          reference: enquiry.id,
        },
      );
      return { ref: enquiry.id, lines };
    });
  }

  /**
   * The enquiry this web chat user may answer: only from the conversation the enquiry was made in,
   * by the same user (the saved conversation reference holds both).
   */
  async forFamily(ref: string, party: ChatParty, userKeyFor: (channelId: string, userId: string) => string): Promise<Stored<Enquiry> | undefined> {
    const reference = await this.deps.messenger.referenceFor(`enquiry:${ref}`);
    if (!reference?.conversation || !reference.user || !reference.channelId) return undefined;
    const sameConversation = reference.conversation.id === party.conversationId;
    const sameUser = reference.channelId === party.channelId && userKeyFor(reference.channelId, reference.user.id) === party.userKey;
    return sameConversation && sameUser ? this.deps.records.enquiries.find(ref) : undefined;
  }

  /** The family's answer to an adviser, added to the enquiry; false when it could not be added. */
  async addFamilyMessage(identity: Identity, ref: string, party: ChatParty, userKeyFor: (channelId: string, userId: string) => string, text: string): Promise<boolean> {
    let saved: Stored<Enquiry> | undefined;
    for (let i = 0; i < 3 && !saved; i++) {
      // Checked again: the chat must still be the one the enquiry came from.
      const current = await this.forFamily(ref, party, userKeyFor);
      if (!current || current.status === 'closed') break;
      try {
        saved = await this.deps.records.enquiries.addMessage(current, { from: 'family', text });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    if (!saved) return false;
    const role = identity.kind === 'parent' ? identity.contactKind : 'anonymous';
    await this.deps.guard.record(identity, 'enquiry.family_reply', role, { recordRef: ref }, { allowed: true });
    if (saved.assigneeId) await this.tellStaff(saved.assigneeId, `sendias-family-replied:${ref}`, `The family has replied on ${ref}. Say "show the queue" to see it.`);
    return true;
  }
}

/** What the adviser reads: the person's words, then the child's name and age if given. */
export function enquiryText(need: string, child: string | undefined): string {
  return (child ? `${need}\n\nChild: ${child}` : need).slice(0, 4000);
}

function closedText(e: Enquiry): string {
  const on = e.closedAt ? ` on ${formatLongDate(englandDateOf(new Date(e.closedAt)))}` : '';
  return `${e.id} was closed${on}. Nothing has changed.`;
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
