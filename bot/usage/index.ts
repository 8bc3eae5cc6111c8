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

/** What is read back: the same fields, with the document's id, month and Cosmos's own fields ignored. */
const Stored = z.discriminatedUnion('kind', [...variants]);

export interface UsageSummary {
  readonly months: readonly string[];
  readonly conversations: number;
  readonly questions: Readonly<Record<'answer' | 'clarify' | 'no_match' | 'escalate' | 'out_of_scope', number>>;
  readonly helpful: { readonly yes: number; readonly no: number };
  readonly handoffs: number;
  /** By feature: how many times it was started and how many reached its end. */
  readonly dialogs: Readonly<Record<string, { readonly started: number; readonly finished: number }>>;
}

/** Appends usage events and counts them by month. Recording never fails a turn: errors are swallowed by the caller's `catch`. */
export class UsageLog {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(event: UsageEvent): Promise<void> {
    const valid = UsageEvent.parse(event);
    await this.container.items.create({ ...valid, id: randomUUID(), month: this.now().toISOString().slice(0, 7) });
  }

  /** The counts for the given months (YYYY-MM). */
  async summary(months: readonly string[]): Promise<UsageSummary> {
    const questions = { answer: 0, clarify: 0, no_match: 0, escalate: 0, out_of_scope: 0 };
    const helpful = { yes: 0, no: 0 };
    const dialogs: Record<string, { started: number; finished: number }> = {};
    let conversations = 0;
    let handoffs = 0;
    for (const month of months) {
      const { resources } = await this.container.items
        .query({ query: 'SELECT * FROM c WHERE c.month = @month', parameters: [{ name: '@month', value: month }] }, { partitionKey: month })
        .fetchAll();
      for (const raw of resources) {
        const parsed = Stored.safeParse(raw);
        if (!parsed.success) continue;
        const e = parsed.data;
        if (e.kind === 'conversation') conversations++;
        else if (e.kind === 'question') questions[e.outcome]++;
        else if (e.kind === 'feedback') helpful[e.helpful ? 'yes' : 'no']++;
        else if (e.kind === 'handoff') handoffs++;
        else {
          const d = (dialogs[e.feature] ??= { started: 0, finished: 0 });
          if (e.kind === 'dialog_started') d.started++;
          else d.finished++;
        }
      }
    }
    return { months, conversations, questions, helpful, handoffs, dialogs };
  }
}
