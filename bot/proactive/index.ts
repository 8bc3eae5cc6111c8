/**
 * Proactive messages: a reply from a SENDIAS adviser into a parent's open web chat, a card to the
 * SENDIAS Teams channel about an urgent enquiry, a caseworker's "what's due this week".
 *
 * Never lost: each message is stored in Cosmos (container `notifications`) before it is sent, and
 * marked sent after. A 429 (or a 5xx) from the channel is retried with exponential back-off and
 * jitter, honouring Retry-After; a message still unsent stays `pending` for `retryPending()`, which
 * runs on a timer. Message text is stored, because it must be sent; it expires after 30 days.
 */
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { cosmosStatus, type ContainerSpec } from '../storage/cosmos';
import type { Logger } from '../logging';

export const NOTIFICATIONS_CONTAINER: ContainerSpec = { id: 'notifications', partitionKey: '/id', defaultTtl: -1 };

const RETENTION_SECONDS = 30 * 24 * 60 * 60;

const Reference = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

const SavedReference = z.object({ id: z.string(), docType: z.literal('conversation_reference'), reference: Reference, savedAt: z.string(), ttl: z.number() });

const Notification = z.object({
  id: z.string(),
  docType: z.literal('notification'),
  /** What it is for, e.g. `enquiry-reply:ENQ-2026-00001` (no personal data). */
  purpose: z.string().max(100),
  reference: Reference,
  activity: z.object({ type: z.literal('message'), text: z.string().optional(), attachments: z.array(z.unknown()).optional() }).passthrough(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  lastError: z.string().max(200).optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  ttl: z.number(),
});
type Notification = z.infer<typeof Notification>;

export interface ProactiveOptions {
  readonly container: Container;
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's app id ('' in local mode). */
  readonly appId: string;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class ProactiveMessenger {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ProactiveOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Keeps where to reach this conversation later, under a key such as an enquiry reference. */
  async remember(key: string, reference: Partial<ConversationReference>): Promise<void> {
    const doc = { id: `ref:${key}`, docType: 'conversation_reference' as const, reference, savedAt: this.now().toISOString(), ttl: RETENTION_SECONDS };
    await this.options.container.items.upsert(doc);
  }

  async referenceFor(key: string): Promise<Partial<ConversationReference> | undefined> {
    const { resource } = await this.options.container.item(`ref:${key}`, `ref:${key}`).read();
    const parsed = SavedReference.safeParse(resource);
    return parsed.success ? (parsed.data.reference as unknown as Partial<ConversationReference>) : undefined;
  }

  /**
   * True the first time it is called with a key (across instances: a Cosmos create), false after.
   * For "send once a day" jobs that several instances run.
   */
  async claimOnce(key: string, ttlSeconds = 8 * 24 * 60 * 60): Promise<boolean> {
    try {
      await this.options.container.items.create({ id: `claim:${key}`, docType: 'claim', at: this.now().toISOString(), ttl: ttlSeconds });
      return true;
    } catch (error) {
      if (cosmosStatus(error) === 409) return false;
      throw error;
    }
  }

  /** Stores the message, then sends it; resolves `pending` when it could not be sent yet (it will be retried). */
  async send(purpose: string, reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<'sent' | 'pending' | 'failed'> {
    const notification: Notification = Notification.parse({
      id: randomUUID(),
      docType: 'notification',
      purpose,
      reference,
      activity: { ...activity, type: 'message' },
      status: 'pending',
      attempts: 0,
      createdAt: this.now().toISOString(),
      ttl: RETENTION_SECONDS,
    });
    await this.options.container.items.create(notification);
    return this.deliver(notification);
  }

  /** Sends every stored message that is still pending (after a restart, or when a channel was down). */
  async retryPending(): Promise<number> {
    const { resources } = await this.options.container.items.query<Notification>({ query: "SELECT * FROM c WHERE c.docType = 'notification' AND c.status = 'pending'" }).fetchAll();
    let sent = 0;
    for (const row of resources) {
      const parsed = Notification.safeParse(row);
      if (parsed.success && (await this.deliver(parsed.data)) === 'sent') sent++;
    }
    return sent;
  }

  private async deliver(notification: Notification): Promise<'sent' | 'pending' | 'failed'> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const base = this.options.baseDelayMs ?? 500;
    let attempts = notification.attempts;
    for (let i = 0; i < maxAttempts; i++) {
      attempts++;
      try {
        await this.options.adapter.continueConversationAsync(this.options.appId, notification.reference as unknown as ConversationReference, async (context) => {
          await context.sendActivity(notification.activity as Partial<Activity>);
        });
        await this.save({ ...notification, status: 'sent', attempts, sentAt: this.now().toISOString() });
        return 'sent';
      } catch (error) {
        const status = statusOf(error);
        const retryable = status === undefined || status === 429 || status >= 500;
        this.options.logger.warn({ purpose: notification.purpose, status, attempt: attempts }, 'proactive send failed');
        if (!retryable) {
          await this.save({ ...notification, status: 'failed', attempts, lastError: `HTTP ${status}` });
          return 'failed';
        }
        if (i < maxAttempts - 1) {
          const retryAfterMs = retryAfterOf(error);
          const backoff = base * 2 ** i;
          await this.sleep(Math.max(retryAfterMs ?? 0, backoff) + Math.floor(Math.random() * base));
        }
      }
    }
    await this.save({ ...notification, status: 'pending', attempts, lastError: 'retries used up; will retry' });
    this.options.logger.error({ purpose: notification.purpose, attempts }, 'proactive send still pending after retries');
    return 'pending';
  }

  private async save(notification: Notification): Promise<void> {
    await this.options.container.items.upsert(notification);
  }
}

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const value = e.statusCode ?? e.status ?? e.response?.status;
  return typeof value === 'number' ? value : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
