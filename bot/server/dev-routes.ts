import type { KnowledgeFeedbackStore } from '../../knowledge/feedback-store';
import type { Logger } from '../logging';
import { route, type Server } from './http';

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
  const [unanswered, feedback] = await Promise.all([store.topUnanswered(span, 50), store.feedbackByArticle(span)]);
  return { months: span, unanswered, feedback: Object.fromEntries(feedback) };
}

/** Local mode only (never mounted in production): tooling for curators and tests. */
export function mountDevRoutes(server: Server, deps: { logger: Logger; feedback: KnowledgeFeedbackStore; now: () => Date }): void {
  server.get(
    '/dev/kb-report',
    route(deps.logger, async (_req, res) => {
      res.json(await knowledgeReport(deps.feedback, deps.now()));
    }),
  );
}
