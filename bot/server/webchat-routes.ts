import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { Persona, type LocalTokenService } from '../channels/local-tokens';
import type { Logger } from '../logging';
import type { RateLimiter } from '../limits';
import { HttpError, route, type Request, type Server } from './http';
import { renderLocalPage, type PersonaOption } from './local-page';

export interface WebChatToken {
  readonly token: string;
  /** The user id bound into the token: chosen by the server, never by the client. */
  readonly userId: string;
  /** Direct Line base URL for the Web Chat client. */
  readonly domain: string;
}

export interface WebChatTokenIssuer {
  issue(req: Request): Promise<WebChatToken>;
}

const LocalTokenRequest = z.object({ persona: Persona.default('anonymous') }).strict();

/** Local mode: signs a token for the chosen persona; the Direct Line it points to is this service. */
export function localTokenIssuer(tokens: LocalTokenService): WebChatTokenIssuer {
  return {
    async issue(req) {
      const parsed = LocalTokenRequest.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new HttpError(400, 'BadArgument', `The token request is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
      const issued = tokens.issue(parsed.data.persona);
      return { token: issued.token, userId: issued.userId, domain: `${requestOrigin(req)}/v3/directline` };
    },
  };
}

const DirectLineTokenResponse = z.object({ token: z.string().min(1), conversationId: z.string().optional(), expires_in: z.number().optional() });

/**
 * Production: exchanges the Direct Line secret, which never leaves the server, for a token bound to
 * a user id the server chooses. With enhanced authentication the caller's origin is bound in too.
 */
export function directLineTokenIssuer(options: { secret: string; domain: string; allowedOrigins: readonly string[]; fetch?: typeof fetch }): WebChatTokenIssuer {
  const doFetch = options.fetch ?? fetch;
  return {
    async issue(req) {
      const origin = req.header('origin');
      // With a list of allowed sites, a request must say which site it comes from: a missing
      // Origin (a script, not a browser on the council's site) is refused like a wrong one.
      if (options.allowedOrigins.length > 0 && (!origin || !options.allowedOrigins.includes(origin))) {
        throw new HttpError(403, 'OriginNotAllowed', 'Web chat is not available on this website.');
      }
      const userId = `dl_${randomUUID()}`;
      const response = await doFetch(`${options.domain}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId }, ...(origin ? { trustedOrigins: [origin] } : {}) }),
      });
      if (!response.ok) throw new Error(`directLineTokenIssuer: Direct Line answered ${response.status} when asked for a token`);
      const body = DirectLineTokenResponse.parse(await response.json());
      return { token: body.token, userId, domain: options.domain };
    },
  };
}

function requestOrigin(req: Request): string {
  const host = req.header('host') ?? 'localhost';
  return `http://${host}`;
}

/** Path of Web Chat's prebuilt bundle inside node_modules. */
export function webChatBundlePath(): string {
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

export interface TokenLimits {
  readonly limiter: RateLimiter;
  readonly perAddressPerMinute: number;
  readonly perOriginPerMinute: number;
  /**
   * Behind App Service's front end the client's address is the last one in X-Forwarded-For (the
   * front end appends it; anything before it came from the client); locally, the socket's.
   */
  readonly behindProxy: boolean;
}

/** The client's address: the last X-Forwarded-For entry behind the front end (its port dropped), else the socket's. */
export function clientAddress(req: Request, behindProxy: boolean): string {
  const forwarded = behindProxy ? req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return withoutPort(forwarded || req.socket?.remoteAddress || 'unknown');
}

function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return v4 ? v4[1]! : address;
}

export function mountWebChatToken(server: Server, deps: { issuer: WebChatTokenIssuer; logger: Logger; allowedOrigins: readonly string[]; limits?: TokenLimits }): void {
  server.opts(
    '/api/webchat/token',
    route(deps.logger, async (req, res) => {
      allowOrigin(req, res.header.bind(res), deps.allowedOrigins);
      res.send(204);
    }),
  );
  server.post(
    '/api/webchat/token',
    route(deps.logger, async (req, res) => {
      allowOrigin(req, res.header.bind(res), deps.allowedOrigins);
      const limits = deps.limits;
      if (limits) {
        const minute = (max: number) => ({ max, windowSeconds: 60 });
        // With the database down the counts cannot be kept; a token is still given (knowledge
        // answers need no records), and the outage is reported by /readyz and the turn itself.
        const outcome = await limits.limiter
          .take([
            { name: 'tokens-address', key: clientAddress(req, limits.behindProxy), limit: minute(limits.perAddressPerMinute) },
            { name: 'tokens-origin', key: req.header('origin') ?? 'none', limit: minute(limits.perOriginPerMinute) },
          ])
          .catch((err: unknown) => {
            deps.logger.warn({ err }, 'web chat token limits could not be counted (the database is not answering); the token is given');
            return { allowed: true } as const;
          });
        if (!outcome.allowed) {
          deps.logger.warn({ limit: outcome.name }, 'web chat token refused: over the limit');
          throw new HttpError(429, 'TooManyRequests', 'Sorry, the chat is very busy from here just now. Please wait a minute and try again.', {
            retryAfterSeconds: outcome.retryAfterSeconds,
          });
        }
      }
      res.json(await deps.issuer.issue(req));
    }),
  );
}

function allowOrigin(req: Request, setHeader: (name: string, value: string) => unknown, allowed: readonly string[]): void {
  const origin = req.header('origin');
  if (origin && allowed.includes(origin)) {
    setHeader('Access-Control-Allow-Origin', origin);
    setHeader('Access-Control-Allow-Methods', 'POST');
    setHeader('Access-Control-Allow-Headers', 'Content-Type');
    setHeader('Vary', 'Origin');
  }
}

const WEB_DIR = join(__dirname, '..', '..', 'web');

/** Files served in every mode: the embeddable snippet for the council's site and Web Chat's bundle. */
export function mountWebAssets(server: Server, deps: { logger: Logger }): void {
  const files: Record<string, { path: string; type: string }> = {
    '/embed.js': { path: join(WEB_DIR, 'embed.js'), type: 'text/javascript; charset=utf-8' },
    '/embed.css': { path: join(WEB_DIR, 'embed.css'), type: 'text/css; charset=utf-8' },
    '/webchat/webchat.js': { path: webChatBundlePath(), type: 'text/javascript; charset=utf-8' },
  };
  serveFiles(server, deps.logger, files);
}

/** Serves files as they are on disk (read once, then kept), each at its path with its content type. */
export function serveFiles(server: Server, logger: Logger, files: Readonly<Record<string, { path: string; type: string }>>): void {
  const cache = new Map<string, Promise<Buffer>>();
  for (const [urlPath, file] of Object.entries(files)) {
    server.get(
      urlPath,
      route(logger, async (_req, res) => {
        let body = cache.get(urlPath);
        if (!body) {
          body = readFile(file.path);
          cache.set(urlPath, body);
        }
        res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=3600' });
        res.end(await body);
      }),
    );
  }
}

/** Local mode only: the try-it page with Web Chat and the persona switch. */
export function mountLocalPage(server: Server, deps: { logger: Logger; councilName: string; personas: () => Promise<readonly PersonaOption[]> }): void {
  server.get(
    '/',
    route(deps.logger, async (_req, res) => {
      const html = renderLocalPage({ councilName: deps.councilName, personas: await deps.personas() });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    }),
  );
  server.get(
    '/favicon.ico',
    route(deps.logger, async (_req, res) => {
      res.send(204);
    }),
  );
}
