import assert from 'node:assert/strict';
import { LOCAL_BOT_ACCOUNT } from '../../bot/app';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

describe('Teams: in a team channel the assistant answers only when mentioned', function () {
  this.timeout(30_000);
  let service: RunningService;
  before(async () => {
    service = await startService();
  });
  after(async () => {
    await service?.close();
  });

  const post = (chat: DirectLineClient, id: string, text: string, mentioned: boolean, conversationType = 'channel') =>
    chat.viaMessages({
      type: 'message',
      id,
      conversation: { conversationType, isGroup: conversationType !== 'personal' } as never,
      text: mentioned ? `<at>SEND Assistant</at> ${text}` : text,
      ...(mentioned ? { entities: [{ type: 'mention', mentioned: LOCAL_BOT_ACCOUNT, text: '<at>SEND Assistant</at>' }] } : {}),
    });

  it('stays quiet when not mentioned, and answers when mentioned', async () => {
    const chat = await DirectLineClient.open(service.url, 'staff:S001');
    await chat.botReplies();
    const quiet = await post(chat, 'm1', 'what is an EHC plan', false);
    assert.equal(quiet.status, 200);
    assert.equal(quiet.replies.length, 0, 'the bot must not answer an un-mentioned channel message');

    const mentioned = await post(chat, 'm2', 'what is an EHC plan', true);
    assert.equal(mentioned.status, 200);
    assert.match(replyText(mentioned.replies), /EHC plan/i);
  });

  it('answers every message in a personal chat', async () => {
    const chat = await DirectLineClient.open(service.url, 'staff:S001');
    await chat.botReplies();
    const personal = await post(chat, 'm3', 'hello', false, 'personal');
    assert.equal(personal.status, 200);
    assert.ok(personal.replies.length > 0);
  });
});
