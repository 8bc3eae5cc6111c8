import type { TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from '../logging';
import type { Server } from './http';

/**
 * The Bot Framework messaging endpoint. The adapter authenticates every request (Bot Framework JWT)
 * when Bot credentials are configured, which production requires; it answers 401 otherwise.
 */
export function mountMessages(server: Server, deps: { adapter: TeamsAdapter; logger: Logger; run: (context: TurnContext) => Promise<void> }): void {
  server.post('/api/messages', async (req, res) => {
    try {
      await deps.adapter.process(req, res, deps.run);
    } catch (err) {
      deps.logger.error({ err }, 'messaging endpoint failed');
      if (!res.headersSent) {
        res.status(500);
        res.end();
      }
    }
  });
}
