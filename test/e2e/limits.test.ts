import assert from 'node:assert/strict';
import { createRecords } from '../../bot/records';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/storage/cosmos';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

/**
 * Limits on what costs money or invites abuse, over HTTP and the local channel, with two instances
 * of the service sharing one Cosmos (as in production): the counts hold across both.
 */
describe('limits: web chat tokens and verification codes, counted across instances', function () {
  this.timeout(120_000);
  let cosmos: EmbeddedCosmos;
  let a: RunningService;
  let b: RunningService;
  // A fixed clock: a limit's window is a real minute (or hour), and the test must not straddle one.
  const now = () => new Date('2026-12-08T10:00:30.000Z');

  before(async () => {
    cosmos = await startEmbeddedCosmos();
    const env = { LIMIT_TOKENS_PER_ADDRESS_PER_MINUTE: '8', LIMIT_TOKENS_PER_ORIGIN_PER_MINUTE: '4', LIMIT_CODES_PER_CONTACT_PER_HOUR: '2', LIMIT_CODES_PER_USER_PER_HOUR: '2' };
    a = await startService({ ...env, DEMO_DATA: 'true' }, { embeddedCosmos: cosmos, now });
    b = await startService({ ...env, DEMO_DATA: 'false' }, { embeddedCosmos: cosmos, now });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await cosmos?.close();
  });

  const token = (service: RunningService, origin?: string) =>
    fetch(`${service.url}/api/webchat/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
      body: JSON.stringify({ persona: 'anonymous' }),
    });

  it('sends at most the limit of codes to one contact, then the usual reply and no code; a user asking too often is told to wait', async () => {
    const records = createRecords(a.app.cosmos);
    const plan = await records.plans.get('EHC-000003');
    const child = await records.children.get(plan.childId);
    const contact = (await records.parents.forChild(child.id))[0]!;
    const address = contact.preferredContact === 'phone' ? contact.phone! : contact.email!;
    // Each instance has its own local outbox (GOV.UK Notify's stand-in): count both.
    const sentBy = async (service: RunningService): Promise<number> =>
      ((await (await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(address)}`)).json()) as { messages: unknown[] }).messages.length;
    const outbox = async (): Promise<number> => (await sentBy(a)) + (await sentBy(b));
    const dob = child.dateOfBirth.split('-').reverse().join('/');
    const ask = async (chat: DirectLineClient): Promise<string> => {
      await chat.say('check my child’s plan');
      await chat.say(plan.id);
      const reply = replyText(await chat.say(dob));
      await chat.say('start again');
      return reply;
    };
    const before = await outbox();
    const onA = await DirectLineClient.open(a.url, 'parent:P0003');
    const onB = await DirectLineClient.open(b.url, 'parent:P0003');
    await Promise.all([onA.botReplies(), onB.botReplies()]);
    assert.match(await ask(onA), /If the details match our records, we have sent a 6-digit code/);
    assert.match(await ask(onB), /If the details match our records, we have sent a 6-digit code/);
    assert.equal(await outbox(), before + 2);
    // The contact's hourly limit (2) is reached: the reply is the same as ever (it must not tell a stranger the child exists), and no code goes.
    assert.match(await ask(onA), /If the details match our records, we have sent a 6-digit code/);
    assert.equal(await outbox(), before + 2, 'no third code to the same contact within the hour');
    const trail = await records.audit.forChild(child.id);
    assert.ok(trail.some((e) => e.action === 'verification.request' && e.outcome === 'denied' && e.reason === 'code_limit'));
    // This web chat user has asked twice on A (the user limit is 2 an hour): told plainly to wait.
    assert.match(
      await ask(onA),
      /^Sorry, you have asked for a lot of codes in a short time, so we cannot send another one yet\. Please try again in 1 hour, or contact the SEND team\.$/,
    );
  });

  it('refuses a site asking for more tokens a minute than its limit with 429 and Retry-After, whichever instance it asks', async () => {
    const site = 'https://www.example.gov.uk';
    const statuses = [];
    for (const service of [a, b, a, b]) statuses.push((await token(service, site)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    const refused = await token(b, site);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30', 'the minute ends 30 seconds from now');
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /^Sorry, the chat is very busy from here just now\. Please wait a minute/);
    assert.equal((await token(a, 'https://another.example.org')).status, 200, 'another site has its own count');
  });

  it('refuses one address more tokens a minute than its limit, across both instances', async () => {
    // The address (127.0.0.1) has asked for 8 tokens above (2 chats, 6 site requests, the refused one included): its limit.
    for (const service of [a, b]) {
      const refused = await token(service);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '30');
    }
  });
});
