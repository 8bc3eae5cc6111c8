import assert from 'node:assert/strict';
import { createRecords, type Records } from '../../bot/records';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

/**
 * What the conversation scripts cannot see: what is stored and sent when a caseworker presses
 * "Book meeting" twice at once — one meeting, one audit event, one invitation each, with the
 * calendar file attached.
 */
describe('book an annual review: what is stored and sent (HTTP through the local channel)', function () {
  this.timeout(120_000);
  let service: RunningService;
  let records: Records;

  before(async () => {
    service = await startService({ DEMO_DATA: 'true' });
    records = createRecords(service.app.cosmos);
  });
  after(async () => {
    await service?.close();
  });

  async function outbox(to: string): Promise<{ body: string; attachment?: { filename: string; contentType: string; content: string } }[]> {
    const res = await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(to)}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { messages: { body: string; attachment?: { filename: string; contentType: string; content: string } }[] }).messages;
  }

  it('books one meeting and sends one invitation with an .ics file when Book meeting is pressed twice at once', async () => {
    const plan = await records.plans.get('EHC-000002');
    const activeBefore = (await records.reviews.forPlan(plan.id, plan.childId)).filter((r) => r.status === 'booked' || r.status === 'rescheduled');
    assert.equal(activeBefore.length, 0, 'the demo plan starts with no meeting booked');
    const parent = (await records.parents.forChild(plan.childId)).find((p) => p.email);
    assert.ok(parent?.email);
    const sentBefore = (await outbox(parent.email)).length;

    const client = await DirectLineClient.open(service.url, 'staff:S001');
    let text = '';
    const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000);
    const date = `${inThreeWeeks.getUTCDate()}/${inThreeWeeks.getUTCMonth() + 1}/${inThreeWeeks.getUTCFullYear()}`;
    for (const said of ['book review EHC-000002', date, '10am', 'Online', 'Dr Sam Lee, sam.lee@example.org']) {
      text = replyText(await client.say(said, { quietMs: 600 }));
    }
    assert.match(text, /Check the meeting before you book it/);

    const confirm = { value: { action: 'answer', value: 'Book meeting' } };
    await Promise.all([client.send(confirm), client.send(confirm)]);
    text = replyText(await client.botReplies({ quietMs: 1500, timeoutMs: 15_000 }));
    assert.equal((text.match(/Booked: the annual review meeting/g) ?? []).length, 1, text);

    const active = (await records.reviews.forPlan(plan.id, plan.childId)).filter((r) => r.status === 'booked');
    assert.equal(active.length, 1);
    const [review] = active;
    assert.ok(review);
    assert.equal(review.startTime, '10:00');
    assert.ok(review.invitationsSent, 'invitations recorded as sent');
    assert.deepEqual(
      review.invitees.map((i) => i.role),
      ['parent_or_young_person', 'head_or_setting', 'la_sen_officer', 'health_professional', 'social_care', 'other'],
    );
    assert.equal(review.history.filter((h) => h.change === 'booked').length, 1);
    assert.equal(review.history.filter((h) => h.change === 'invitations_sent').length, 1);

    const toParent = (await outbox(parent.email)).slice(sentBefore);
    assert.equal(toParent.length, 1, 'one invitation to the parent');
    assert.equal(toParent[0]?.attachment?.filename, 'annual-review.ics');
    assert.equal(toParent[0]?.attachment?.contentType, 'text/calendar');
    assert.match(toParent[0]?.attachment?.content ?? '', /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/);
    assert.equal((await outbox('sam.lee@example.org')).length, 1, 'one invitation to the extra invitee');

    const audit = await records.audit.forRecord(review.id);
    assert.equal(audit.filter((e) => e.action === 'review.book' && e.outcome === 'allowed').length, 1);
  });
});
