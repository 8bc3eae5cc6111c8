import restify, { type Request, type Response, type Server } from 'restify';
import { httpLogger, type Logger } from '../logging';
import { jsonBodyReader, type BodyLimits } from './body';

export type { Request, Response, Server };

/** An error a route can throw to answer with a status and a plain message. */
export class HttpError extends Error {
  /** Sent as `Retry-After` (429 and 503). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * Wraps an async route: known errors become a JSON `{ error: { code, message } }` with their status;
 * anything else is logged (without the body) and answered with a plain 500.
 */
export function route(logger: Logger, handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (isHttpLike(err)) {
        if (err instanceof HttpError && err.retryAfterSeconds !== undefined) res.header('Retry-After', String(err.retryAfterSeconds));
        res.status(err.status);
        res.json({ error: { code: err.code, message: err.message } });
        return;
      }
      logger.error({ err, route: req.getRoute()?.path, method: req.method }, 'route failed');
      if (!res.headersSent) {
        res.status(500);
        res.json({ error: { code: 'InternalError', message: 'Sorry, something went wrong. Please try again.' } });
      }
    }
  };
}

function isHttpLike(err: unknown): err is { status: number; code: string; message: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { code?: unknown }).code === 'string' &&
    (err as { status: number }).status >= 400 &&
    (err as { status: number }).status < 500
  );
}

export function createHttpServer(options: { logger: Logger; limits: BodyLimits }): Server {
  // restify's own warnings go through pino, with the request reduced to method and path.
  const server = restify.createServer({
    name: 'send-assistant',
    handleUncaughtExceptions: false,
    // @types/restify still names bunyan's Logger; restify 11 itself uses pino.
    log: httpLogger(options.logger) as unknown as restify.ServerOptions['log'],
  });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    jsonBodyReader(options.limits, (req, refusal) =>
      options.logger.warn({ status: refusal.status, path: req.path(), method: req.method, reason: refusal.code }, 'request refused'),
    ),
  );
  server.use((_req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    res.header('Cache-Control', 'no-store');
    next();
  });
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    // Parser errors (oversized or malformed bodies) are the client's; log them at warn without the body.
    const status = err.statusCode ?? 500;
    if (status >= 500) options.logger.error({ err, path: req.path(), method: req.method }, 'request failed');
    else options.logger.warn({ status, path: req.path(), method: req.method, reason: err.name }, 'request refused');
    callback();
  });
  return server;
}

/** Reads a bearer token from the request. */
export function bearerToken(req: Request): string | undefined {
  return bearerFrom(req.header('authorization'));
}

/** The token in an `Authorization: Bearer …` header value. */
export function bearerFrom(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}
