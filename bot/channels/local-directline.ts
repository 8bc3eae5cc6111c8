import { randomUUID } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';
import { z } from 'zod';
import { HttpError } from '../server/http';
import type { Persona, TokenClaims } from './local-tokens';
import { TOO_MANY_AT_ONCE, TurnQueueFull, type TurnQueue } from './turn-queue';

/**
 * A Direct Line v3-compatible channel served by the bot itself, for local mode and tests.
 *
 * It plays the part Azure's Direct Line service plays in production: it keeps each conversation's
 * transcript, stamps every incoming activity with the identity from the server-signed token (never
 * what the client typed), hands it to the bot, and stores the bot's replies, which the adapter sends
 * over HTTP to the local Bot Connector endpoints (`serviceUrl` points back at this service).
 */

/** How a persona appears to the bot: channel, user account and, for staff, the Teams tenant. */
export interface PersonaProfile {
  readonly channelId: 'webchat' | 'msteams';
  readonly from: ChannelAccount;
  readonly tenantId?: string;
}

export type PersonaResolver = (persona: Persona, userId: string) => Promise<PersonaProfile>;

export interface LocalDirectLineOptions {
  /** Base URL of the local Bot Connector endpoints, ending in `/`. Known once the server listens. */
  serviceUrl: () => string;
  /** Hands an activity to the bot and resolves when the turn is over. */
  deliver: (activity: Partial<Activity>) => Promise<unknown>;
  resolvePersona: PersonaResolver;
  bot: ChannelAccount;
  maxMessageChars: number;
  /** Runs each conversation's turns one at a time; refuses a message when too many are waiting. */
  queue: TurnQueue;
  /**
   * The transcripts. Azure's Direct Line is one service in front of every bot instance, so tests
   * that run two instances (or restart one) hand them the same store; otherwise each has its own.
   */
  conversations?: LocalConversations;
  /** Conversations idle for longer than this are forgotten (the transcript lives in memory). */
  idleMinutes?: number;
  now?: () => Date;
}

/** What a client may post. Anything else in the body is ignored; identity fields are overwritten. */
export const ClientActivity = z
  .object({
    type: z.enum(['message', 'event', 'typing'], { message: 'type must be message, event or typing' }),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: z.string().max(20).optional(),
    value: z.unknown().optional(),
    name: z.string().max(100).optional(),
    attachments: z
      .array(z.object({ contentType: z.string(), content: z.unknown().optional(), contentUrl: z.string().optional(), name: z.string().optional() }))
      .max(5)
      .optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export interface LocalConversation {
  readonly id: string;
  readonly userId: string;
  readonly persona: Persona;
  readonly profile: PersonaProfile;
  readonly activities: Activity[];
  lastUsed: number;
}

/** The local channel's transcripts, in memory (it stands in for Azure's Direct Line service). */
export class LocalConversations extends Map<string, LocalConversation> {}

export class LocalDirectLine {
  private readonly conversations: LocalConversations;
  private readonly now: () => Date;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.now = options.now ?? (() => new Date());
    this.conversations = options.conversations ?? new LocalConversations();
  }

  /** Starts (or, for a token already bound to one, resumes) a conversation and greets the bot. */
  async start(claims: TokenClaims): Promise<{ conversationId: string; resumed: boolean }> {
    this.forgetIdle();
    if (claims.conv) {
      const existing = this.conversations.get(claims.conv);
      if (existing && existing.userId === claims.sub) return { conversationId: existing.id, resumed: true };
    }
    const profile = await this.options.resolvePersona(claims.persona, claims.sub);
    const conversation: LocalConversation = {
      id: `local-${randomUUID()}`,
      userId: claims.sub,
      persona: claims.persona,
      profile,
      activities: [],
      lastUsed: Date.now(),
    };
    this.conversations.set(conversation.id, conversation);
    const update: Partial<Activity> = { ...this.envelope(conversation), type: 'conversationUpdate', membersAdded: [this.options.bot, profile.from] };
    await this.options.queue.enqueue(conversation.id, () => this.options.deliver(update));
    return { conversationId: conversation.id, resumed: false };
  }

  /** Accepts an activity from the user, records it in the transcript and runs the bot's turn. */
  async post(conversationId: string, claims: TokenClaims, body: unknown): Promise<{ id: string }> {
    const conversation = this.owned(conversationId, claims);
    const parsed = ClientActivity.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`).join('; ');
      throw new HttpError(400, 'BadArgument', `The activity is not valid (${detail}).`);
    }
    const incoming = parsed.data;
    if ((incoming.text?.length ?? 0) > this.options.maxMessageChars) {
      throw new HttpError(413, 'MessageTooLong', `Your message is too long. Please keep it under ${this.options.maxMessageChars.toLocaleString('en-GB')} characters.`);
    }
    const activity: Partial<Activity> = {
      ...this.envelope(conversation),
      type: incoming.type,
      ...(incoming.text !== undefined ? { text: incoming.text } : {}),
      ...(incoming.textFormat ? { textFormat: incoming.textFormat } : {}),
      ...(incoming.value !== undefined ? { value: incoming.value } : {}),
      ...(incoming.name ? { name: incoming.name } : {}),
      ...(incoming.attachments ? { attachments: incoming.attachments } : {}),
      locale: incoming.locale ?? 'en-GB',
      // Only the client's own correlation id survives; identity always comes from the token.
      channelData: this.channelData(conversation, incoming.channelData?.['clientActivityID']),
    };
    const user = { ...activity, from: { ...conversation.profile.from, role: 'user' } };
    if (incoming.type === 'typing') return { id: this.record(conversation, user).id };
    // Admission first (it throws at once when too many turns are waiting), so a refused message is
    // never recorded: the person is told, and nothing claims it was read.
    let recorded: (Activity & { id: string }) | undefined;
    let turn: Promise<unknown>;
    try {
      turn = this.options.queue.enqueue(conversation.id, () => this.options.deliver({ ...recorded! }));
    } catch (err) {
      if (err instanceof TurnQueueFull) throw new HttpError(429, 'TooManyRequests', TOO_MANY_AT_ONCE, { retryAfterSeconds: err.retryAfterSeconds });
      throw err;
    }
    recorded = this.record(conversation, user);
    await turn;
    return { id: recorded.id };
  }

  /** Activities after the watermark, as Direct Line's GET /activities returns them. */
  activities(conversationId: string, claims: TokenClaims, watermark: string | undefined): { activities: Activity[]; watermark: string } {
    const conversation = this.owned(conversationId, claims);
    const from = Math.max(0, Number.parseInt(watermark ?? '0', 10) || 0);
    return { activities: conversation.activities.slice(from), watermark: String(conversation.activities.length) };
  }

  /** Called by the local Bot Connector endpoint when the bot sends or replies. */
  receiveFromBot(conversationId: string, activity: Partial<Activity>): { id: string } {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new HttpError(404, 'ConversationNotFound', 'The conversation was not found or has ended.');
    return { id: this.record(conversation, { ...activity, from: { ...(activity.from ?? this.options.bot), role: 'bot' } }).id };
  }

  /**
   * The conversation a token is bound to. Only a token bound to this very conversation (the one
   * `start` returned) and its user may read or post in it.
   */
  owned(conversationId: string, claims: TokenClaims): LocalConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || conversation.userId !== claims.sub || claims.conv !== conversationId) {
      throw new HttpError(404, 'ConversationNotFound', 'The conversation was not found or the token does not belong to it.');
    }
    conversation.lastUsed = Date.now();
    return conversation;
  }

  private record(conversation: LocalConversation, activity: Partial<Activity>): Activity & { id: string } {
    const id = `${conversation.id}|${String(conversation.activities.length).padStart(7, '0')}`;
    const stored = { ...activity, id, timestamp: this.now(), conversation: { ...activity.conversation, id: conversation.id } } as Activity & { id: string };
    conversation.activities.push(stored);
    return stored;
  }

  private envelope(conversation: LocalConversation): Partial<Activity> {
    const { profile } = conversation;
    return {
      channelId: profile.channelId,
      serviceUrl: this.options.serviceUrl(),
      from: profile.from,
      recipient: this.options.bot,
      conversation: {
        id: conversation.id,
        isGroup: false,
        conversationType: 'personal',
        name: '',
        ...(profile.tenantId ? { tenantId: profile.tenantId } : {}),
      },
      ...(profile.channelId === 'msteams' ? { channelData: this.channelData(conversation, undefined) } : {}),
    };
  }

  private channelData(conversation: LocalConversation, clientActivityID: unknown): Record<string, unknown> {
    return {
      ...(typeof clientActivityID === 'string' ? { clientActivityID: clientActivityID.slice(0, 100) } : {}),
      ...(conversation.profile.tenantId ? { tenant: { id: conversation.profile.tenantId } } : {}),
    };
  }

  private forgetIdle(): void {
    const limit = (this.options.idleMinutes ?? 12 * 60) * 60_000;
    const cutoff = Date.now() - limit;
    for (const [id, c] of this.conversations) if (c.lastUsed < cutoff) this.conversations.delete(id);
  }
}
