import type { Activity } from 'botbuilder';
import type { LocalDirectLine } from '../channels/local-directline';
import type { LocalTokenService, TokenClaims } from '../channels/local-tokens';
import type { Logger } from '../logging';
import { HttpError, bearerToken, route, type Request, type Server } from './http';

/** Where the local Bot Connector endpoints live; the adapter's serviceUrl points here. */
export const LOCAL_CONNECTOR_PATH = '/local/connector/';

/**
 * Local mode only: the Direct Line v3 API the Web Chat client and the tests talk to, and the Bot
 * Connector endpoints CloudAdapter sends replies to. Never mounted in production.
 */
export function mountLocalChannel(server: Server, deps: { directLine: LocalDirectLine; tokens: LocalTokenService; logger: Logger }): void {
  const { directLine, tokens, logger } = deps;

  const claimsOf = (req: Request): TokenClaims => {
    const claims = tokens.verify(bearerToken(req));
    if (!claims) throw new HttpError(403, 'TokenInvalid', 'The token is missing, not valid or has expired. Please start a new chat.');
    return claims;
  };
  const param = (req: Request, name: string): string => {
    const value: unknown = req.params?.[name];
    if (typeof value !== 'string' || value.length === 0) throw new HttpError(400, 'BadArgument', `Missing ${name}.`);
    return value;
  };

  // Direct Line v3: start a conversation.
  server.post(
    '/v3/directline/conversations',
    route(logger, async (req, res) => {
      const claims = claimsOf(req);
      const { conversationId } = await directLine.start(claims);
      const bound = tokens.issue(claims.persona, conversationId, claims.sub);
      res.status(201);
      res.json({ conversationId, token: bound.token, expires_in: bound.expiresIn });
    }),
  );

  // Direct Line v3: reconnect to a conversation (Web Chat calls this when resuming).
  server.get(
    '/v3/directline/conversations/:conversationId',
    route(logger, async (req, res) => {
      const claims = claimsOf(req);
      const conversationId = param(req, 'conversationId');
      directLine.activities(conversationId, claims, '0');
      res.json({ conversationId, token: bearerToken(req), expires_in: 1800 });
    }),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    route(logger, async (req, res) => {
      const claims = claimsOf(req);
      const refreshed = tokens.issue(claims.persona, claims.conv, claims.sub);
      res.json({ conversationId: claims.conv, token: refreshed.token, expires_in: refreshed.expiresIn });
    }),
  );

  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    route(logger, async (req, res) => {
      const claims = claimsOf(req);
      const result = await directLine.post(param(req, 'conversationId'), claims, req.body);
      res.json(result);
    }),
  );

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    route(logger, async (req, res) => {
      const claims = claimsOf(req);
      const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
      res.json(directLine.activities(param(req, 'conversationId'), claims, watermark));
    }),
  );

  // Bot Connector: the adapter's sendActivity and replyToActivity land here.
  const fromBot = route(logger, async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
      throw new HttpError(400, 'BadArgument', 'The activity needs a type.');
    }
    res.json(directLine.receiveFromBot(param(req, 'conversationId'), body as Partial<Activity>));
  });
  server.post(`${LOCAL_CONNECTOR_PATH}v3/conversations/:conversationId/activities`, fromBot);
  server.post(`${LOCAL_CONNECTOR_PATH}v3/conversations/:conversationId/activities/:activityId`, fromBot);
  server.put(
    `${LOCAL_CONNECTOR_PATH}v3/conversations/:conversationId/activities/:activityId`,
    route(logger, async (req, res) => {
      res.json({ id: param(req, 'activityId') });
    }),
  );
}
