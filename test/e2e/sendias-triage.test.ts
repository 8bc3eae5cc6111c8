import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { createRecords, type Records } from '../../bot/records';
import type { Enquiry, NewEnquiry } from '../../bot/records/enquiries';
import { TestChannel } from '../helpers/channel';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { startService, type RunningService } from '../helpers/service';

const SENDIAS_CONVERSATION = '19:sendias-advisers@thread.tacv2';
const REFUSAL = /only for SENDIAS advisers/;

/** The `data` of the first card action with this action name, searching nested ShowCards too. */
function cardData(activities: readonly Partial<Activity>[], action: string): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const data = (node as { data?: { action?: unknown } }).data;
    if ((node as { type?: unknown }).type === 'Action.Submit' && data?.action === action) {
      found = data as Record<string, string>;
      return;
    }
    Object.values(node).forEach(walk);
  };
  for (const a of activities) walk(a.attachments?.map((x) => x.content));
  return found;
}

function newEnquiry(overrides: Partial<Omit<NewEnquiry, 'priority'>> & { priority?: Partial<Enquiry['priority']> } = {}): NewEnquiry {
  const { priority, ...rest } = overrides;
  return {
    contact: { name: 'Alex Testparent', email: 'alex.testparent@example.org' },
    contactPreference: 'email',
    consent: { storeAndContact: true, shareCasework: false, givenAt: new Date().toISOString() },
    channel: 'email',
    text: 'We need advice about our son’s annual review.',
    sharedCaseRefs: [],
    ...rest,
    priority: { outOfSchool: false, safeguarding: false, ...priority },
  };
}

describe('SENDIAS triage in Teams: the queue, its actions, replies to the family, urgent cards (HTTP)', function () {
  this.timeout(120_000);
  let service: RunningService;
  let sendiasChannel: TestChannel;
  const chats = new Map<string, DirectLineClient>();
  let records: Records;

  before(async () => {
    sendiasChannel = await TestChannel.start();
    service = await startService({
      DEMO_DATA: 'true',
      SENDIAS_CHANNEL_SERVICE_URL: sendiasChannel.serviceUrl,
      SENDIAS_CHANNEL_CONVERSATION_ID: SENDIAS_CONVERSATION,
    });
    records = createRecords(service.app.cosmos);
    // Start from an empty queue so the order is the test's own enquiries.
    for (const e of await records.enquiries.queue()) await records.enquiries.close(e, 'S008', 'Closed for the test.');
  });
  after(async () => {
    await sendiasChannel?.close();
    await service?.close();
  });

  /** Posts a Teams message (text or a card submission) to /api/messages as a staff persona; returns the bot's replies. */
  async function asStaff(persona: string, activity: { text?: string; value?: unknown }): Promise<Partial<Activity>[]> {
    let chat = chats.get(persona);
    if (!chat) {
      chat = await DirectLineClient.open(service.url, persona);
      await chat.botReplies();
      chats.set(persona, chat);
    }
    const { status, replies } = await chat.viaMessages({ type: 'message', id: randomUUID(), conversation: { conversationType: 'personal' } as never, ...activity });
    assert.equal(status, 200, `HTTP ${status}`);
    return replies;
  }

  let safeguarding: Enquiry & { etag: string };
  let outOfSchool: Enquiry & { etag: string };
  let ordinary: Enquiry & { etag: string };

  it('shows an adviser the queue, highest priority first, each with why, age, status and assignee, and filters', async () => {
    ordinary = await records.enquiries.create(newEnquiry());
    outOfSchool = await records.enquiries.create(newEnquiry({ priority: { outOfSchool: true } }));
    safeguarding = await records.enquiries.create(newEnquiry({ priority: { safeguarding: true } }));
    const replies = await asStaff('staff:S008', { text: 'show the queue' });
    const text = replyText(replies);
    assert.match(text, /Open SENDIAS enquiries: 3/);
    const order = [safeguarding.id, outOfSchool.id, ordinary.id].map((ref) => replies[0]!.text!.indexOf(ref));
    assert.ok(order.every((i) => i >= 0) && order[0]! < order[1]! && order[1]! < order[2]!, `order ${order.join(',')}\n${replies[0]!.text}`);
    assert.match(text, new RegExp(`${safeguarding.id}: Urgent\\. Why: Safeguarding concern`));
    assert.match(text, new RegExp(`${outOfSchool.id}: High\\. Why: Child out of school`));
    assert.match(text, new RegExp(`${ordinary.id}: Normal\\. Why: no urgent factors`));
    assert.match(text, /Received \d{1,2} \w+ 20\d\d \(today\)\. Status: New\. Assigned to: Not assigned\./);
    assert.match(text, /Acknowledge by \d{1,2} \w+ 20\d\d/);
    // The safeguarding contacts are shown to the adviser with that enquiry.
    assert.match(text, /Safeguarding contacts: .*01632 960000; 999 .*Childline 0800 1111/);
    assert.equal(replies[0]!.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    for (const f of ['open', 'unassigned', 'mine', 'overdue']) assert.ok(JSON.stringify(replies[0]!.attachments).includes(`"filter":"${f}"`), f);
    assert.deepEqual(cardData(replies, 'sendiasAssignMe'), { action: 'sendiasAssignMe', ref: safeguarding.id, etag: safeguarding.etag });

    const mine = replyText(await asStaff('staff:S008', { value: { action: 'sendiasQueue', filter: 'mine' } }));
    assert.match(mine, /SENDIAS enquiries assigned to you: 0/);
    const overdue = replyText(await asStaff('staff:S008', { value: { action: 'sendiasQueue', filter: 'overdue' } }));
    assert.match(overdue, /not acknowledged in time: 0/);
  });

  it('refuses a caseworker and a team manager the queue and every queue action, changes nothing, and audits the refusals', async () => {
    const e = await records.enquiries.get(ordinary.id);
    const actions = [
      { action: 'sendiasQueue' },
      { action: 'sendiasQueue', filter: 'unassigned' },
      { action: 'sendiasOpen', ref: e.id },
      { action: 'sendiasAssignMe', ref: e.id, etag: e.etag },
      { action: 'sendiasReassign', ref: e.id, etag: e.etag, assignee: 'S009' },
      { action: 'sendiasNote', ref: e.id, etag: e.etag, note: 'A note', contacted: 'true' },
      { action: 'sendiasReply', ref: e.id, etag: e.etag, reply: 'Hello' },
      { action: 'sendiasPriority', ref: e.id, etag: e.etag, safeguarding: 'true' },
      { action: 'sendiasClose', ref: e.id, etag: e.etag, outcome: 'advice_given' },
    ];
    for (const persona of ['staff:S001', 'staff:S007']) {
      const text = replyText(await asStaff(persona, { text: 'show the queue' }));
      assert.match(text, REFUSAL, persona);
      assert.doesNotMatch(text, /ENQ-/);
      for (const value of actions) {
        const reply = replyText(await asStaff(persona, { value }));
        assert.match(reply, REFUSAL, `${persona} ${value.action}`);
        assert.doesNotMatch(reply, /ENQ-|Alex/, `${persona} ${value.action} reveals nothing`);
      }
    }
    const after = await records.enquiries.get(e.id);
    assert.equal(after.etag, e.etag, 'nothing changed');
    for (const actor of ['S001', 'S007']) {
      const denied = (await records.audit.byActor(actor)).filter((a) => a.outcome === 'denied' && a.action.startsWith('enquiry.'));
      assert.ok(denied.length >= actions.length + 1, `${actor}: ${denied.length} denials audited`);
    }
    assert.equal(sendiasChannel.messages().length, 0);
  });

  it('two advisers pressing "assign to me" at once: exactly one assignee, the other told who has it', async () => {
    const e = await records.enquiries.get(outOfSchool.id);
    const press = { action: 'sendiasAssignMe', ref: e.id, etag: e.etag };
    const [ravi, kate] = await Promise.all([asStaff('staff:S008', { value: press }), asStaff('staff:S009', { value: press })]);
    const after = await records.enquiries.get(e.id);
    assert.ok(after.assigneeId === 'S008' || after.assigneeId === 'S009');
    assert.equal(after.status, 'assigned');
    assert.equal(after.notes.filter((n) => n.text.startsWith('Assigned to')).length, 1, 'one assignment');
    const [winner, loser, winnerName] = after.assigneeId === 'S008' ? [ravi, kate, 'Ravi Desai'] : [kate, ravi, 'Kate Lowe'];
    assert.match(replyText(winner), new RegExp(`${e.id} is now assigned to you`));
    assert.match(replyText(loser), new RegExp(`${e.id} changed after that card was sent\\. It is assigned to ${winnerName}\\. Nothing has changed`));

    // Pressing again on the same old card is harmless for the one who has it.
    const again = replyText(await asStaff(`staff:${after.assigneeId}`, { value: press }));
    assert.match(again, /already assigned to you\. Nothing has changed/);
    assert.equal((await records.enquiries.get(e.id)).etag, after.etag);
  });

  it('reassigns, adds a note (marking it acknowledged), refuses a stale card, and closes with an outcome once', async () => {
    let e = await records.enquiries.get(ordinary.id);
    const opened = await asStaff('staff:S008', { value: { action: 'sendiasOpen', ref: e.id } });
    assert.match(replyText(opened), /What they said/);
    assert.deepEqual(cardData(opened, 'sendiasReassign'), { action: 'sendiasReassign', ref: e.id, etag: e.etag });
    assert.match(JSON.stringify(opened[0]!.attachments), /"title":"Kate Lowe","value":"S009"/);

    let reply = replyText(await asStaff('staff:S008', { value: { action: 'sendiasReassign', ref: e.id, etag: e.etag, assignee: 'S009' } }));
    assert.match(reply, new RegExp(`${e.id} is now assigned to Kate Lowe`));
    reply = replyText(await asStaff('staff:S008', { value: { action: 'sendiasReassign', ref: e.id, etag: e.etag, assignee: 'S001' } }));
    assert.match(reply, /only assign an enquiry to a SENDIAS adviser/);
    // A note on the card drawn before the reassignment: stale, nothing saved.
    reply = replyText(await asStaff('staff:S008', { value: { action: 'sendiasNote', ref: e.id, etag: e.etag, note: 'Phoned the family.', contacted: 'true' } }));
    assert.match(reply, /changed after that card was sent\. It is assigned to Kate Lowe\. Nothing has changed/);
    e = await records.enquiries.get(e.id);
    assert.equal(e.acknowledgedAt, undefined);
    reply = replyText(await asStaff('staff:S009', { value: { action: 'sendiasNote', ref: e.id, etag: e.etag, note: 'Phoned the family.', contacted: 'true' } }));
    assert.match(reply, /Note added to .* marked as acknowledged/);
    e = await records.enquiries.get(e.id);
    assert.ok(e.acknowledgedAt);
    assert.equal(e.notes.at(-1)?.text, 'Phoned the family.');

    // A forged submission (an extra field) changes nothing.
    reply = replyText(await asStaff('staff:S009', { value: { action: 'sendiasClose', ref: e.id, etag: e.etag, outcome: 'advice_given', assigneeId: 'S001' } }));
    assert.match(reply, /could not use that/);
    reply = replyText(await asStaff('staff:S009', { value: { action: 'sendiasClose', ref: e.id, etag: e.etag, outcome: '' } }));
    assert.match(reply, /choose an outcome/);
    reply = replyText(await asStaff('staff:S009', { value: { action: 'sendiasClose', ref: e.id, etag: e.etag, outcome: 'signposted', closeNote: 'Sent the local offer link.' } }));
    assert.match(reply, new RegExp(`${e.id} is closed: signposted to another service`));
    const closed = await records.enquiries.get(e.id);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'signposted');
    reply = replyText(await asStaff('staff:S009', { value: { action: 'sendiasClose', ref: e.id, etag: e.etag, outcome: 'signposted' } }));
    assert.match(reply, /already closed \(Signposted to another service\)\. Nothing has changed/);
    assert.equal((await records.enquiries.get(e.id)).etag, closed.etag);
  });

  it('a reply to a family not in web chat goes by email, per their preference', async () => {
    const e = await records.enquiries.get(outOfSchool.id);
    const adviser = `staff:${e.assigneeId}`;
    const reply = replyText(await asStaff(adviser, { value: { action: 'sendiasReply', ref: e.id, etag: e.etag, reply: 'Please send me the letter from the school.' } }));
    assert.match(reply, /is saved\. It has gone to them by email/);
    const outbox = (await (await fetch(`${service.url}/dev/outbox?to=${encodeURIComponent('alex.testparent@example.org')}`)).json()) as {
      messages: { subject?: string; body: string }[];
    };
    assert.ok(outbox.messages.some((m) => m.body.includes('Please send me the letter from the school.') && m.body.includes(e.id)));
    const after = await records.enquiries.get(e.id);
    assert.equal(after.status, 'waiting_for_family');
    assert.ok(after.acknowledgedAt, 'a reply is the acknowledgement');
    assert.deepEqual(
      after.messages?.map((m) => [m.from, m.by, m.delivery]),
      [['adviser', e.assigneeId, 'email']],
    );
  });

  it('an adviser marking an enquiry as safeguarding posts an urgent card to the SENDIAS channel, retrying a 429, once', async () => {
    const e = await records.enquiries.create(newEnquiry({ text: 'Our daughter has a hearing soon and we are worried.' }));
    sendiasChannel.failNext(429, 2);
    const reply = replyText(
      await asStaff('staff:S008', { value: { action: 'sendiasPriority', ref: e.id, etag: e.etag, safeguarding: 'true', appealDeadline: '', tribunalHearing: '' } }),
    );
    assert.match(reply, new RegExp(`Priority details of ${e.id} saved\\. It is now urgent\\. The SENDIAS channel has been told`));
    const cards = sendiasChannel.messages().filter((m) => m.text?.includes(e.id));
    assert.equal(cards.length, 1, 'delivered once after two 429s');
    assert.equal((sendiasChannel as unknown as { failures?: { remaining: number } }).failures?.remaining, 0, 'both 429s were met and retried');
    // Stored before it was sent, and marked sent (the Bot Framework connector client itself retried the 429s, honouring Retry-After).
    const { resources: stored } = await service.app.cosmos
      .container('notifications')
      .items.query<{ status: string; attempts: number }>({ query: 'SELECT * FROM c WHERE c.purpose = @p', parameters: [{ name: '@p', value: `sendias-urgent:${e.id}` }] })
      .fetchAll();
    assert.deepEqual(
      stored.map((n) => n.status),
      ['sent'],
    );
    assert.equal(cards[0]!.conversation?.id, SENDIAS_CONVERSATION);
    assert.match(replyText(cards), /New urgent SENDIAS enquiry .*\nWhy: Safeguarding concern/);
    assert.match(replyText(cards), /Childline 0800 1111/);
    assert.doesNotMatch(JSON.stringify(cards), /Alex|Testparent|worried/, 'no name or enquiry text in the channel');
    const updated = await records.enquiries.get(e.id);
    assert.equal(updated.priority.safeguarding, true);
    // Saving again with the same details changes nothing and posts nothing more.
    const again = replyText(await asStaff('staff:S008', { value: { action: 'sendiasPriority', ref: e.id, etag: updated.etag, safeguarding: 'true' } }));
    assert.match(again, /already like that/);
    const hearing = replyText(
      await asStaff('staff:S008', { value: { action: 'sendiasPriority', ref: e.id, etag: updated.etag, tribunalHearing: '2020-01-01', safeguarding: 'true' } }),
    );
    assert.match(hearing, /Priority details .* saved/);
    assert.equal(sendiasChannel.messages().filter((m) => m.text?.includes(e.id)).length, 1, 'one card per enquiry');
  });

  it('a parent’s web chat enquiry reaches the adviser, whose reply appears in the parent’s chat; the parent answers back', async () => {
    const parent = await DirectLineClient.open(service.url, 'anonymous');
    await parent.botReplies();
    const steps: [Partial<Activity> | string, RegExp][] = [
      [{ value: { action: 'contactSendias' } }, /What would you like help with/],
      ['Our son’s school says they cannot meet his needs and we do not know what to do.', /Can SENDIAS keep/],
      [{ value: { action: 'answer', value: 'Yes' } }, /out of school/],
      ['no', /child’s first name and age/],
      ['skip', /your name/],
      ['Sam Webparent', /How should SENDIAS contact you/],
      ['email', /email address/],
      ['sam.webparent@example.org', /Check before you send this to SENDIAS/],
      [{ value: { action: 'answer', value: 'Send to SENDIAS' } }, /reference is ENQ-\d{4}-\d{5}/],
    ];
    let last = '';
    for (const [say, expect] of steps) {
      last = replyText(await parent.say(say));
      assert.match(last, expect);
    }
    const ref = /ENQ-\d{4}-\d{5}/.exec(last)![0];

    const adviser = await DirectLineClient.open(service.url, 'staff:S008');
    await adviser.botReplies();
    assert.match(replyText(await adviser.say('show the queue')), new RegExp(`${ref}: Normal`));
    const opened = await adviser.say({ value: { action: 'sendiasOpen', ref } });
    assert.match(replyText(opened), /Replies go into their web chat/);
    const reply = cardData(opened, 'sendiasReply')!;
    assert.equal(reply.ref, ref);
    const sent = replyText(await adviser.say({ value: { ...reply, reply: 'Hello Sam, I am Ravi from SENDIAS. I can help you ask for a needs assessment.' } }));
    assert.match(sent, /It has appeared in their web chat/);

    const received = await parent.botReplies();
    const seen = replyText(received);
    assert.match(seen, new RegExp(`A SENDIAS adviser has replied about your enquiry ${ref}`));
    assert.match(seen, /I can help you ask for a needs assessment/);
    assert.deepEqual(cardData(received, 'sendiasFamilyReply'), { action: 'sendiasFamilyReply', ref });

    // Someone else's chat cannot answer into this enquiry.
    const stranger = await DirectLineClient.open(service.url, 'anonymous');
    await stranger.botReplies();
    assert.match(replyText(await stranger.say({ value: { action: 'sendiasFamilyReply', ref } })), /could not find an enquiry you can reply to/);

    assert.match(replyText(await parent.say({ value: { action: 'sendiasFamilyReply', ref } })), new RegExp(`What would you like to tell the SENDIAS adviser about ${ref}`));
    assert.match(replyText(await parent.say('Thank you. His review meeting is next Friday.')), new RegExp(`added your message to your enquiry ${ref}`));

    const enquiry = await records.enquiries.get(ref);
    assert.deepEqual(
      enquiry.messages?.map((m) => [m.from, m.delivery ?? null]),
      [
        ['adviser', 'web_chat'],
        ['family', null],
      ],
    );
    assert.equal(enquiry.messages?.[1]?.text, 'Thank you. His review meeting is next Friday.');
    assert.ok(enquiry.acknowledgedAt);
    assert.match(replyText(await adviser.say({ value: { action: 'sendiasOpen', ref } })), /the family: Thank you\. His review meeting is next Friday\./);
    const audit = await records.audit.forRecord(ref);
    assert.ok(audit.some((a) => a.action === 'enquiry.family_reply' && a.outcome === 'allowed'));
    assert.ok(audit.some((a) => a.action === 'enquiry.update' && a.actor.id === 'S008'));
  });
});
