import type { KnowledgeFeedbackStore } from '../../knowledge/feedback-store';
import type { Logger } from '../logging';
import { z } from 'zod';
import type { OutboxNotifier } from '../notify';
import { knowledgeReport } from '../../knowledge/report';
import { HttpError, route, type Server } from './http';

const OutboxQuery = z.object({ to: z.string().trim().min(5).max(254) });

/** Local mode only (never mounted in production): tooling for curators and tests. */
export function mountDevRoutes(server: Server, deps: { logger: Logger; feedback: KnowledgeFeedbackStore; now: () => Date; outbox: OutboxNotifier }): void {
  // What the local notifier "sent" to one address: verification codes, invitations, receipts.
  server.get(
    '/dev/outbox',
    route(deps.logger, async (req, res) => {
      const to = OutboxQuery.safeParse(req.query);
      if (!to.success) throw new HttpError(400, 'BadRequest', 'Add ?to= with an email address or phone number.');
      res.json({ to: to.data.to, messages: deps.outbox.to(to.data.to) });
    }),
  );

  server.get(
    '/dev/kb-report',
    route(deps.logger, async (_req, res) => {
      res.json(await knowledgeReport(deps.feedback, deps.now()));
    }),
  );
}
