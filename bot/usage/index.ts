/**
 * How the assistant itself is doing, from events that hold no personal data: no text, no user or
 * conversation id, only what happened, the feature and the month. Managers see the counts in the
 * compliance report; nothing here can be traced to a person.
 */
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { ContainerSpec } from '../storage/cosmos';

export const USAGE_CONTAINER: ContainerSpec = { id: 'usage', partitionKey: '/month', defaultTtl: 400 * 24 * 60 * 60 };

const Feature = z.string().regex(/^[a-zA-Z]{2,40}$/);

const variants = [
  z.object({ kind: z.literal('conversation') }),
  z.object({ kind: z.literal('question'), outcome: z.enum(['answer', 'clarify', 'no_match', 'escalate', 'out_of_scope']) }),
  z.object({ kind: z.literal('feedback'), helpful: z.boolean() }),
  z.object({ kind: z.literal('handoff') }),
  z.object({ kind: z.literal('dialog_started'), feature: Feature }),
  z.object({ kind: z.literal('dialog_finished'), feature: Feature }),
] as const;

/** What may be written: exactly these fields, nothing else (no text, no ids). */
export const UsageEvent = z.discriminatedUnion('kind', [
  variants[0].strict(),
  variants[1].strict(),
  variants[2].strict(),
  variants[3].strict(),
  variants[4].strict(),
  variants[5].strict(),
]);
export type UsageEvent = z.infer<typeof UsageEvent>;

/** A count's key: the kind, and the outcome, the answer or the feature when the kind has one. */
function keyOf(e: UsageEvent): string {
  switch (e.kind) {
    case 'question':
      return `question:${e.outcome}`;
    case 'feedback':
      return `feedback:${e.helpful ? 'yes' : 'no'}`;
    case 'dialog_started':
    case 'dialog_finished':
      return `${e.kind}:${e.feature}`;
    default:
      return e.kind;
  }
}

/** One flush's counts for one month. */
const Batch = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), counts: z.record(z.string().regex(/^[a-z_]+(:[a-zA-Z_]+)?$/), z.number().int().nonnegative()) });

export interface UsageSummary {
  readonly months: readonly string[];
  readonly conversations: number;
  readonly questions: Readonly<Record<'answer' | 'clarify' | 'no_match' | 'escalate' | 'out_of_scope', number>>;
  readonly helpful: { readonly yes: number; readonly no: number };
  readonly handoffs: number;
  /** By feature: how many times it was started and how many reached its end. */
  readonly dialogs: Readonly<Record<string, { readonly started: number; readonly finished: number }>>;
}

/**
 * Counts usage events in memory and writes them in batches (one document per month per flush), so a
 * turn never waits for, or pays for, a usage write. `flush()` runs every minute and when the service
 * stops. `record()` only validates and counts: it cannot fail a turn.
 */
export class UsageLog {
  private pending = new Map<string, Map<string, number>>();

  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one event; throws only for an event with fields it must not carry (a programming error). */
  record(event: UsageEvent): void {
    const valid = UsageEvent.parse(event);
    const month = this.now().toISOString().slice(0, 7);
    const counts = this.pending.get(month) ?? new Map<string, number>();
    const key = keyOf(valid);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.pending.set(month, counts);
  }

  /** Writes what has been counted since the last flush. Counts that fail to write are kept for the next one. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    for (const [month, counts] of pending) {
      try {
        await this.container.items.create({ id: randomUUID(), month, counts: Object.fromEntries(counts) });
      } catch (error) {
        const again = this.pending.get(month) ?? new Map<string, number>();
        for (const [k, n] of counts) again.set(k, (again.get(k) ?? 0) + n);
        this.pending.set(month, again);
        throw error;
      }
    }
  }

  /** The counts written for the given months (YYYY-MM). */
  async summary(months: readonly string[]): Promise<UsageSummary> {
    const questions = { answer: 0, clarify: 0, no_match: 0, escalate: 0, out_of_scope: 0 };
    const helpful = { yes: 0, no: 0 };
    const dialogs: Record<string, { started: number; finished: number }> = {};
    let conversations = 0;
    let handoffs = 0;
    for (const month of months) {
      const { resources } = await this.container.items
        .query({ query: 'SELECT c.month, c.counts FROM c WHERE c.month = @month', parameters: [{ name: '@month', value: month }] }, { partitionKey: month })
        .fetchAll();
      for (const raw of resources) {
        const batch = Batch.safeParse(raw);
        if (!batch.success) continue;
        for (const [key, n] of Object.entries(batch.data.counts)) {
          const [kind, detail] = key.split(':') as [string, string | undefined];
          if (kind === 'conversation') conversations += n;
          else if (kind === 'handoff') handoffs += n;
          else if (kind === 'question' && detail && detail in questions) questions[detail as keyof typeof questions] += n;
          else if (kind === 'feedback') helpful[detail === 'yes' ? 'yes' : 'no'] += n;
          else if ((kind === 'dialog_started' || kind === 'dialog_finished') && detail) {
            const d = (dialogs[detail] ??= { started: 0, finished: 0 });
            if (kind === 'dialog_started') d.started += n;
            else d.finished += n;
          }
        }
      }
    }
    return { months, conversations, questions, helpful, handoffs, dialogs };
  }
}
