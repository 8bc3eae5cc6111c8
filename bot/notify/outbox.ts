import { randomUUID } from 'node:crypto';
import { NotifyMessage, type Notifier, type SentMessage } from './message';

export interface OutboxEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: 'email' | 'sms';
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
  readonly attachment?: { readonly filename: string; readonly contentType: string; readonly content: string };
  readonly reference?: string;
}

/**
 * Local mode's notifier: keeps what would have been sent, newest last, so people trying the service
 * (and the conversation scripts) can read codes and invitations. Bounded; never used in production.
 */
export class OutboxNotifier implements Notifier {
  readonly #entries: OutboxEntry[] = [];

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly limit = 1000,
  ) {}

  async send(message: NotifyMessage): Promise<SentMessage> {
    const valid = NotifyMessage.parse(message);
    const entry: OutboxEntry = { id: randomUUID(), at: this.now().toISOString(), ...valid };
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    return { id: entry.id };
  }

  /** Messages sent to one address (email compared case-insensitively, phone without spaces), oldest first. */
  to(address: string): OutboxEntry[] {
    const want = normalise(address);
    return this.#entries.filter((e) => normalise(e.to) === want);
  }

  all(): readonly OutboxEntry[] {
    return [...this.#entries];
  }
}

function normalise(address: string): string {
  return address.includes('@') ? address.trim().toLowerCase() : address.replace(/[\s()-]/g, '');
}
