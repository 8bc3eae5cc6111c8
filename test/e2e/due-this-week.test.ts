import assert from 'node:assert/strict';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

describe("what's due this week: on demand, and sent to staff each morning", function () {
  this.timeout(60_000);
  let service: RunningService;
  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
  });
  after(async () => {
    await service?.close();
  });

  it('lists a caseworker’s reviews, decisions and complaints due, on demand', async () => {
    const chat = await DirectLineClient.open(service.url, 'staff:S001');
    await chat.botReplies();
    const text = replyText(await chat.say("what's due this week"));
    assert.match(text, /What's due this week for your caseload/);
    assert.match(text, /Annual reviews due with no meeting booked \(\d+\)/);
    assert.match(text, /Complaint responses due by \d{1,2} \w+ 20\d\d/);
  });

  it('refuses a SENDIAS adviser', async () => {
    const chat = await DirectLineClient.open(service.url, 'staff:S008');
    await chat.botReplies();
    assert.match(replyText(await chat.say("what's due this week")), /Only caseworkers and team managers/);
  });

  it('sends the card once a day to staff who installed the app, into their personal chat', async () => {
    // Teams sends conversationUpdate when a member installs the app in personal scope.
    const chat = await DirectLineClient.open(service.url, 'staff:S001');
    await chat.botReplies();
    const install = await chat.installApp({ id: '29:s001', name: 'Sam Okafor' });
    assert.equal(install.status, 200);
    assert.ok(install.replies.length >= 1, 'a welcome on install');
    assert.equal(await service.app.jobs.dueThisWeek(), 1);
    const card = (await chat.poll()).filter((a) => a.type === 'message');
    assert.equal(card.length, 1);
    assert.match(replyText(card), /What's due this week for your caseload/);
    assert.equal(card[0]!.conversation?.id, chat.conversationId);
    assert.equal(await service.app.jobs.dueThisWeek(), 0, 'only once a day');
  });
});
