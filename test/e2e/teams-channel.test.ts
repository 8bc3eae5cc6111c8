import assert from 'node:assert/strict';
import { TestChannel } from '../helpers/channel';
import { replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

const BOT = { id: '28:send-assistant', name: 'SEND Assistant' };

describe('Teams: in a team channel the assistant answers only when mentioned', function () {
  this.timeout(30_000);
  let service: RunningService;
  let channel: TestChannel;
  before(async () => {
    service = await startService();
    channel = await TestChannel.start();
  });
  after(async () => {
    await channel?.close();
    await service?.close();
  });

  const post = (id: string, text: string, mentioned: boolean, conversationType = 'channel') =>
    channel.post(service.url, {
      type: 'message',
      id,
      channelId: 'msteams',
      from: { id: '29:someone', name: 'Someone' },
      recipient: BOT,
      conversation: { id: `19:team-channel-${conversationType}`, conversationType, isGroup: true } as never,
      text: mentioned ? `<at>SEND Assistant</at> ${text}` : text,
      ...(mentioned ? { entities: [{ type: 'mention', mentioned: BOT, text: '<at>SEND Assistant</at>' }] } : {}),
    });

  it('stays quiet when not mentioned, and answers when mentioned', async () => {
    assert.ok((await post('m1', 'what is an EHC plan', false)).status < 300);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(channel.messages().length, 0, 'the bot must not answer an un-mentioned channel message');

    assert.ok((await post('m2', 'what is an EHC plan', true)).status < 300);
    const until = Date.now() + 10_000;
    while (channel.messages().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.match(replyText(channel.messages()), /EHC plan/i);
  });

  it('answers every message in a personal chat', async () => {
    const before = channel.messages().length;
    assert.ok((await post('m3', 'hello', false, 'personal')).status < 300);
    const until = Date.now() + 10_000;
    while (channel.messages().length === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(channel.messages().length > before);
  });
});
