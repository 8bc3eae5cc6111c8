import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Logger } from '../logging';
import { bearerToken, type Server } from './http';

/** The least an incoming Bot Framework activity must have before the adapter sees it. */
export const IncomingActivity = z
  .object({
    type: z.string().min(1).max(50),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url(),
    conversation: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(500) }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(500) }).passthrough(),
    text: z.string().optional(),
  })
  .passthrough();

/**
 * The Bot Framework messaging endpoint. The adapter authenticates every request (Bot Framework JWT)
 * when Bot credentials are configured, which production requires; it answers 401 otherwise.
 * A body that is not an activity is refused with 400 before it reaches the adapter.
 */
/**
 * Local mode only: handles a request that carries a local token (see app.ts); resolves undefined
 * when the token is not one, and the adapter's normal path runs.
 */
export type LocalMessages = (bearer: string, activity: Partial<Activity>) => Promise<{ response: InvokeResponse | undefined } | undefined>;

export function mountMessages(
  server: Server,
  deps: { adapter: TeamsAdapter; logger: Logger; run: (context: TurnContext) => Promise<void>; local?: LocalMessages },
): void {
  server.post('/api/messages', async (req, res) => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) {
      deps.logger.warn({ problems: parsed.error.issues.map((i) => i.path.join('.')) }, 'refused a malformed activity');
      res.status(400);
      res.json({ error: { code: 'BadArgument', message: 'The request body is not a valid activity.' } });
      return;
    }
    try {
      const bearer = bearerToken(req);
      const handled = bearer && deps.local ? await deps.local(bearer, parsed.data as unknown as Partial<Activity>) : undefined;
      if (handled) {
        res.status(handled.response?.status ?? 200);
        if (handled.response?.body !== undefined) res.json(handled.response.body);
        else res.end();
        return;
      }
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
