/** The curators' report on the knowledge base (GET /dev/kb-report locally, `npm run kb:report`). */
import type { KnowledgeFeedbackStore } from './feedback-store';

/** The last `count` months as YYYY-MM, newest first. */
export function recentMonths(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** Curators' report: the most frequent unanswered questions and answer feedback. */
export async function knowledgeReport(store: KnowledgeFeedbackStore, now: Date, months = 3) {
  const span = recentMonths(now, months);
  const [unanswered, feedback, byTopic] = await Promise.all([store.topUnanswered(span, 50), store.feedbackByArticle(span), store.byTopic(span)]);
  return { months: span, unanswered, feedback: Object.fromEntries(feedback), byTopic };
}
