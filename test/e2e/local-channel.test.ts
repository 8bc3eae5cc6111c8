import assert from 'node:assert/strict';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

describe('the service over HTTP through the local Direct Line channel', () => {
  let service: RunningService;

  before(async () => {
    service = await startService();
  });
  after(async () => {
    await service.close();
  });

  it('answers /healthz and /readyz with JSON', async () => {
    const health = await fetch(`${service.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${service.url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; checks: Record<string, string> };
    assert.equal(body.status, 'ready');
    assert.equal(body.checks.cosmos, 'ok');
  });

  it('serves the embeddable web chat snippet, its styles and the Web Chat bundle for the council site', async () => {
    for (const [path, type] of [
      ['/embed.js', 'javascript'],
      ['/embed.css', 'css'],
      ['/webchat/webchat.js', 'javascript'],
    ] as const) {
      const res = await fetch(`${service.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', new RegExp(type), path);
      assert.ok((await res.text()).length > 100, `${path} has content`);
    }
  });

  it('greets a new conversation with the menu, then answers "hello" with the menu again', async () => {
    const chat = await DirectLineClient.open(service.url);
    const welcome = replyText(await chat.botReplies());
    assert.match(welcome, /I'm the SEND Assistant/);
    for (const item of ['Check an EHC plan', 'Book an annual review', 'Make a complaint', 'Ask a question about SEND', 'Contact SENDIAS']) {
      assert.ok(welcome.includes(item), `menu should offer "${item}"`);
    }
    const reply = replyText(await chat.say('hello'));
    assert.match(reply, /What would you like to do\?/);
  });

  it('binds the user id to the token, ignoring the id the client claims', async () => {
    const chat = await DirectLineClient.open(service.url);
    await chat.botReplies();
    await chat.send({ type: 'message', text: 'hello', from: { id: 'someone-else', name: 'Mallory' } });
    const activities = await chat.poll();
    const echoed = activities.find((a) => a.text === 'hello');
    assert.equal(echoed?.from.id, chat.userId);
    assert.equal(echoed?.channelId, 'webchat');
  });

  it('refuses a message over the length limit with 413 and a plain explanation', async () => {
    const chat = await DirectLineClient.open(service.url);
    const res = await chat.postRaw(JSON.stringify({ type: 'message', text: 'a'.repeat(2001) }));
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /too long/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const chat = await DirectLineClient.open(service.url);
    const res = await chat.postRaw(JSON.stringify({ type: 'message', text: 'x', value: { pad: 'p'.repeat(300_000) } }));
    assert.equal(res.status, 413);
  });

  it('refuses malformed JSON with 400', async () => {
    const chat = await DirectLineClient.open(service.url);
    const res = await chat.postRaw('{"type": "message", "text": ');
    assert.equal(res.status, 400);
  });

  it('refuses an activity without a valid type with 400, naming the problem', async () => {
    const chat = await DirectLineClient.open(service.url);
    const res = await chat.postRaw(JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action' }));
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /type must be message, event or typing/);
  });

  it('refuses a request without a valid token with 403', async () => {
    const res = await fetch(`${service.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: 'Bearer forged.token' } });
    assert.equal(res.status, 403);
  });

  it("does not let one user's token read another conversation", async () => {
    const alice = await DirectLineClient.open(service.url);
    const bob = await DirectLineClient.open(service.url);
    const res = await fetch(`${service.url}/v3/directline/conversations/${alice.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${(bob as unknown as { token: string }).token}` },
    });
    assert.equal(res.status, 404);
  });

  it('answers a malformed activity posted to /api/messages with 400, not a crash', async () => {
    const res = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"nope": true}' });
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    const health = await fetch(`${service.url}/healthz`);
    assert.equal(health.status, 200);
  });

  it('rejects a token request for an unknown kind of persona', async () => {
    const res = await fetch(`${service.url}/api/webchat/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'admin:root' }),
    });
    assert.equal(res.status, 400);
  });
});

describe('local mode with the synthetic demo dataset', () => {
  let service: RunningService;

  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
  });
  after(async () => {
    await service.close();
  });

  it('makes a staff persona arrive as a Teams user with the Entra object id from the staff directory', async () => {
    const chat = await DirectLineClient.open(service.url, 'staff:S001');
    await chat.botReplies();
    await chat.send('hello');
    const echoed = (await chat.poll()).find((a) => a.text === 'hello');
    assert.equal(echoed?.channelId, 'msteams');
    assert.equal(echoed?.from.aadObjectId, '5e7d0000-0000-4000-8000-000000000001');
    assert.equal(echoed?.from.name, 'Sam Okafor');
    assert.equal((echoed?.conversation as { tenantId?: string } | undefined)?.tenantId, '00000000-0000-4000-8000-00000000c0de');
  });

  it('keeps a parent persona an anonymous web chat user (parents must verify)', async () => {
    const chat = await DirectLineClient.open(service.url, 'parent:P0001');
    await chat.botReplies();
    await chat.send('hello');
    const echoed = (await chat.poll()).find((a) => a.text === 'hello');
    assert.equal(echoed?.channelId, 'webchat');
    assert.equal(echoed?.from.aadObjectId, undefined);
  });

  it('offers the demo personas on the local page', async () => {
    const html = await (await fetch(`${service.url}/`)).text();
    for (const persona of ['anonymous', 'parent:P0001', 'staff:S001', 'staff:S007', 'staff:S008']) assert.ok(html.includes(`value="${persona}"`), persona);
    assert.match(html, /<label for="persona">/);
  });
});
