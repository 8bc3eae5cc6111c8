import type { Activity } from 'botbuilder';
import type { LocalDirectLine } from '../channels/local-directline';
import type { LocalTokenService, TokenClaims } from '../channels/local-tokens';
import type { LocalConnectorAuth } from '../channels/local-connector-auth';
import type { Logger } from '../logging';
import { HttpError, bearerToken, route, type Request, type Server } from './http';

/** Where the local Bot Connector endpoints live; the adapter's serviceUrl points here. */
export const LOCAL_CONNECTOR_PATH = '/local/connector/';

/**
 * Local mode only: the Direct Line v3 API the Web Chat client and the tests talk to, and the Bot
 * Connector endpoints CloudAdapter sends replies to. Never mounted in production.
 */
export function mountLocalChannel(
  server: Server,
  deps: { directLine: LocalDirectLine; tokens: LocalTokenService; connectorAuth: LocalConnectorAuth; logger: Logger; now?: () => number },
): void {
  const { directLine, tokens, connectorAuth, logger } = deps;
  const now = deps.now ?? Date.now;

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
      directLine.owned(conversationId, claims);
      // The same token: it is already bound to this conversation; say how long it really has left.
      res.json({ conversationId, token: bearerToken(req), expires_in: Math.max(0, claims.exp - Math.floor(now() / 1000)) });
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

  // Bot Connector: the adapter's sendActivity and replyToActivity land here, and only the adapter's
  // own calls (signed with this process's key) are accepted.
  const fromAdapter = (req: Request): void => {
    if (!connectorAuth.verify(req.header('authorization'))) {
      throw new HttpError(401, 'Unauthorized', 'Only the assistant itself can send activities to this conversation.');
    }
  };
  const fromBot = route(logger, async (req, res) => {
    fromAdapter(req);
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
      fromAdapter(req);
      res.json({ id: param(req, 'activityId') });
    }),
  );
}
