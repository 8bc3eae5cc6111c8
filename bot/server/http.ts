import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logging';

export type { Request, Response, Server };

/** An error a route can throw to answer with a status and a plain message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
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

export function createHttpServer(options: { logger: Logger; maxBodyBytes: number }): Server {
  const server = restify.createServer({ name: 'send-assistant', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      mapParams: false,
      maxBodySize: options.maxBodyBytes,
    }),
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
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}
