import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { z } from 'zod';
import type { Logger } from '../logging';
import { TOO_MANY_AT_ONCE, TurnQueueFull, type TurnQueue } from '../channels/turn-queue';
import type { ActivityRunner, TurnLogic } from '../channels/run-activity';
import { HttpError, route, type Server } from './http';

const account = z.object({ id: z.string().min(1).max(500) }).passthrough();

/**
 * The least an incoming Bot Framework activity must have before the adapter sees it, and the shape
 * of every list the framework walks (an `entities` array of arrays used to throw a TypeError).
 */
export const IncomingActivity = z
  .object({
    type: z.string().min(1).max(50),
    name: z.string().max(200).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    conversation: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    from: account,
    recipient: account,
    text: z.string().optional(),
    entities: z
      .array(z.object({ type: z.string().max(100) }).passthrough())
      .max(50)
      .optional(),
    attachments: z
      .array(z.object({ contentType: z.string().max(200) }).passthrough())
      .max(10)
      .optional(),
    membersAdded: z.array(account).max(100).optional(),
    membersRemoved: z.array(account).max(100).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** An activity the endpoint may run: who authenticated it, the activity to run, and its conversation's queue key. */
export interface Admitted {
  readonly auth: AuthenticateRequestResult;
  readonly activity: Partial<Activity>;
  readonly key: string;
}

/**
 * Decides whether a request may run. Production: the Bot Framework JWT (botbuilder's
 * authenticateRequest). Local mode: a local token bound to the conversation the activity names.
 * Throws an HttpError (401, 404) when it may not.
 */
export type Admit = (authorization: string | undefined, activity: IncomingActivity) => Promise<Admitted>;

/**
 * The Bot Framework messaging endpoint: a body that is not an activity is refused with 400; the
 * caller is authenticated (401 otherwise, with botbuilder's errors kept out of the reply and the
 * console); then the turn joins its conversation's queue, so one conversation's turns run one at a
 * time. When too many are waiting the person is told so in the chat, never silently dropped.
 */
export function mountMessages(server: Server, deps: { logger: Logger; admit: Admit; run: ActivityRunner; logic: TurnLogic; queue: TurnQueue }): void {
  server.post(
    '/api/messages',
    route(deps.logger, async (req, res) => {
      const parsed = IncomingActivity.safeParse(req.body);
      if (!parsed.success) {
        deps.logger.warn({ problems: parsed.error.issues.slice(0, 10).map((i) => i.path.join('.')) }, 'refused a malformed activity');
        throw new HttpError(400, 'BadArgument', 'The request body is not a valid activity.');
      }
      let admitted: Admitted;
      try {
        admitted = await deps.admit(req.header('authorization'), parsed.data);
      } catch (err) {
        if (err instanceof HttpError) throw err;
        if ((err as { name?: unknown }).name === 'AuthenticationError' || (err as { statusCode?: unknown }).statusCode === 401) {
          deps.logger.warn({ channelId: parsed.data.channelId }, 'refused an unauthenticated activity');
          throw new HttpError(401, 'Unauthorized', 'The request is not authorised.');
        }
        throw err;
      }
      let turn: Promise<unknown>;
      try {
        turn = deps.queue.enqueue(admitted.key, () => deps.run(admitted.auth, admitted.activity, deps.logic));
      } catch (err) {
        if (!(err instanceof TurnQueueFull)) throw err;
        await deps.run(admitted.auth, admitted.activity, async (context) => void (await context.sendActivity(TOO_MANY_AT_ONCE)));
        res.status(200);
        res.end();
        return;
      }
      const response = (await turn) as { status?: number; body?: unknown } | undefined;
      res.status(response?.status ?? 200);
      if (response?.body !== undefined) res.json(response.body);
      else res.end();
    }),
  );
}
