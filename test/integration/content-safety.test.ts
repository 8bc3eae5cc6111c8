import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import pino from 'pino';
import { z } from 'zod';
import {
  CONTENT_SAFETY_SCOPE,
  ContentSafetyConfigError,
  createContentSafetyClient,
  isUnavailable,
  offSecondOpinion,
  tokenFromCredential,
  type ContentSafetyClientOptions,
  type HarmCategory,
} from '../../bot/safety/content-safety';
import type { Logger } from '../../bot/logging';
import { TestAdapter, TurnContext } from 'botbuilder';
import { secondOpinionFollowUp } from '../../bot/safety/follow-up';

const TOKEN = 'stand-in-token-5b1f';

/** What text:analyze accepts (api-version 2023-10-01), as far as our client uses it. */
const AnalyzeTextRequest = z
  .object({
    text: z.string().min(1).max(10_000),
    categories: z
      .array(z.enum(['Hate', 'SelfHarm', 'Sexual', 'Violence']))
      .min(1)
      .optional(),
    outputType: z.enum(['FourSeverityLevels', 'EightSeverityLevels']).optional(),
    blocklistNames: z.array(z.string()).optional(),
    haltOnBlocklistHit: z.boolean().optional(),
  })
  .strict();
type AnalyzeTextRequest = z.infer<typeof AnalyzeTextRequest>;

interface Received {
  readonly method: string;
  readonly path: string;
  readonly apiVersion: string | null;
  readonly authorization: string;
  readonly contentType: string;
  readonly body?: AnalyzeTextRequest;
}

type Reply = { readonly status: number; readonly json?: unknown; readonly raw?: string; readonly headers?: Readonly<Record<string, string>> } | { readonly hang: true };

interface StandIn {
  readonly url: string;
  readonly requests: Received[];
  /** Requests the stand-in refused as the real API would, with why. Empty in every happy test. */
  readonly refused: string[];
  /** Severities to answer with, per category asked about (0 when not set). */
  severities: Partial<Record<HarmCategory, number>>;
  /** Overrides the answer to a valid, authorised request. */
  reply?: (request: AnalyzeTextRequest) => Reply;
  /** Called when a request is left hanging. */
  onHang?: () => void;
  close(): Promise<void>;
}

const apiError = (res: ServerResponse, status: number, code: string, message: string): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message } }));
};

/**
 * A stand-in for Azure AI Content Safety's text:analyze on 127.0.0.1: checks method, path,
 * api-version, the bearer token and the body, refusing what the real API would refuse with its
 * error shape, and answers with the severities the test chose.
 */
async function standInContentSafety(): Promise<StandIn> {
  const requests: Received[] = [];
  const refused: string[] = [];
  const state: StandIn = {
    url: '',
    requests,
    refused,
    severities: {},
    close: async () => undefined,
  };
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const received: Omit<Received, 'body'> = {
      method: req.method ?? '',
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      authorization: String(req.headers.authorization ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
    };
    const refuse = (status: number, code: string, message: string): void => {
      requests.push(received);
      refused.push(message);
      apiError(res, status, code, message);
    };
    if (received.path !== '/contentsafety/text:analyze') return refuse(404, '404', `Resource not found: ${received.path}`);
    if (received.method !== 'POST') return refuse(405, 'MethodNotAllowed', `method ${received.method}`);
    if (received.apiVersion !== '2023-10-01') return refuse(400, 'InvalidRequestBody', `unsupported api-version ${String(received.apiVersion)}`);
    if (received.authorization !== `Bearer ${TOKEN}`) return refuse(401, '401', 'Access denied due to invalid subscription key or wrong API endpoint.');
    if (!received.contentType.startsWith('application/json')) return refuse(400, 'InvalidRequestBody', `content type ${received.contentType}`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return refuse(400, 'InvalidRequestBody', 'The request body is not valid JSON.');
    }
    const body = AnalyzeTextRequest.safeParse(json);
    if (!body.success) return refuse(400, 'InvalidRequestBody', `The request body is invalid: ${body.error.issues.map((i) => i.path.join('.') || i.code).join(', ')}`);
    requests.push({ ...received, body: body.data });

    const reply: Reply = state.reply?.(body.data) ?? {
      status: 200,
      json: {
        blocklistsMatch: [],
        categoriesAnalysis: (body.data.categories ?? ['Hate', 'SelfHarm', 'Sexual', 'Violence']).map((category) => ({
          category,
          severity: state.severities[category] ?? 0,
        })),
      },
    };
    if ('hang' in reply) {
      state.onHang?.();
      return; // never answers; close() drops the connection
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json)));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A pino logger with no redaction, so the test sees everything the client hands it. */
function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void raw.push(line) });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createContentSafetyClient() against a stand-in Content Safety API', function () {
  this.timeout(10_000);
  let api: StandIn;
  const client = (options: Partial<ContentSafetyClientOptions> = {}) =>
    createContentSafetyClient({ endpoint: api.url, getToken: async () => TOKEN, timeoutMs: 5_000, severityThreshold: 4, ...options });

  beforeEach(async () => {
    api = await standInContentSafety();
  });
  afterEach(async () => {
    await api.close();
  });

  it('flags self-harm at severity 4 when the threshold is 4, sending the request the API expects', async () => {
    api.severities = { SelfHarm: 4 };
    const result = await client().check('I want to hurt myself');
    assert.deepEqual(result, {
      flagged: true,
      categories: [
        { category: 'SelfHarm', severity: 4 },
        { category: 'Violence', severity: 0 },
        { category: 'Sexual', severity: 0 },
      ],
    });
    assert.deepEqual(api.refused, []);
    assert.equal(api.requests.length, 1);
    const [request] = api.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/contentsafety/text:analyze');
    assert.equal(request?.apiVersion, '2023-10-01');
    assert.deepEqual(request?.body, { text: 'I want to hurt myself', categories: ['SelfHarm', 'Violence', 'Sexual'], outputType: 'FourSeverityLevels' });
  });

  it('does not flag severity 2 at threshold 4, but does at threshold 2', async () => {
    api.severities = { SelfHarm: 2, Violence: 2 };
    const at4 = await client({ severityThreshold: 4 }).check('a sad message');
    const at2 = await client({ severityThreshold: 2 }).check('a sad message');
    assert.ok(!isUnavailable(at4) && !at4.flagged, `expected not flagged, got ${JSON.stringify(at4)}`);
    assert.ok(!isUnavailable(at2) && at2.flagged, `expected flagged, got ${JSON.stringify(at2)}`);
  });

  it('flags violence and sexual content too, but never on Hate, which it does not ask about', async () => {
    api.severities = { Violence: 6 };
    const violent = await client().check('violent message');
    assert.ok(!isUnavailable(violent) && violent.flagged);
    api.severities = { Sexual: 4 };
    const sexual = await client().check('sexual message');
    assert.ok(!isUnavailable(sexual) && sexual.flagged);
    api.reply = () => ({
      status: 200,
      json: {
        blocklistsMatch: [],
        categoriesAnalysis: [
          { category: 'Hate', severity: 6 },
          { category: 'SelfHarm', severity: 0 },
        ],
      },
    });
    const hate = await client().check('a rude message');
    assert.deepEqual(hate, {
      flagged: false,
      categories: [
        { category: 'Hate', severity: 6 },
        { category: 'SelfHarm', severity: 0 },
      ],
    });
  });

  it('sends the token from getToken as a Bearer token, and a refused token is an error', async () => {
    await client().check('hello');
    assert.equal(api.requests[0]?.authorization, `Bearer ${TOKEN}`);
    const refused = await client({ getToken: async () => 'not-the-token' }).check('hello');
    assert.deepEqual(refused, { unavailable: true, reason: 'error' });
    assert.equal(api.requests[1]?.authorization, 'Bearer not-the-token');
    assert.equal(api.refused.length, 1);
  });

  it('checks only the first 10,000 characters of a longer message, without splitting a character', async () => {
    const long = 'a'.repeat(9_000) + 'b'.repeat(3_000);
    const result = await client().check(long);
    assert.ok(!isUnavailable(result), 'the stand-in accepted the request');
    assert.equal(api.requests[0]?.body?.text, long.slice(0, 10_000));
    const emojiAtTheEdge = `${'x'.repeat(9_999)}\u{1F600}${'y'.repeat(50)}`;
    await client().check(emojiAtTheEdge);
    assert.equal(api.requests[1]?.body?.text, 'x'.repeat(9_999), 'the half surrogate pair is dropped');
    assert.deepEqual(api.refused, []);
  });

  it('accepts the endpoint with a trailing slash, as Azure gives it', async () => {
    const result = await client({ endpoint: `${api.url}/` }).check('hello');
    assert.deepEqual(result, {
      flagged: false,
      categories: [
        { category: 'SelfHarm', severity: 0 },
        { category: 'Violence', severity: 0 },
        { category: 'Sexual', severity: 0 },
      ],
    });
    assert.deepEqual(api.refused, []);
  });

  it('does not send an empty message', async () => {
    const result = await client().check('   \n ');
    assert.deepEqual(result, { flagged: false, categories: [] });
    assert.equal(api.requests.length, 0);
  });

  it('gives up at the timeout when the service does not answer', async () => {
    api.reply = () => ({ hang: true });
    const result = await client({ timeoutMs: 200 }).check('hello');
    assert.deepEqual(result, { unavailable: true, reason: 'timeout' });
    assert.equal(api.requests.length, 1, 'the request reached the service and was left hanging');
  });

  it('gives up at the timeout when the token never arrives, without sending anything', async () => {
    const result = await client({ timeoutMs: 200, getToken: () => new Promise<string>(() => undefined) }).check('hello');
    assert.deepEqual(result, { unavailable: true, reason: 'timeout' });
    assert.equal(api.requests.length, 0);
  });

  it('stops waiting when the caller aborts', async () => {
    const caller = new AbortController();
    api.reply = () => ({ hang: true });
    api.onHang = () => caller.abort();
    const result = await client({ timeoutMs: 60_000 }).check('hello', caller.signal);
    assert.deepEqual(result, { unavailable: true, reason: 'timeout' });
    assert.equal(api.requests.length, 1);
  });

  it('reports 429 as throttled', async () => {
    api.reply = () => ({ status: 429, json: { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } }, headers: { 'Retry-After': '1' } });
    assert.deepEqual(await client().check('hello'), { unavailable: true, reason: 'throttled' });
  });

  it('reports 500 as an error', async () => {
    api.reply = () => ({ status: 500, json: { error: { code: 'InternalServerError', message: 'Something went wrong.' } } });
    assert.deepEqual(await client().check('hello'), { unavailable: true, reason: 'error' });
  });

  it('reports a response that is not JSON, or not the expected shape, as an error', async () => {
    api.reply = () => ({ status: 200, raw: '{"categoriesAnalysis": [' });
    assert.deepEqual(await client().check('hello'), { unavailable: true, reason: 'error' });
    api.reply = () => ({ status: 200, json: { categoriesAnalysis: [{ category: 'SelfHarm', severity: 'high' }] } });
    assert.deepEqual(await client().check('hello'), { unavailable: true, reason: 'error' });
    api.reply = () => ({ status: 200, json: { result: 'ok' } });
    assert.deepEqual(await client().check('hello'), { unavailable: true, reason: 'error' });
  });

  it('reports a service that cannot be reached, or a token that cannot be had, as an error', async () => {
    const unreachable = client();
    await api.close();
    assert.deepEqual(await unreachable.check('hello'), { unavailable: true, reason: 'error' });
    api = await standInContentSafety();
    const noToken = client({ getToken: async () => Promise.reject(new Error('ManagedIdentityCredential: no identity endpoint')) });
    assert.deepEqual(await noToken.check('hello'), { unavailable: true, reason: 'error' });
    assert.equal(api.requests.length, 0);
  });

  it('logs why it was unavailable, and never the text or the token', async () => {
    const secret = 'Zebra-7731 my stepdad hits me and I want to end it';
    const { logger, lines, raw } = capturingLogger();
    const logged = (options: Partial<ContentSafetyClientOptions> = {}) => client({ logger, ...options });

    api.reply = () => ({ status: 429, json: { error: { code: 'TooManyRequests', message: `echo: ${secret}` } }, headers: { 'Retry-After': '2' } });
    await logged().check(secret);
    api.reply = () => ({ status: 400, json: { error: { code: 'InvalidRequestBody', message: `The text '${secret}' is invalid.` } } });
    await logged().check(secret);
    api.reply = () => ({ status: 200, raw: `not json ${secret}` });
    await logged().check(secret);
    api.reply = () => ({ status: 200, json: { categoriesAnalysis: [{ category: secret, severity: 9 }] } });
    await logged().check(secret);
    api.reply = () => ({ hang: true });
    await logged({ timeoutMs: 100 }).check(secret);
    await logged({ getToken: async () => Promise.reject(new Error('no identity')) }).check(secret);
    api.reply = undefined;
    api.severities = { SelfHarm: 6 };
    const flagged = await logged().check(secret);
    assert.ok(!isUnavailable(flagged) && flagged.flagged);

    const entries = lines();
    assert.deepEqual(
      entries.map((e) => [e.msg, e.reason, e.status, e.apiCode]),
      [
        ['content safety unavailable', 'throttled', 429, 'TooManyRequests'],
        ['content safety unavailable', 'error', 400, 'InvalidRequestBody'],
        ['content safety unavailable', 'error', 200, undefined],
        ['content safety unavailable', 'error', 200, undefined],
        ['content safety unavailable', 'timeout', undefined, undefined],
        ['content safety unavailable', 'error', undefined, undefined],
      ],
    );
    assert.equal(entries[0]?.retryAfter, '2');
    assert.equal(entries[0]?.component, 'content-safety');
    const everything = raw.join('\n');
    for (const fragment of ['Zebra', 'stepdad', 'end it', TOKEN]) {
      assert.ok(!everything.includes(fragment), `the log contains '${fragment}':\n${everything}`);
    }
  });

  it('proves the stand-in refuses what the real API would refuse', async () => {
    const post = (path: string, body: unknown, auth = `Bearer ${TOKEN}`) =>
      fetch(`${api.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: auth }, body: JSON.stringify(body) });
    const wrongBody = await post('/contentsafety/text:analyze?api-version=2023-10-01', { content: 'hello' });
    assert.equal(wrongBody.status, 400);
    assert.equal(((await wrongBody.json()) as { error: { code: string } }).error.code, 'InvalidRequestBody');
    assert.equal((await post('/contentsafety/text:analyze?api-version=2024-09-01', { text: 'hello' })).status, 400);
    assert.equal((await post('/contentsafety/text:analyze?api-version=2023-10-01', { text: 'x'.repeat(10_001) })).status, 400);
    assert.equal((await post('/contentsafety/text:analyze?api-version=2023-10-01', { text: 'hello' }, 'Bearer other')).status, 401);
    assert.equal((await post('/contentsafety/image:analyze?api-version=2023-10-01', { text: 'hello' })).status, 404);
    assert.equal(api.refused.length, 5);
    // And the client, made to send a body the API refuses, reports an error.
    const mangling: typeof fetch = (input, init) => fetch(input, { ...init, body: JSON.stringify({ text: 'hello', outputType: 'Loud' }) });
    assert.deepEqual(await client({ fetchImpl: mangling }).check('hello'), { unavailable: true, reason: 'error' });
    assert.equal(api.refused.length, 6);
  });

  it('refuses options it cannot work with when it is built', () => {
    const getToken = async () => TOKEN;
    assert.throws(() => createContentSafetyClient({ endpoint: 'not a url', getToken }), ContentSafetyConfigError);
    assert.throws(() => createContentSafetyClient({ endpoint: 'ftp://example.org', getToken }), /https/);
    assert.throws(() => createContentSafetyClient({ endpoint: 'https://example.org', getToken, severityThreshold: 8 }), /severityThreshold/);
    assert.throws(() => createContentSafetyClient({ endpoint: 'https://example.org', getToken, timeoutMs: 0 }), /timeoutMs/);
  });
});

describe('offSecondOpinion', () => {
  it('never flags anything (local mode sends nothing anywhere)', async () => {
    assert.deepEqual(await offSecondOpinion.check('I want to hurt myself'), { flagged: false, categories: [] });
  });
});

describe('tokenFromCredential()', () => {
  /** A credential that counts requests and hands out numbered tokens expiring at `expiresAt`. */
  const countingCredential = (expiresAt: () => number, refreshAt?: () => number) => {
    const scopes: (string | string[])[] = [];
    const credential: TokenCredential = {
      getToken: async (scope): Promise<AccessToken> => {
        scopes.push(scope);
        return { token: `token-${scopes.length}`, expiresOnTimestamp: expiresAt(), ...(refreshAt ? { refreshAfterTimestamp: refreshAt() } : {}) };
      },
    };
    return { credential, scopes };
  };

  it('asks for the Cognitive Services scope and reuses the token until five minutes before it expires', async () => {
    let now = 1_000_000;
    const { credential, scopes } = countingCredential(() => now + 60 * 60_000);
    const getToken = tokenFromCredential(credential, () => now);
    assert.equal(await getToken(), 'token-1');
    now += 54 * 60_000;
    assert.equal(await getToken(), 'token-1');
    now += 2 * 60_000; // 4 minutes before expiry
    assert.equal(await getToken(), 'token-2');
    assert.deepEqual(scopes, [CONTENT_SAFETY_SCOPE, CONTENT_SAFETY_SCOPE]);
  });

  it("honours the credential's refresh time, and shares one request between concurrent callers", async () => {
    let now = 0;
    const { credential, scopes } = countingCredential(
      () => now + 60 * 60_000,
      () => now + 10 * 60_000,
    );
    const getToken = tokenFromCredential(credential, () => now);
    assert.deepEqual(await Promise.all([getToken(), getToken(), getToken()]), ['token-1', 'token-1', 'token-1']);
    now += 11 * 60_000;
    assert.equal(await getToken(), 'token-2');
    assert.equal(scopes.length, 2);
  });

  it('rejects when the credential gives no token, and tries again next time', async () => {
    let calls = 0;
    const credential: TokenCredential = {
      getToken: async () => {
        calls += 1;
        return calls === 1 ? null : { token: 'second', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const getToken = tokenFromCredential(credential);
    await assert.rejects(getToken(), /returned no token/);
    assert.equal(await getToken(), 'second');
  });
});

describe('secondOpinionFollowUp(): the safety contacts follow when Content Safety flags what the local screen did not', function () {
  this.timeout(10_000);
  let api: StandIn;
  const sent: { purpose: string; conversation: string | undefined; text: string | undefined }[] = [];
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) }) as unknown as Logger;
  const context = (text: string) =>
    new TurnContext(new TestAdapter(), {
      type: 'message',
      text,
      channelId: 'webchat',
      conversation: { id: 'conv-1', name: '', isGroup: false, conversationType: 'personal' },
      from: { id: 'user-1', name: '' },
      recipient: { id: 'bot', name: '' },
      serviceUrl: 'http://127.0.0.1:1/',
    });
  const followUp = (timeoutMs = 1000) =>
    secondOpinionFollowUp({
      client: createContentSafetyClient({ endpoint: api.url, getToken: async () => TOKEN, timeoutMs, logger }),
      sender: { send: async (purpose, reference, activity) => void sent.push({ purpose, conversation: reference.conversation?.id, text: activity.text }) },
      safetyMessage: () => ({ type: 'message', text: 'If anyone is in immediate danger, call 999 now.' }),
      logger,
    });

  beforeEach(async () => {
    api = await standInContentSafety();
    sent.length = 0;
    lines.length = 0;
  });
  afterEach(async () => {
    await api.close();
  });

  it('sends the safety contacts into the same conversation once, and logs the categories, not the text', async () => {
    api.severities = { SelfHarm: 6 };
    await followUp()(context('a message the local screen found ordinary'), 'a message the local screen found ordinary', null);
    assert.deepEqual(sent, [{ purpose: 'safeguarding-second-opinion', conversation: 'conv-1', text: 'If anyone is in immediate danger, call 999 now.' }]);
    assert.ok(lines.some((l) => l.includes('SelfHarm:6')));
    assert.ok(!lines.join('\n').includes('the local screen found ordinary'), 'the text is never logged');
  });

  it('sends nothing when Content Safety does not flag, or is too slow, and does not ask when the local screen already escalated', async () => {
    api.severities = { Violence: 2 };
    await followUp()(context('ordinary'), 'ordinary', 'check_in');
    api.reply = () => ({ hang: true });
    await followUp(200)(context('slow'), 'slow', null);
    const before = api.requests.length;
    await followUp()(context('already escalated'), 'already escalated', 'escalate');
    assert.equal(api.requests.length, before, 'no request when the local screen escalated');
    assert.deepEqual(sent, []);
  });

  it('a failing sender is logged, never thrown into the turn', async () => {
    api.severities = { Sexual: 4 };
    const failing = secondOpinionFollowUp({
      client: createContentSafetyClient({ endpoint: api.url, getToken: async () => TOKEN, logger }),
      sender: { send: async () => Promise.reject(new Error('channel down')) },
      safetyMessage: () => ({ type: 'message', text: 'contacts' }),
      logger,
    });
    await assert.doesNotReject(failing(context('flagged'), 'flagged', null));
    assert.ok(lines.some((l) => l.includes('could not be sent')));
  });
});
