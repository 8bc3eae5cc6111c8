import type { IncomingMessage } from 'node:http';
import type { Request, Response, Next } from 'restify';

/**
 * The service's only request-body reader (restify's bodyParser is not used: it decompresses
 * gzip bodies without handling a corrupt stream, which ended the process, and writes multipart
 * uploads to disk before any route or authentication runs).
 *
 * Every body is refused before a byte is kept unless it is plain JSON within the limits:
 * - a compressed body (`Content-Encoding` other than identity): 415;
 * - anything but `application/json` (or `+json`): 415, unread, so nothing reaches disk;
 * - more than `maxBytes`: 413, reading stops at the limit;
 * - not UTF-8 or not JSON: 400 "The request body is not valid JSON." (the parser's text is never echoed);
 * - nested deeper than `maxDepth` or with more than `maxMembers` keys and array items, or a
 *   `__proto__` key: 400, checked on the raw text before it is parsed.
 * GET, HEAD, OPTIONS and DELETE bodies are never read.
 */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxMembers: number;
}

export class BodyRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefused';
  }
}

const READS_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** restify middleware: sets `req.body` to the parsed JSON (or undefined when there is no body). */
export function jsonBodyReader(limits: BodyLimits, onRefused: (req: Request, refusal: BodyRefused) => void) {
  return (req: Request, res: Response, next: Next): void => {
    if (!READS_BODY.has(req.method ?? '')) return next();
    readJsonBody(req, limits).then(
      (body) => {
        (req as { body?: unknown }).body = body;
        next();
      },
      (err: unknown) => {
        const refusal = err instanceof BodyRefused ? err : new BodyRefused(400, 'BadRequest', 'The request body could not be read.');
        onRefused(req, refusal);
        refuse(req, res, refusal);
        next(false);
      },
    );
  };
}

/** Reads and checks one request body; resolves undefined when the request has none. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return undefined;
  if (encoding !== 'identity' && encoding !== '') {
    throw new BodyRefused(415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted. Please send plain JSON.');
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    throw new BodyRefused(415, 'UnsupportedMediaType', 'The request body must be JSON, sent with Content-Type: application/json.');
  }
  if (length !== undefined && Number(length) > limits.maxBytes) throw tooLarge(limits.maxBytes);

  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        cleanup();
        reject(tooLarge(limits.maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onError = () => {
      cleanup();
      reject(new BodyRefused(400, 'BadRequest', 'The request body could not be read.'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw notJson();
  }
  if (text.trim() === '') return undefined;
  checkJsonShape(text, limits);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson();
  }
}

/**
 * Checks the raw JSON text without parsing it: nesting depth, the number of object members and
 * array items, and `__proto__` keys (which some merge code would turn into a prototype change).
 * Linear in the text, so a hostile body costs no more than reading it.
 */
export function checkJsonShape(text: string, limits: Pick<BodyLimits, 'maxDepth' | 'maxMembers'>): void {
  let depth = 0;
  let members = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i + 1;
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      if (isProtoKey(text, start, i)) throw new BodyRefused(400, 'BadArgument', 'The request body has a field name that is not allowed.');
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      members++;
      if (depth > limits.maxDepth) throw new BodyRefused(400, 'BadArgument', 'The request body is nested too deeply.');
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x2c /* , */) {
      members++;
    }
    if (members > limits.maxMembers) throw new BodyRefused(400, 'BadArgument', 'The request body has too many fields.');
  }
}

/** Whether the string between `start` and `end` is an object key spelling `__proto__` (escapes included). */
function isProtoKey(text: string, start: number, end: number): boolean {
  let j = end + 1;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  if (text[j] !== ':') return false;
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return raw === '__proto__';
  try {
    return JSON.parse(`"${raw}"`) === '__proto__';
  } catch {
    return false;
  }
}

function tooLarge(maxBytes: number): BodyRefused {
  return new BodyRefused(413, 'PayloadTooLarge', `The request body is too large. The most it can be is ${maxBytes.toLocaleString('en-GB')} bytes.`);
}

function notJson(): BodyRefused {
  return new BodyRefused(400, 'BadArgument', 'The request body is not valid JSON.');
}

/** How much of a refused body is read and thrown away before the connection is cut (a lingering close). */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_LIMIT_MS = 10_000;

/**
 * Answers a refused body. What is still arriving is read and thrown away, never kept, and the
 * connection is left open until it has (no `Connection: close`: closing at once cut clients off
 * mid-write with EPIPE before they read the answer); the socket is cut after 64 MB or 10 s.
 */
function refuse(req: Request, res: Response, refusal: BodyRefused): void {
  let discarded = 0;
  const cut = setTimeout(() => req.socket.destroy(), DISCARD_LIMIT_MS);
  cut.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.socket.destroy();
  });
  req.on('end', () => clearTimeout(cut));
  req.on('close', () => clearTimeout(cut));
  req.resume();
  res.writeHead(refusal.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
}
