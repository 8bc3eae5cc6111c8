import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import sinon from 'sinon';
import { createLocalChannelState, type LocalChannelState } from '../../bot/app';
import { createLogger } from '../../bot/logging';
import { createRecords } from '../../bot/records';
import { ComplaintRepository } from '../../bot/records/complaints';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/storage/cosmos';
import { TOO_MANY_AT_ONCE } from '../../bot/channels/turn-queue';
import { DATABASE_UNAVAILABLE } from '../../bot/channels/assistant';
import { ChildService } from '../helpers/child-service';
import { TestChannel } from '../helpers/channel';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';
import { PausableProxy } from '../helpers/tcp-proxy';

const APOLOGY = /something went wrong/i;
const TEN_MB = 10 * 1024 * 1024;

/** A JSON text nested `depth` levels deep. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A multipart/form-data body with one file of `bytes` bytes. */
function multipart(bytes: number): { body: Buffer; contentType: string } {
  const boundary = `----hostile${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, Buffer.alloc(bytes, 0x61), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Posts a large body with node:http and takes the answer as soon as it arrives. The service answers
 * a refused upload at once and closes the connection, so a client still writing can meet EPIPE
 * after the answer came in (fetch then fails the whole request); that is the service working.
 */
function upload(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: { error?: { code: string; message: string } } | undefined }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const done = (): void => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json });
      };
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; json: { error?: { code: string; message: string } } | undefined; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers };
}

/** Bot messages after the last poll, grouped by the user activity they answer (replyToId), in arrival order. */
function answersByMessage(activities: readonly Activity[]): Map<string, Activity[]> {
  const groups = new Map<string, Activity[]>();
  for (const a of activities) {
    if (a.from?.role === 'user' || a.type !== 'message') continue;
    const key = a.replyToId ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return groups;
}

async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('hostile input: one request cannot crash the service, store a file, brick a conversation or leak into the log', function () {
  this.timeout(180_000);

  describe('local mode, the service in its own process', () => {
    let service: ChildService;
    let chat: DirectLineClient;
    const typed = `Hostile test message ${randomUUID()}`;

    before(async () => {
      service = await ChildService.start({});
      chat = await DirectLineClient.open(service.url, 'anonymous');
      await chat.botReplies();
    });
    after(async () => {
      await service?.stop();
    });

    it('refuses a body that says it is gzip but is not, with 415 on every route that reads a body, and stays up', async () => {
      const dl = `${service.url}/v3/directline/conversations`;
      for (const url of [
        `${service.url}/api/messages`,
        `${service.url}/api/webchat/token`,
        dl,
        `${dl}/${chat.conversationId}/activities`,
        `${service.url}/local/connector/v3/conversations/x/activities`,
      ]) {
        const res = await post(url, 'not gzip', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: `Bearer ${chat.boundToken}` });
        assert.equal(res.status, 415, url);
        assert.equal(res.json?.error?.code, 'UnsupportedMediaType');
        assert.ok(await service.alive(), `the process must survive ${url}`);
      }
    });

    it('refuses a 10 MB multipart upload with 415 before storing a byte, on routes with and without authentication', async () => {
      const body = multipart(TEN_MB);
      for (const path of ['/api/webchat/token', '/api/messages', `/v3/directline/conversations/${chat.conversationId}/activities`]) {
        const res = await upload(`${service.url}${path}`, body.body, { 'Content-Type': body.contentType, Authorization: `Bearer ${chat.boundToken}` });
        assert.equal(res.status, 415, path);
        assert.match(res.json?.error?.message ?? '', /must be JSON/);
      }
      assert.deepEqual(service.tmpFiles(), [], 'nothing may be written to the temporary folder');
      assert.ok(await service.alive());
    });

    it('refuses an activity nested 5,000 deep, or with too many fields, before it is stored; the conversation keeps working', async () => {
      const activities = `${chat.baseUrl}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/activities`;
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` };
      const deep = await post(activities, `{"type":"message","value":${nested(5000)}}`, headers);
      assert.equal(deep.status, 400);
      assert.equal(deep.json?.error?.message, 'The request body is nested too deeply.');
      const wide = await post(activities, JSON.stringify({ type: 'message', value: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])) }), headers);
      assert.equal(wide.status, 413, 'a 20,000-key body is over the size limit first');
      const many = await post(activities, JSON.stringify({ type: 'message', value: Array.from({ length: 12_000 }, () => 0) }), headers);
      assert.equal(many.status, 400);
      assert.equal(many.json?.error?.message, 'The request body has too many fields.');
      const proto = await post(activities, '{"type":"message","value":{"__proto__":{"isAdmin":true}}}', headers);
      assert.equal(proto.status, 400);
      // The transcript still reads, and the bot still answers.
      const replies = await chat.say('what is an EHC plan');
      assert.match(replyText(replies), /EHC plan/);
      const res = await fetch(`${activities}?watermark=0`, { headers: { Authorization: `Bearer ${chat.boundToken}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { activities: Activity[] };
      assert.ok(!JSON.stringify(body).includes('"a":{"a"'), 'the nested activity was never stored');
    });

    it('says "The request body is not valid JSON." without echoing the parser, for every route', async () => {
      for (const path of ['/api/messages', '/api/webchat/token', `/v3/directline/conversations/${chat.conversationId}/activities`]) {
        const res = await post(`${service.url}${path}`, '{"type": "message", "text": ', { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` });
        assert.equal(res.status, 400, path);
        assert.equal(res.json?.error?.message, 'The request body is not valid JSON.');
      }
    });

    it('refuses an activity whose entities are arrays with 400, and an invoke it does not support with 400, not 501', async () => {
      const entities = await chat.postToMessages({ type: 'message', text: 'hello', entities: [[1, 2], [3]] as never });
      assert.equal(entities.status, 400);
      const invoke = await chat.postToMessages({ type: 'invoke', name: 'made/up', value: {} });
      assert.equal(invoke.status, 400);
      const body = (await invoke.json()) as { error?: { message?: string } };
      assert.match(body.error?.message ?? '', /does not support/);
      assert.ok(await service.alive());
    });

    it('on reconnect says how long the token really has left', async () => {
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetch(`${chat.baseUrl}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}`, {
        headers: { Authorization: `Bearer ${chat.boundToken}` },
      });
      assert.equal(res.status, 200);
      const { expires_in } = (await res.json()) as { expires_in: number };
      assert.ok(expires_in < 1800 && expires_in > 1700, `expires_in ${expires_in}`);
    });

    it('runs a local /api/messages turn only with a token bound to that conversation, and replies only into its transcript', async () => {
      const other = await DirectLineClient.open(service.url, 'anonymous');
      await other.botReplies();
      const channel = await TestChannel.start();
      try {
        const activity = {
          type: 'message',
          text: typed,
          channelId: 'webchat',
          serviceUrl: channel.serviceUrl,
          from: { id: 'x' },
          recipient: { id: 'y' },
          conversation: { id: chat.conversationId },
        };
        const headers = { 'Content-Type': 'application/json' };
        assert.equal((await post(`${service.url}/api/messages`, JSON.stringify(activity), headers)).status, 401, 'no token');
        const expired = chat.boundToken.split('.').slice(0, 2).join('.') + '.forged';
        assert.equal((await post(`${service.url}/api/messages`, JSON.stringify(activity), { ...headers, Authorization: `Bearer ${expired}` })).status, 401, 'a forged token');
        assert.equal(
          (await post(`${service.url}/api/messages`, JSON.stringify(activity), { ...headers, Authorization: `Bearer ${other.boundToken}` })).status,
          404,
          "another conversation's token",
        );
        const unbound = ((await (await fetch(`${service.url}/api/webchat/token`, { method: 'POST', headers, body: '{}' })).json()) as { token: string }).token;
        assert.equal(
          (await post(`${service.url}/api/messages`, JSON.stringify(activity), { ...headers, Authorization: `Bearer ${unbound}` })).status,
          404,
          'a token bound to no conversation',
        );
        // With its own token the turn runs; the serviceUrl in the body is not where the reply goes.
        const ok = await chat.viaMessages({ ...activity, text: 'what is an annual review' } as never);
        assert.equal(ok.status, 200);
        assert.match(replyText(ok.replies), /annual review/i);
        assert.equal(channel.received.length, 0, 'nothing is sent to a serviceUrl named in the body');
        assert.equal((await other.poll()).length, 0, 'nothing reached the other conversation');
      } finally {
        await channel.close();
      }
    });

    it('refuses a post to the local Bot Connector that did not come from the service, and the transcript is unchanged', async () => {
      await chat.poll();
      const forged = { type: 'message', text: 'I am the bot, trust me', from: { id: 'send-assistant-bot' } };
      const path = `${service.url}/local/connector/v3/conversations/${encodeURIComponent(chat.conversationId)}/activities`;
      assert.equal((await post(path, JSON.stringify(forged), { 'Content-Type': 'application/json' })).status, 401);
      assert.equal((await post(path, JSON.stringify(forged), { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` })).status, 401);
      assert.equal((await chat.poll()).length, 0);
    });

    it('after all of that: the process is alive, the log holds no token and nothing typed, and no file was written', async () => {
      await chat.say(typed);
      assert.ok(await service.alive());
      assert.deepEqual(service.tmpFiles(), []);
      const log = service.log;
      assert.ok(log.length > 0);
      for (const secret of [chat.boundToken, chat.boundToken.split('.')[2]!, typed, 'what is an annual review', 'I am the bot']) {
        assert.ok(!log.includes(secret), `the log must not contain "${secret.slice(0, 40)}"`);
      }
      assert.doesNotMatch(log, /error in formatter|authorization/i);
    });
  });

  describe('production mode with dummy settings, the service in its own process', () => {
    let cosmos: EmbeddedCosmos;
    let service: ChildService;

    before(async () => {
      cosmos = await startEmbeddedCosmos();
      service = await ChildService.start({
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
        MicrosoftAppPassword: 'not-a-real-password',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_CREATE_CONTAINERS: 'true',
        DIRECT_LINE_SECRET: 'not-a-real-secret',
        DIRECT_LINE_DOMAIN: 'http://127.0.0.1:9/v3/directline',
        WEBCHAT_ALLOWED_ORIGINS: 'https://localoffer.example.org',
        COUNCIL_TENANT_ID: '22222222-2222-2222-2222-222222222222',
        NOTIFY_API_KEY: 'not-a-real-key',
        NOTIFY_EMAIL_TEMPLATE_ID: '33333333-3333-3333-3333-333333333333',
        NOTIFY_SMS_TEMPLATE_ID: '44444444-4444-4444-4444-444444444444',
        DUE_THIS_WEEK_AT: 'off',
      });
    });
    after(async () => {
      await service?.stop();
      await cosmos?.close();
    });

    it('refuses a false gzip body and a multipart upload with 415 before authentication, stores nothing and stays up', async () => {
      for (const path of ['/api/messages', '/api/webchat/token']) {
        const res = await post(`${service.url}${path}`, 'not gzip', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        assert.equal(res.status, 415, path);
        const body = multipart(1024 * 1024);
        assert.equal((await upload(`${service.url}${path}`, body.body, { 'Content-Type': body.contentType })).status, 415, path);
      }
      assert.deepEqual(service.tmpFiles(), []);
      assert.ok(await service.alive());
    });

    it('refuses unauthenticated and forged-JWT activities with 401, without botbuilder printing to the console', async () => {
      const activity = {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/uk/',
        from: { id: '29:x' },
        recipient: { id: '28:b' },
        conversation: { id: 'c' },
        text: 'hi',
      };
      const forged = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJmb3JnZWQifQ.c2lnbmF0dXJl';
      for (const headers of [{}, { Authorization: `Bearer ${forged}` }] as Record<string, string>[]) {
        const res = await post(`${service.url}/api/messages`, JSON.stringify(activity), { 'Content-Type': 'application/json', ...headers });
        assert.equal(res.status, 401);
        assert.equal(res.json?.error?.message, 'The request is not authorised.');
      }
      assert.ok(!service.log.includes(forged), 'the token never reaches the log');
      assert.doesNotMatch(service.log, /AuthenticationError: Unauthorized|at ParameterizedBotFrameworkAuthentication/);
    });

    it('refuses a web chat token request with no Origin when allowed sites are set', async () => {
      const res = await post(`${service.url}/api/webchat/token`, '{}', { 'Content-Type': 'application/json' });
      assert.equal(res.status, 403);
      assert.equal(res.json?.error?.code, 'OriginNotAllowed');
    });
  });

  describe('many messages at once in one conversation (local channel, in process)', () => {
    let service: RunningService;
    before(async () => {
      service = await startService({ MAX_QUEUED_TURNS: '5' });
    });
    after(async () => {
      await service?.close();
    });

    it('runs accepted messages one at a time in arrival order, answers each once, refuses the rest with 429 and a true sentence', async () => {
      const chat = await DirectLineClient.open(service.url, 'anonymous');
      await chat.botReplies();
      assert.match(replyText(await chat.say('I want to make a complaint')), /What is your complaint about\?/);
      const url = `${chat.baseUrl}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/activities`;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(url, JSON.stringify({ type: 'message', text: `burst message ${i}` }), { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` }),
        ),
      );
      const accepted = results.filter((r) => r.status === 200);
      const refused = results.filter((r) => r.status === 429);
      assert.equal(accepted.length + refused.length, 50, `statuses: ${results.map((r) => r.status).join(',')}`);
      assert.ok(accepted.length >= 1 && refused.length >= 1, `accepted ${accepted.length}, refused ${refused.length}`);
      for (const r of refused) {
        assert.equal(r.json?.error?.message, TOO_MANY_AT_ONCE);
        assert.equal(r.headers.get('retry-after'), '2');
      }
      const transcript = await chat.poll();
      const userMessages = transcript.filter((a) => a.from?.role === 'user' && a.type === 'message');
      assert.equal(userMessages.length, accepted.length, 'only accepted messages are in the transcript');
      const groups = answersByMessage(transcript);
      assert.equal(groups.size, accepted.length, 'each accepted message is answered once');
      const order = [...groups.keys()].map((id) => userMessages.findIndex((u) => u.id === id));
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        'answers come in the order the messages arrived',
      );
      assert.doesNotMatch(replyText(transcript), APOLOGY);
    });

    it('Send pressed twice at once: one complaint stored, no error shown', async () => {
      const records = createRecords(service.app.cosmos);
      const email = `twice.${randomUUID().slice(0, 8)}@example.org`;
      const chat = await DirectLineClient.open(service.url, 'anonymous');
      await chat.botReplies();
      for (const step of ['I want to make a complaint', 'A delay', 'The plan is 10 weeks late and nobody answers.', 'Send the final plan now.', 'Alex Twice', 'Email', email]) {
        await chat.say(step, { quietMs: 300 });
      }
      const press = { type: 'message', value: { action: 'answer', value: 'Send complaint' } };
      const url = `${chat.baseUrl}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/activities`;
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` };
      const [a, b] = await Promise.all([post(url, JSON.stringify(press), headers), post(url, JSON.stringify(press), headers)]);
      assert.deepEqual([a.status, b.status], [200, 200]);
      const text = replyText(await chat.poll());
      assert.match(text, /reference is CMP-\d{4}-\d{5}/);
      assert.doesNotMatch(text, APOLOGY);
      const stored = (await records.complaints.open()).filter((c) => c.contact.email === email);
      assert.equal(stored.length, 1);
    });
  });

  describe('a dialog step that fails', () => {
    const sandbox = sinon.createSandbox();
    afterEach(() => sandbox.restore());

    it('logs the error and the dialog, never what the person typed, and tells them truthfully', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      });
      const service = await startService({}, { logger: createLogger('info', stream) });
      try {
        sandbox.stub(ComplaintRepository.prototype, 'create').rejects(new Error('simulated Cosmos write failure'));
        const chat = await DirectLineClient.open(service.url, 'anonymous');
        await chat.botReplies();
        const said = [
          'I want to make a complaint',
          'A delay',
          'Hostilecheck: the plan came late on 3 March.',
          'Hostilecheck: put it right.',
          'Zebedee Quarrington',
          'email',
          'zebedee.q@example.org',
        ];
        for (const step of said) await chat.say(step, { quietMs: 300 });
        const reply = replyText(await chat.say({ value: { action: 'answer', value: 'Send complaint' } }));
        assert.match(reply, /could not finish that, so your last message was not saved/);
        assert.doesNotMatch(reply, /Nothing you told me has been lost/);
        const log = lines.join('');
        assert.match(log, /simulated Cosmos write failure/, 'the error itself is logged');
        assert.match(
          log,
          /"dialogId":"[a-zA-Z.]+"/,
          `with the dialog it happened in: ${log
            .split('\n')
            .filter((l) => l.includes('turn failed'))
            .join('\n')}`,
        );
        for (const secret of ['Hostilecheck', 'Zebedee', 'Quarrington', 'zebedee.q@example.org', chat.boundToken]) {
          assert.ok(!log.includes(secret), `the log must not contain "${secret.slice(0, 30)}"`);
        }
      } finally {
        await service.close();
      }
    });
  });

  describe('two instances sharing Cosmos and one Direct Line', () => {
    let cosmos: EmbeddedCosmos;
    let a: RunningService;
    let b: RunningService;
    let localChannel: LocalChannelState;
    before(async () => {
      cosmos = await startEmbeddedCosmos();
      localChannel = createLocalChannelState();
      a = await startService({ COSMOS_DATABASE: 'hostile-two' }, { embeddedCosmos: cosmos, localChannel });
      b = await startService({ COSMOS_DATABASE: 'hostile-two' }, { embeddedCosmos: cosmos, localChannel });
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await cosmos?.close();
    });

    it('runs turns of one conversation arriving at both at once each exactly once, with no conflict shown', async () => {
      const chat = await DirectLineClient.open(a.url, 'anonymous');
      await chat.botReplies();
      assert.match(replyText(await chat.say('I want to make a complaint')), /What is your complaint about\?/);
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${chat.boundToken}` };
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post(
            `${(i % 2 === 0 ? a : b).url}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/activities`,
            JSON.stringify({ type: 'message', text: `two instances ${i}` }),
            headers,
          ),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        Array.from({ length: 10 }, () => 200),
      );
      const transcript = await chat.poll();
      const groups = answersByMessage(transcript);
      assert.equal(groups.size, 10, 'each message answered once');
      assert.doesNotMatch(replyText(transcript), APOLOGY);
    });
  });

  describe('the database stops answering, then comes back (empty) on the same port', () => {
    let cosmos: EmbeddedCosmos;
    let proxy: PausableProxy;
    let service: RunningService;
    before(async () => {
      cosmos = await startEmbeddedCosmos();
      proxy = await PausableProxy.start(Number(new URL(cosmos.endpoint).port));
      service = await startService({ COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: cosmos.key, COSMOS_REQUEST_TIMEOUT_MS: '1500', COSMOS_DATABASE: 'hostile-outage' });
    });
    after(async () => {
      proxy?.resume();
      await service?.close();
      await proxy?.close();
      await cosmos?.close();
    });

    it('tells the person within seconds that the records cannot be reached, and carries on when they are back', async () => {
      const chat = await DirectLineClient.open(service.url, 'anonymous');
      await chat.botReplies();
      assert.match(replyText(await chat.say('I want to make a complaint')), /What is your complaint about\?/);
      proxy.pause();
      const started = Date.now();
      const during = replyText(await chat.say('A delay', { timeoutMs: 20_000 }));
      const seconds = (Date.now() - started) / 1000;
      assert.equal(during, DATABASE_UNAVAILABLE);
      assert.ok(seconds < 12, `told after ${seconds.toFixed(1)} s`);
      assert.equal((await fetch(`${service.url}/readyz`)).status, 503, 'readyz reports it');
      proxy.resume();
      // What was said before the outage is kept: the dialog carries on at the same question.
      assert.match(replyText(await chat.say('A delay')), /What happened\?/);
    });

    it('recovers without a restart when a fresh, empty database server starts on the same port', async () => {
      const port = Number(new URL(cosmos.endpoint).port);
      await cosmos.close();
      cosmos = await startEmbeddedCosmos(port);
      const chat = await DirectLineClient.open(service.url, 'anonymous');
      await chat.botReplies();
      let reply = '';
      for (let attempt = 0; attempt < 3 && !/What is your complaint about\?/.test(reply); attempt++) {
        reply = replyText(await chat.say('I want to make a complaint'));
      }
      assert.match(reply, /What is your complaint about\?/);
      await waitUntil(async () => (await fetch(`${service.url}/readyz`)).status === 200, 10_000);
    });
  });
});
