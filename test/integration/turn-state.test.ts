import assert from 'node:assert/strict';
import { createLocalChannelState } from '../../bot/app';
import { BOT_STATE_CONTAINER } from '../../bot/storage/state-storage';
import { CountingCosmos } from '../helpers/cosmos';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

interface StateDoc {
  key: string;
  state: Record<string, unknown>;
}

async function stateDocs(service: RunningService, conversationId: string): Promise<StateDoc[]> {
  const { resources } = await service.app.cosmos.container(BOT_STATE_CONTAINER.id).items.query<StateDoc>('SELECT * FROM c').fetchAll();
  return resources.filter((d) => d.key.includes(conversationId));
}

describe('turn state in Cosmos (real SDK, embedded server)', () => {
  let cosmos: CountingCosmos;
  let service: RunningService;

  before(async () => {
    cosmos = await CountingCosmos.start();
    service = await startService({}, { embeddedCosmos: cosmos.embedded });
  });
  after(async () => {
    await service.close();
    await cosmos.close();
  });

  it('stores only the dialog state for a conversation, never the TurnContext', async () => {
    const chat = await DirectLineClient.open(service.url);
    await chat.botReplies();
    const prompt = replyText(await chat.say({ value: { action: 'askQuestion' } }));
    assert.match(prompt, /What would you like to know\?/);

    const docs = await stateDocs(service, chat.conversationId);
    const conversation = docs.find((d) => d.key.includes('/conversations/'));
    assert.ok(conversation, 'the conversation state document exists');
    assert.deepEqual(Object.keys(conversation.state), ['dialogState']);
    const stack = (conversation.state.dialogState as { dialogStack: { id: string }[] }).dialogStack;
    assert.equal(stack[0]?.id, 'askQuestion');
    const json = JSON.stringify(conversation);
    for (const leak of ['_adapter', 'turnState', '_respondedRef', 'serviceUrl', 'onTurnError']) {
      assert.ok(!json.includes(leak), `the stored state must not contain ${leak}`);
    }
    const user = docs.find((d) => d.key.includes('/users/'));
    assert.equal(user, undefined, 'nothing is written for an unchanged user state');
  });

  it('costs one round trip of reads and no write on a plain turn, one write when the dialog moves', async () => {
    const chat = await DirectLineClient.open(service.url);
    await chat.botReplies();

    let mark = cosmos.mark;
    await chat.say('hello');
    const plain = cosmos.since(mark);
    const plainReads = plain.filter((r) => r.kind === 'read').length;
    const plainWrites = plain.filter((r) => r.kind === 'write').length;
    console.log(`      plain turn: ${plainReads} point reads (in parallel), ${plainWrites} writes, ${plain.length} requests in all`);
    assert.ok(plainReads <= 2, `reads: ${JSON.stringify(plain)}`);
    assert.equal(plainWrites, 0);
    assert.equal(plain.length, plainReads, `nothing but the state reads: ${JSON.stringify(plain)}`);

    mark = cosmos.mark;
    await chat.say({ value: { action: 'askQuestion' } });
    const moving = cosmos.since(mark);
    console.log(`      dialog turn: ${moving.filter((r) => r.kind === 'read').length} reads, ${moving.filter((r) => r.kind === 'write').length} write`);
    assert.ok(moving.filter((r) => r.kind === 'read').length <= 2);
    assert.equal(moving.filter((r) => r.kind === 'write').length, 1);
  });
});

describe('a conversation survives a restart of the bot (new app instance, same Cosmos)', () => {
  let cosmos: CountingCosmos;

  before(async () => {
    cosmos = await CountingCosmos.start();
  });
  after(async () => {
    await cosmos.close();
  });

  it('carries on the dialog after the first instance has stopped', async () => {
    // Direct Line is a service outside the bot: both instances sit behind the same one.
    const localChannel = createLocalChannelState();
    const first = await startService({}, { embeddedCosmos: cosmos.embedded, localChannel });
    const chat = await DirectLineClient.open(first.url);
    await chat.botReplies();
    assert.match(replyText(await chat.say({ value: { action: 'askQuestion' } })), /What would you like to know\?/);
    await first.close();

    const second = await startService({}, { embeddedCosmos: cosmos.embedded, localChannel });
    chat.moveTo(second.url);
    const reply = replyText(await chat.say('what is an EHC plan'));
    assert.match(reply, /EHC plan \(education, health and care plan\) is a legal document/);
    assert.ok(!reply.includes('What would you like to know?'), 'the second instance did not start over');
    const docs = (await stateDocs(second, chat.conversationId)).filter((d) => d.key.includes('/conversations/'));
    assert.equal(docs.length, 1);
    assert.deepEqual(docs[0]?.state, {}, 'the dialog finished on the second instance, leaving no stack behind');
    await second.close();
  });
});
