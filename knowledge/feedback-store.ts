import { createHash, randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { redactPersonalData } from './redact';

/** Questions the knowledge base could not answer, and answer feedback; no personal data (redacted first). */
export const KB_FEEDBACK_CONTAINER = { id: 'kbFeedback', partitionKey: '/month', defaultTtl: 2 * 365 * 24 * 60 * 60 } as const;

export const FeedbackEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unanswered'),
    question: z.string().max(500),
    outcome: z.enum(['no_match', 'clarify']),
    /** The closest article the engine found (the first clarify choice, or the best weak match). */
    nearest: z.string().max(100).optional(),
  }),
  z.object({ kind: z.literal('feedback'), articleId: z.string().max(100), helpful: z.boolean(), question: z.string().max(500).optional() }),
]);
export type FeedbackEntry = z.infer<typeof FeedbackEntry>;

type Stored = FeedbackEntry & { id: string; month: string; at: string; normalised?: string };

export interface UnansweredCount {
  readonly question: string;
  readonly count: number;
}

/** What curators turn into corpus rows, by the topic each question was nearest to. */
export interface TopicGroup {
  /** An article id, or "none" when the engine found nothing near. */
  readonly topic: string;
  readonly unanswered: readonly UnansweredCount[];
  readonly clarified: readonly UnansweredCount[];
  readonly notHelpful: readonly UnansweredCount[];
}

/**
 * Curators' store: unanswered questions and "was this helpful?" answers. Text is redacted before it
 * is stored (names, emails, phone numbers, references, dates of birth) and never linked to a user.
 */
export class KnowledgeFeedbackStore {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: FeedbackEntry): Promise<void> {
    const at = this.now().toISOString();
    const clean: FeedbackEntry = entry.question !== undefined ? { ...entry, question: redactPersonalData(entry.question).slice(0, 500) } : entry;
    const doc: Stored = {
      ...FeedbackEntry.parse(clean),
      id: randomUUID(),
      month: at.slice(0, 7),
      at,
      ...(clean.question !== undefined ? { normalised: normalise(clean.question) } : {}),
    };
    await this.container.items.create(doc);
  }

  /** The most frequent unanswered questions over the given months (YYYY-MM), most frequent first. */
  async topUnanswered(months: readonly string[], limit = 20): Promise<UnansweredCount[]> {
    const counts = new Map<string, { question: string; count: number }>();
    for (const r of await this.entries('unanswered', months)) {
      if (r.kind !== 'unanswered') continue;
      const key = r.normalised ?? normalise(r.question);
      const entry = counts.get(key) ?? { question: r.question, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question)).slice(0, limit);
  }

  /**
   * Unanswered, clarified and "not helpful" questions (redacted when stored) grouped by their nearest
   * topic, busiest topic first, each list most frequent first.
   */
  async byTopic(months: readonly string[], limit = 20): Promise<TopicGroup[]> {
    type Lists = {
      unanswered: Map<string, { question: string; count: number }>;
      clarified: Map<string, { question: string; count: number }>;
      notHelpful: Map<string, { question: string; count: number }>;
    };
    const groups = new Map<string, Lists>();
    const add = (topic: string, list: keyof Lists, question: string, key: string): void => {
      const g = groups.get(topic) ?? { unanswered: new Map(), clarified: new Map(), notHelpful: new Map() };
      const e = g[list].get(key) ?? { question, count: 0 };
      e.count += 1;
      g[list].set(key, e);
      groups.set(topic, g);
    };
    for (const r of await this.entries('unanswered', months)) {
      if (r.kind === 'unanswered') add(r.nearest ?? 'none', r.outcome === 'clarify' ? 'clarified' : 'unanswered', r.question, r.normalised ?? normalise(r.question));
    }
    for (const r of await this.entries('feedback', months)) {
      if (r.kind === 'feedback' && !r.helpful && r.question) add(r.articleId, 'notHelpful', r.question, r.normalised ?? normalise(r.question));
    }
    const top = (m: Map<string, { question: string; count: number }>): UnansweredCount[] =>
      [...m.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question)).slice(0, limit);
    const total = (g: Lists): number => [...g.unanswered.values(), ...g.clarified.values(), ...g.notHelpful.values()].reduce((n, e) => n + e.count, 0);
    return [...groups]
      .sort(([a, ga], [b, gb]) => total(gb) - total(ga) || a.localeCompare(b))
      .map(([topic, g]) => ({ topic, unanswered: top(g.unanswered), clarified: top(g.clarified), notHelpful: top(g.notHelpful) }));
  }

  /** Helpful / not helpful counts per article over the given months. */
  async feedbackByArticle(months: readonly string[]): Promise<Map<string, { helpful: number; notHelpful: number }>> {
    const result = new Map<string, { helpful: number; notHelpful: number }>();
    for (const r of await this.entries('feedback', months)) {
      if (r.kind !== 'feedback') continue;
      const entry = result.get(r.articleId) ?? { helpful: 0, notHelpful: 0 };
      if (r.helpful) entry.helpful += 1;
      else entry.notHelpful += 1;
      result.set(r.articleId, entry);
    }
    return result;
  }

  /** Entries of one kind, one partition (month) at a time. */
  private async entries(kind: FeedbackEntry['kind'], months: readonly string[]): Promise<Stored[]> {
    const all: Stored[] = [];
    for (const month of months) {
      const { resources } = await this.container.items
        .query<Stored>(
          {
            query: 'SELECT * FROM c WHERE c.month = @month AND c.kind = @kind',
            parameters: [
              { name: '@month', value: month },
              { name: '@kind', value: kind },
            ],
          },
          { partitionKey: month },
        )
        .fetchAll();
      all.push(...resources);
    }
    return all;
  }
}

/** Groups the same question asked with different case, punctuation or spacing. */
function normalise(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[^a-z0-9[\] ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return createHash('sha1').update(words.join(' ')).digest('hex');
}
