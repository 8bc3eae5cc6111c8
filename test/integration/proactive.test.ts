import assert from 'node:assert/strict';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { openCosmos, type CosmosHandle } from '../../bot/storage/cosmos';
import { ALL_CONTAINERS } from '../../bot/containers';
import { createLogger } from '../../bot/logging';
import { NOTIFICATIONS_CONTAINER, ProactiveMessenger } from '../../bot/proactive';
import { TestChannel } from '../helpers/channel';

describe('proactive messages: stored first, sent with back-off on 429, never lost', function () {
  this.timeout(30_000);
  let handle: CosmosHandle;
  let channel: TestChannel;
  const delays: number[] = [];

  const messenger = (maxAttempts = 4) =>
    new ProactiveMessenger({
      container: handle.container(NOTIFICATIONS_CONTAINER.id),
      adapter: new TeamsAdapter({}),
      appId: '',
      logger: createLogger('silent'),
      maxAttempts,
      baseDelayMs: 100,
      sleep: async (ms) => void delays.push(ms),
    });
  const reference = () => ({
    serviceUrl: channel.serviceUrl,
    channelId: 'msteams',
    conversation: { id: '19:sendias-channel@thread.tacv2', isGroup: true, conversationType: 'channel', name: 'SENDIAS' },
    bot: { id: '28:bot', name: 'SEND Assistant' },
  });

  before(async () => {
    handle = await openCosmos({ databaseId: 'proactive-test', createIfMissing: true }, ALL_CONTAINERS);
    channel = await TestChannel.start();
  });
  after(async () => {
    await channel.close();
    await handle.close();
  });

  it('retries a 429 and delivers the message once', async () => {
    channel.failNext(429, 2);
    const before = channel.messages().length;
    assert.equal(await messenger().send('test:one', reference(), { text: 'Urgent enquiry ENQ-2026-00001' }), 'sent');
    const sent = channel.messages().slice(before);
    assert.equal(sent.filter((m) => m.text === 'Urgent enquiry ENQ-2026-00001').length, 1);
  });

  it('keeps a message it could not send as pending, and sends it on the next retry sweep', async () => {
    channel.failNext(429, 1000);
    delays.length = 0;
    const m = messenger(3);
    assert.equal(await m.send('test:two', reference(), { text: 'Reply to ENQ-2026-00002' }), 'pending');
    // Our own back-off between attempts (on top of the connector client's): exponential, with jitter.
    assert.equal(delays.length, 2);
    for (const [i, d] of delays.entries()) assert.ok(d >= 100 * 2 ** i && d < 100 * 2 ** i + 100, `delay ${i} = ${d}`);
    const { resources } = await handle.container(NOTIFICATIONS_CONTAINER.id).items.query("SELECT * FROM c WHERE c.purpose = 'test:two'").fetchAll();
    assert.equal(resources[0]?.status, 'pending');
    channel.failNext(429, 0);
    assert.equal(await m.retryPending(), 1);
    assert.ok(channel.messages().some((x) => x.text === 'Reply to ENQ-2026-00002'));
    assert.equal(await m.retryPending(), 0, 'nothing left to send');
  });

  it('does not retry a permanent refusal (403), and records it as failed', async () => {
    channel.failNext(403, 1);
    assert.equal(await messenger().send('test:three', reference(), { text: 'x' }), 'failed');
  });
});
