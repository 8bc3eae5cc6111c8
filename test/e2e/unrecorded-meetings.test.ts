import assert from 'node:assert/strict';
import { createRecords, type Records } from '../../bot/records';
import { generateDemoData } from '../../bot/records/demo-data';
import { addDays, englandDateOf, formatLongDate } from '../../bot/statutory';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Meetings booked but never recorded (the Ombudsman's finding): the weekly reminder to the
 * caseworker in Teams and the email to the school, answered from the card, with the races the
 * issue names; and every such meeting in the demo data resolved in chat from the overdue list.
 */
describe('meetings booked but never recorded: reminders, answers from the card, and clearing the list', function () {
  this.timeout(120_000);
  let service: RunningService;
  let records: Records;
  let offsetDays = 0;
  const now = (): Date => new Date(Date.now() + offsetDays * DAY);
  const today = englandDateOf(new Date());
  const data = generateDemoData({ today });
  const planOf = (ref: string) => data.plans.find((p) => p.id === ref)!;
  const meetingOf = (ref: string) => data.reviews.find((r) => r.planRef === ref && r.status === 'booked' && r.proposedDate < today)!;
  const mine = data.planted.meetingsNotRecorded.find((ref) => planOf(ref).caseworkerId === 'S001')!;

  async function outbox(to: string): Promise<{ subject?: string; body: string }[]> {
    const res = await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent(to)}`);
    return ((await res.json()) as { messages: { subject?: string; body: string }[] }).messages;
  }

  beforeEach(async () => {
    offsetDays = 0;
    service = await startService({ DEMO_DATA: 'true' }, { now });
    records = createRecords(service.app.cosmos);
  });
  afterEach(async () => {
    await service?.close();
  });

  async function installed(persona: string, id: string, name: string): Promise<DirectLineClient> {
    const chat = await DirectLineClient.open(service.url, persona);
    await chat.botReplies();
    assert.equal((await chat.installApp({ id, name })).status, 200);
    await chat.botReplies();
    return chat;
  }

  it('reminds the caseworker in Teams and emails the school, once a week until answered; the card answers it', async () => {
    assert.ok(mine, 'the demo data has a meeting booked but not recorded on S001’s caseload');
    const meeting = meetingOf(mine);
    const school = meeting.invitees.find((i) => i.role === 'head_or_setting')!.email!;
    const child = data.children.find((c) => c.id === planOf(mine).childId)!;
    const chat = await installed('staff:S001', '29:s001', 'Sam Okafor');

    const chased = await service.app.jobs.chaseUnrecordedMeetings();
    assert.equal(chased, data.planted.meetingsNotRecorded.length, 'every such meeting is chased (all are more than 2 working days old)');
    const cards = (await chat.poll()).filter((a) => a.type === 'message');
    const card = cards.find((a) => (a.text ?? '').includes(mine));
    assert.ok(card, 'the caseworker gets a card about their meeting');
    assert.match(card.text ?? '', new RegExp(`Did the review for ${child.givenName} \\(${mine}\\) happen on ${formatLongDate(meeting.proposedDate)}\\?`));
    assert.match(card.text ?? '', /Reminder 1/);
    const emails = await outbox(school);
    assert.equal(emails.length, 1, 'the school is emailed once');
    assert.match(emails[0]!.body, /regulation 20\(7\)/);
    assert.match(emails[0]!.body, new RegExp(`EHC plan ${mine}, which was booked for ${formatLongDate(meeting.proposedDate)}`));

    assert.equal(await service.app.jobs.chaseUnrecordedMeetings(), 0, 'not again the same week');
    offsetDays = 3;
    assert.equal(await service.app.jobs.chaseUnrecordedMeetings(), 0, 'not again within the week');
    offsetDays = 7;
    // A week on, the same meetings again, and any other booked meeting whose date has since passed by 2 working days.
    assert.ok((await service.app.jobs.chaseUnrecordedMeetings()) >= data.planted.meetingsNotRecorded.length, 'again a week later');
    const second = (await chat.poll()).find((a) => (a.text ?? '').includes(mine));
    assert.match(second?.text ?? '', /Reminder 2/);
    assert.equal((await outbox(school)).length, 2);
    const review = (await records.reviews.forPlan(mine as never, planOf(mine).childId)).find((r) => r.id === meeting.id)!;
    assert.equal(review.history.filter((h) => h.change === 'reminder_sent' && h.by === 'system').length, 2, 'each reminder is kept in the meeting’s history');
    assert.ok((await records.audit.forRecord(meeting.id)).some((e) => e.action === 'review.chase' && e.actor.role === 'system'));

    // "No, it was not held" on the card: the reason, then the booking of the new meeting. A second press changes nothing.
    const buttons = (card.attachments?.[0]?.content as { actions: { title: string; data: Record<string, string> }[] }).actions;
    assert.deepEqual(
      buttons.map((b) => b.title),
      ['Yes, it was held', 'No, it was not held', 'Not sure: ask the school'],
    );
    const notHeld = buttons[1]!.data;
    assert.match(replyText(await chat.say({ value: notHeld })), /Why did the meeting not take place\?/);
    const recorded = replyText(await chat.say('The child was in hospital'));
    assert.match(recorded, new RegExp(`Recorded: the meeting for ${mine} booked for ${formatLongDate(meeting.proposedDate)} did not take place`));
    assert.match(recorded, /What date would you like for the meeting\?/);
    assert.match(replyText(await chat.say({ value: notHeld })), /already recorded as not held, by Sam Okafor/);
    const after = await records.reviews.get(meeting.id);
    assert.equal(after.status, 'not_held');
    assert.equal(after.notHeldReason, 'The child was in hospital');
    assert.equal(after.history.at(-1)!.by, 'S001');
    assert.ok((await records.audit.forRecord(meeting.id)).some((e) => e.action === 'review.record_outcome' && e.actor.id === 'S001'));
    offsetDays = 14;
    await service.app.jobs.chaseUnrecordedMeetings();
    assert.equal((await chat.poll()).filter((a) => (a.text ?? '').includes(mine)).length, 0, 'no reminder once it is answered');
  });

  it('tells the caseworker who answered first, refuses a plan that moved to another caseworker, and a forged card', async () => {
    const chat = await installed('staff:S001', '29:s001', 'Sam Okafor');
    const meeting = meetingOf(mine);
    // The manager answers first, in their own chat, while S001's card is open.
    const manager = await DirectLineClient.open(service.url, 'staff:S007');
    await manager.botReplies();
    assert.match(replyText(await manager.say({ value: { action: 'unrecordedMeeting', planRef: mine, reviewId: meeting.id, answer: 'not_held' } })), /Why did the meeting/);
    await manager.say('The family moved house that week');
    const late = replyText(await chat.say({ value: { action: 'unrecordedMeeting', planRef: mine, reviewId: meeting.id, answer: 'held' } }));
    assert.match(late, new RegExp(`The meeting for ${mine} was already recorded as not held, by Helen Marsh on ${formatLongDate(today)}\\. Nothing has been changed\\.`));

    // A plan moved to another caseworker between the reminder and the answer.
    const other = data.planted.meetingsNotRecorded.find((ref) => ref !== mine)!;
    const plan = await records.plans.get(other as never);
    await records.plans.store.replace({ ...plan, caseworkerId: 'S002' }, plan.etag, 'test');
    const moved = { action: 'unrecordedMeeting', planRef: other, reviewId: meetingOf(other).id, answer: 'not_held' };
    assert.match(replyText(await chat.say({ value: moved })), /not one you can record meetings for\. It may have moved to another caseworker\. Nothing has been changed\./);
    // A forged card: an unknown field, or a review id that is not a review id.
    for (const forged of [
      { action: 'unrecordedMeeting', planRef: mine, answer: 'held', extra: 'x' },
      { action: 'unrecordedMeeting', planRef: mine, reviewId: '../../etc', answer: 'held' },
      { action: 'unrecordedMeeting', planRef: mine, answer: 'delete' },
    ]) {
      assert.doesNotMatch(replyText(await chat.say({ value: forged })), /Why did the meeting|On what date was it held/);
    }
    assert.equal((await records.reviews.get(meetingOf(other).id as never)).status, 'booked', 'nothing changed on the moved plan');
  });

  it('lets each caseworker resolve every meeting booked but not recorded in the demo data from the overdue list', async () => {
    const before = (await records.compliance.meetingsNotRecorded(today)).length;
    assert.equal(before, data.planted.meetingsNotRecorded.length);
    assert.ok(before >= 3);
    const byCaseworker = new Map<string, string[]>();
    for (const ref of data.planted.meetingsNotRecorded) byCaseworker.set(planOf(ref).caseworkerId!, [...(byCaseworker.get(planOf(ref).caseworkerId!) ?? []), ref]);
    let n = 0;
    for (const [staffId, refs] of byCaseworker) {
      const chat = await DirectLineClient.open(service.url, `staff:${staffId}`);
      await chat.botReplies();
      for (const ref of refs) {
        const overdue = await chat.say("what's overdue");
        const card = overdue.flatMap((a) => a.attachments ?? []).find((a) => JSON.stringify(a.content).includes(`"planRef":"${ref}"`));
        assert.ok(card, `${staffId}'s overdue list has a button for ${ref}`);
        const button = (card.content as { actions: { data: Record<string, string> }[] }).actions.find((a) => a.data.planRef === ref)!;
        assert.match(replyText(await chat.say({ value: button.data })), /has no record\. Was it held\?/);
        if (n++ % 2 === 0) {
          // Held: the date, who came, no report yet, no decision yet.
          await chat.say({ value: { action: 'answer', value: 'Yes, it was held' } });
          const held = addDays(today, -20);
          const [y, m, d] = held.split('-').map(Number);
          await chat.say(`${d}/${m}/${y}`);
          await chat.say('all');
          await chat.say('not yet');
          assert.match(replyText(await chat.say('Not decided yet')), new RegExp(`Recorded for ${ref}: meeting held on ${formatLongDate(held)}`));
        } else {
          await chat.say({ value: { action: 'answer', value: 'No, it was not held' } });
          assert.match(replyText(await chat.say('The SENCO was off sick')), /did not take place/);
          await chat.say('cancel');
        }
      }
    }
    const after = (await records.compliance.meetingsNotRecorded(today)).length;
    assert.equal(after, 0, 'none left');
    console.log(`      meetings booked but not recorded in the demo data: before ${before}, after resolving in chat ${after}`);
  });
});
