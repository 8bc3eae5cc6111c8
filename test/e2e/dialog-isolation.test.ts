import assert from 'node:assert/strict';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

describe('dialogs are kept per conversation', function () {
  this.timeout(60_000);
  let service: RunningService;
  before(async () => {
    service = await startService();
  });
  after(async () => service.close());

  it('does not carry a dialog from one conversation into another, even for the same person', async () => {
    const first = await DirectLineClient.open(service.url, 'parent:P0001');
    const second = await DirectLineClient.open(service.url, 'parent:P0001');
    await Promise.all([first.botReplies(), second.botReplies()]);
    assert.match(replyText(await first.say('check my child’s plan')), /verify who you are/);
    assert.match(replyText(await first.say('EHC-000001')), /date of birth/);
    // The second conversation has no dialog waiting: "14/3/2015" is just free text there.
    const elsewhere = replyText(await second.say('14/3/2015'));
    assert.doesNotMatch(elsewhere, /If the details match our records/);
    // And the first is still waiting for its date of birth.
    assert.match(replyText(await first.say('14/3/2015')), /If the details match our records/);
  });
});
