import assert from 'node:assert/strict';
import { buildApp } from '../../bot/app';
import { loadConfig, LOCAL_TENANT_ID } from '../../bot/config';
import { createLogger } from '../../bot/logging';
import { createRecords } from '../../bot/records';
import { demoAadObjectId } from '../../bot/records/demo-data';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/storage/cosmos';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { TestChannel } from '../helpers/channel';
import { startService, type RunningService } from '../helpers/service';

const PLAN_DETAIL = /week \d+ of 20|Final EHC plan in place|named caseworker/i;

/**
 * Attacks through the front door, over HTTP: forged identities, unauthenticated requests, and code
 * guessing spread over two app instances that share one Cosmos database.
 */
describe('security: identities the service must not trust', function () {
  this.timeout(120_000);
  let cosmos: EmbeddedCosmos;
  let serviceA: RunningService;
  let serviceB: RunningService;

  before(async () => {
    cosmos = await startEmbeddedCosmos();
    const env = { DEMO_DATA: 'true', COSMOS_DATABASE: 'security-e2e' };
    serviceA = await startService(env, { embeddedCosmos: cosmos });
    serviceB = await startService({ ...env, DEMO_DATA: 'false' }, { embeddedCosmos: cosmos });
  });
  after(async () => {
    await serviceA?.close();
    await serviceB?.close();
    await cosmos?.close();
  });

  it('does not make a web chat user staff when their activity claims to come from Teams with a staff AAD id', async () => {
    const chat = await DirectLineClient.open(serviceA.url, 'anonymous');
    await chat.botReplies();
    const replies = await chat.say({
      text: 'check plan EHC-000001',
      channelId: 'msteams',
      from: { id: '29:forged', name: 'Sam Okafor', aadObjectId: demoAadObjectId('S001') } as never,
      conversation: { id: chat.conversationId, tenantId: LOCAL_TENANT_ID } as never,
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
    });
    const text = replyText(replies);
    assert.doesNotMatch(text, PLAN_DETAIL);
    assert.match(text, /verify who you are/i, 'a web chat user must verify like any parent');
  });

  it('refuses an unauthenticated local POST to /api/messages that claims to be a staff member in Teams, and sends nothing to the serviceUrl it names', async () => {
    const channel = await TestChannel.start();
    try {
      const res = await channel.post(serviceA.url, {
        type: 'message',
        id: 'forged-1',
        channelId: 'msteams',
        from: { id: '29:forged', name: 'Sam Okafor', aadObjectId: demoAadObjectId('S001') } as never,
        recipient: { id: '28:bot', name: 'SEND Assistant' },
        conversation: { id: 'forged-conversation', tenantId: LOCAL_TENANT_ID } as never,
        channelData: { tenant: { id: LOCAL_TENANT_ID } },
        text: 'check plan EHC-000001',
      });
      assert.equal(res.status, 401);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(channel.received.length, 0, 'no reply may go to a serviceUrl named in the body');
    } finally {
      await channel.close();
    }
  });

  it('lets a caseworker signed in to Teams read a plan, and audits the read once', async () => {
    const records = createRecords(serviceA.app.cosmos);
    const before = (await records.audit.forChild('C0001')).length;
    const chat = await DirectLineClient.open(serviceA.url, 'staff:S001');
    await chat.botReplies();
    const own = replyText(await chat.say('check plan EHC-000001'));
    assert.match(own, PLAN_DETAIL, 'the same person in the council tenant is staff');
    const after = await records.audit.forChild('C0001');
    const reads = after.slice(before).filter((e) => e.action === 'plan.read' && e.actor.id === 'S001' && e.outcome === 'allowed');
    assert.equal(reads.length, 1, 'the staff read of the plan must be audited once');
    assert.equal(reads[0]!.channel, 'teams');
  });

  it('rejects an unauthenticated POST to /api/messages in production', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
      MicrosoftAppPassword: 'not-a-real-password',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222',
      COSMOS_ENDPOINT: cosmos.endpoint,
      DIRECT_LINE_SECRET: 'not-a-real-secret',
      COUNCIL_TENANT_ID: '22222222-2222-2222-2222-222222222222',
      NOTIFY_API_KEY: 'not-a-real-key',
      NOTIFY_EMAIL_TEMPLATE_ID: '33333333-3333-3333-3333-333333333333',
      NOTIFY_SMS_TEMPLATE_ID: '44444444-4444-4444-4444-444444444444',
    });
    const prod = await buildApp(config, { cosmos: serviceA.app.cosmos, logger: createLogger('silent') });
    const url = await prod.listen();
    try {
      const activity = {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/uk/',
        from: { id: '29:x', aadObjectId: demoAadObjectId('S007') },
        recipient: { id: '28:bot' },
        conversation: { id: 'c' },
        text: 'check plan EHC-000001',
      };
      for (const headers of [{}, { Authorization: 'Bearer not.a.jwt' }] as Record<string, string>[]) {
        const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(activity) });
        assert.equal(res.status, 401, `expected 401 with headers ${JSON.stringify(headers)}`);
      }
      for (const path of ['/v3/directline/conversations', '/dev/outbox?to=a@example.org']) {
        assert.equal((await fetch(`${url}${path}`, { method: path.startsWith('/dev') ? 'GET' : 'POST' })).status, 404, path);
      }
    } finally {
      await prod.close();
    }
  });

  it('holds a code-guessing lockout across two app instances sharing Cosmos', async () => {
    const persona = 'parent:P0002';
    const onA = await DirectLineClient.open(serviceA.url, persona);
    const onB = await DirectLineClient.open(serviceB.url, persona);
    await Promise.all([onA.botReplies(), onB.botReplies()]);
    const records = createRecords(serviceA.app.cosmos);
    const plan = await records.plans.get('EHC-000002');
    const child = await records.children.get(plan.childId);
    const dob = child.dateOfBirth.split('-').reverse().join('/');
    const guesses = async (chat: DirectLineClient, codes: string[]): Promise<string> => {
      await chat.say('check my child’s plan');
      await chat.say('EHC-000002');
      await chat.say(dob);
      let last = '';
      for (const code of codes) last = replyText(await chat.say(code));
      return last;
    };
    assert.match(await guesses(onA, ['000001', '000002', '000003']), /2 tries left/);
    // Instance B: a different web chat user, the same child. Two more wrong codes lock the child.
    assert.match(await guesses(onB, ['000004', '000005']), /3 tries left/);
    const outbox = async (service: RunningService, to: string) =>
      ((await (await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as { messages: { body: string }[] }).messages;
    const contact = (await records.parents.forChild(child.id))[0]!;
    const address = contact.preferredContact === 'phone' ? contact.phone! : contact.email!;
    const sentByB = (await outbox(serviceB, address)).length;
    await onB.say('start again');
    await onB.say('check my child’s plan');
    await onB.say('EHC-000002');
    const answer = replyText(await onB.say(dob));
    assert.match(answer, /If the details match our records/, 'the reply must not reveal the lock on the child');
    assert.equal((await outbox(serviceB, address)).length, sentByB, 'no code may be sent while the child is locked');
  });
});
