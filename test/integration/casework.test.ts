import assert from 'node:assert/strict';
import { Casework, type ConversationRef } from '../../bot/casework';
import { AccessGuard } from '../../bot/identity/access';
import type { Identity } from '../../bot/identity/identity';
import { OutboxNotifier } from '../../bot/notify';
import { caseworkOn, type CaseworkFixture } from '../helpers/casework';
import { finalPlanInput, openRecordsFixture, recordsOn, type RecordsFixture } from '../helpers/records-cosmos';

/**
 * The casework use cases without a turn: an Identity and plain input in, a plain result out, over
 * the embedded Cosmos server through the real SDK, the real access guard and audit trail, and the
 * GOV.UK Notify outbox. Only the proactive messenger is a recorder (it is the Bot Connector's port).
 */
const TODAY = '2026-03-05';

const caseworker: Identity = { kind: 'staff', actorId: 'S601', name: 'Sam Okafor', roles: ['caseworker'], channel: 'teams' };
const otherCaseworker: Identity = { kind: 'staff', actorId: 'S602', name: 'Kate Lowe', roles: ['caseworker'], channel: 'teams' };
const adviser: Identity = { kind: 'staff', actorId: 'S603', name: 'Ade Adviser', roles: ['sendias_adviser'], channel: 'teams' };
const parent: Identity = { kind: 'parent', actorId: 'P0601', contactKind: 'parent_carer', childIds: ['C0601'], channel: 'web_chat', userKey: 'u-parent' };
const stranger: Identity = { kind: 'public', actorId: 'u-stranger', channel: 'web_chat' };

describe('casework use cases (embedded Cosmos, real guard and audit, no turn)', () => {
  let fx: RecordsFixture;
  let casework: Casework;
  let deps: ConstructorParameters<typeof Casework>[0];
  let outbox: OutboxNotifier;
  let planRef: string;
  let sent: CaseworkFixture['sent'];
  let remembered: CaseworkFixture['remembered'];

  before(async () => {
    fx = await openRecordsFixture(TODAY);
    const { records } = fx;
    await records.children.create({ id: 'C0601', givenName: 'Amelia', familyName: 'Test', dateOfBirth: '2015-03-14' });
    await records.parents.create({
      id: 'P0601',
      kind: 'parent_carer',
      givenName: 'Jo',
      familyName: 'Test',
      email: 'jo.test@example.org',
      preferredContact: 'email',
      childIds: ['C0601'],
    });
    for (const s of [caseworker, otherCaseworker, adviser]) {
      if (s.kind !== 'staff') continue;
      await records.staff.create({
        id: s.actorId,
        aadObjectId: `5e7d0000-0000-4000-8000-000000000${s.actorId.slice(1)}`,
        displayName: s.name,
        email: `${s.actorId.toLowerCase()}@example.org`,
        roles: [...s.roles],
        active: true,
      });
    }
    planRef = (await records.plans.create(finalPlanInput('C0601', '2025-04-01', { caseworkerId: 'S601' }))).id;
    ({ casework, deps, outbox, sent, remembered } = caseworkOn(records, fx.clock, TODAY));
  });
  after(async () => {
    await fx?.close();
  });

  describe('plans', () => {
    it('finds a plan for its caseworker and its child’s parent; for anyone else it does not exist, and the refusal is audited', async () => {
      assert.equal((await casework.plans.find(caseworker, planRef, 'review.book'))?.id, planRef);
      assert.equal((await casework.plans.find(parent, planRef))?.id, planRef);
      assert.equal(await casework.plans.find(otherCaseworker, planRef, 'review.book'), undefined);
      assert.equal(await casework.plans.find(stranger, planRef), undefined);
      const trail = await fx.records.audit.forChild('C0601');
      assert.ok(trail.some((e) => e.actor.id === 'S602' && e.outcome === 'denied' && e.action === 'review.book'));
      assert.ok(trail.some((e) => e.actor.id === 'P0601' && e.outcome === 'allowed' && e.action === 'plan.read'));
    });

    it('refuses a role that may never read plans before it reads anything (no child in the audit event)', async () => {
      assert.equal(await casework.plans.find(adviser, planRef), undefined);
      const denied = (await fx.records.audit.forRecord(planRef)).filter((e) => e.actor.id === 'S603');
      assert.equal(denied.length, 1);
      assert.equal(denied[0]!.outcome, 'denied');
      assert.equal(denied[0]!.childRef, undefined, 'the plan was not read, so its child is not known');
    });

    it('gives a staff member the child’s full name and a parent only the first name', async () => {
      const plan = (await casework.plans.find(caseworker, planRef))!;
      assert.equal((await casework.plans.status(caseworker, plan)).childName, 'Amelia Test');
      assert.equal((await casework.plans.status(parent, plan)).childName, 'Amelia');
    });
  });

  describe('reviews', () => {
    let reviewId: string;

    it('opens the plan for booking with its due date, and names the regulation 20(2) invitees from the records', async () => {
      const opened = await casework.reviews.openForBooking(caseworker, planRef);
      assert.equal(opened.kind, 'ready');
      if (opened.kind !== 'ready') return;
      assert.equal(opened.due, '2026-04-01');
      assert.equal(opened.active, undefined);
      const invitees = await casework.reviews.requiredInvitees(planRef);
      assert.deepEqual(
        invitees.map((i) => i.role),
        ['parent_or_young_person', 'head_or_setting', 'la_sen_officer', 'health_professional', 'social_care'],
      );
      assert.equal(invitees[0]!.name, 'Jo Test');
      assert.equal(invitees[2]!.name, 'Sam Okafor');
      const problems = casework.reviews.checkDate('2026-03-10', { due: opened.due });
      assert.ok(
        problems.some((p) => p.severity === 'block'),
        'less than 2 weeks’ notice is refused',
      );
      assert.deepEqual(
        casework.reviews.checkDate('2026-03-26', { due: opened.due }).map((p) => [p.severity, p.code]),
        [['warn', 'decisionAfterReviewDue']],
        'a date with notice is allowed, with a warning that the decision will come after the review was due',
      );
    });

    it('books once per key, audits it and sends one set of invitations with a calendar file', async () => {
      const rules = { due: '2026-04-01' };
      const invitees = await casework.reviews.requiredInvitees(planRef);
      const input = { planRef, date: '2026-03-26', startTime: '10:00', venue: { kind: 'online' as const }, invitees, key: 'review-key-1', rules };
      const [a, b] = await Promise.all([casework.reviews.book(caseworker, input), casework.reviews.book(caseworker, input)]);
      const kinds = [a.kind, b.kind].sort();
      assert.deepEqual(kinds, ['booked', 'repeat']);
      const booked = a.kind === 'booked' ? a : b;
      assert.equal(booked.kind, 'booked');
      if (booked.kind !== 'booked') return;
      reviewId = booked.review.id;
      assert.equal(booked.invitationsSent, TODAY);
      const emails = outbox.all().filter((m) => m.kind === 'email' && m.reference === planRef);
      assert.equal(emails.length, 2, 'the parent and the caseworker have email addresses');
      assert.ok(emails.every((m) => m.kind === 'email' && m.attachment?.filename === 'annual-review.ics'));
      assert.equal((await fx.records.reviews.forPlan(planRef, 'C0601')).length, 1);
      assert.ok((await fx.records.audit.forChild('C0601')).some((e) => e.action === 'review.book' && e.recordRef === reviewId));
    });

    it('refuses to book or cancel for someone whose caseload it is not, and changes nothing', async () => {
      const result = await casework.reviews.cancel(otherCaseworker, { planRef, reviewId, reason: 'Not mine', key: 'cancel-key-x' });
      assert.equal(result.kind, 'denied');
      assert.equal((await fx.records.reviews.get(reviewId as never)).status, 'booked');
    });

    it('moves the meeting, keeping its history, and tells everyone', async () => {
      const before = outbox.all().length;
      const moved = await casework.reviews.move(caseworker, { planRef, reviewId, date: '2026-03-27', reason: 'The head teacher is away', key: 'move-key-1' });
      assert.equal(moved.kind, 'moved');
      if (moved.kind !== 'moved') return;
      assert.equal(moved.from, '2026-03-26');
      assert.equal(moved.review.proposedDate, '2026-03-27');
      assert.ok(outbox.all().length > before);
    });

    it('records the meeting as held, who came and the decision; and says which steps were late', async () => {
      const records = recordsOn(fx.handle, '2026-04-30');
      const later = new Casework({ ...deps, records, guard: new AccessGuard(records.audit), clock: { now: () => new Date('2026-04-30T12:00:00Z'), today: () => '2026-04-30' } });
      const opened = await later.reviews.openForOutcome(caseworker, planRef);
      assert.equal(opened.kind, 'ready');
      if (opened.kind !== 'ready') return;
      assert.equal(await later.reviews.mayRecordOutcomes(parent), false);
      assert.equal((await later.reviews.recordOutcome(parent, { reviewId: opened.reviewId, held: '2026-03-27', attended: [1] })).kind, 'denied');
      const result = await later.reviews.recordOutcome(caseworker, {
        reviewId: opened.reviewId,
        held: '2026-03-27',
        attended: [1, 3],
        decision: { decision: 'maintain', on: '2026-04-29' },
      });
      assert.equal(result.kind, 'recorded');
      if (result.kind !== 'recorded') return;
      assert.deepEqual(
        result.review.attendance?.map((a) => a.attended),
        [true, false, true, false, false],
      );
      assert.match(result.steps.join('\n'), /Council decision: due by 24 April 2026, done on 29 April 2026, 5 days late \(SEND Regulations 2014, regulation 20\(10\)\)/);
    });
  });

  describe('complaints', () => {
    it('logs a complaint once per key with its response dates, linked only to a child the person may link', async () => {
      assert.deepEqual(
        (await casework.complaints.linkableChildren(parent)).map((c) => c.id),
        ['C0601'],
      );
      assert.equal(await casework.complaints.linkablePlan(otherCaseworker, planRef), undefined);
      const input = {
        category: 'delay' as const,
        happened: 'The plan was late by weeks.',
        outcome: 'An apology.',
        childId: 'C0601',
        name: 'Jo Test',
        way: 'email' as const,
        address: 'jo.test@example.org',
        key: 'complaint-key-1',
      };
      const first = casework.complaints.submit(parent, input);
      const again = casework.complaints.submit(parent, input);
      assert.equal(first.first, true);
      assert.equal(again.first, false);
      const { ref, reply } = await first.result;
      assert.equal((await again.result).ref, ref);
      assert.match(reply[1]!, /acknowledge it by \d+ March 2026 and send you a full response by \d+ \w+ 2026/);
      assert.equal(outbox.to('jo.test@example.org').filter((m) => m.reference === ref).length, 1);
      assert.equal((await fx.records.complaints.open()).filter((c) => c.id === ref).length, 1);
    });
  });

  describe('SENDIAS enquiries', () => {
    it('takes a family’s message, remembers their chat, and lets only an adviser act on it, with eTag checks', async () => {
      const chat: ConversationRef = { channelId: 'webchat', conversation: { id: 'conv-1' }, user: { id: 'user-1' } };
      const contact = casework.enquiries.contact(
        stranger,
        { name: 'Jo', way: 'email', address: 'jo.test@example.org', need: 'We need help with a transfer.', child: 'Sam, 9', outOfSchool: false, key: 'enquiry-key-1' },
        chat,
      );
      const { ref } = await contact.result;
      assert.equal(remembered.get(`enquiry:${ref}`), chat);
      assert.equal((await fx.records.enquiries.find(ref))?.text, 'We need help with a transfer.\n\nChild: Sam, 9');

      assert.equal((await casework.enquiries.assignToMe(caseworker, { ref, etag: '"x"' })).kind, 'denied');
      assert.equal(await casework.enquiries.queue(caseworker, 'open'), undefined);

      const view = await casework.enquiries.open(adviser, ref);
      assert.ok(typeof view === 'object');
      const etag = view.item.enquiry.etag;
      const assigned = await casework.enquiries.assignToMe(adviser, { ref, etag });
      assert.equal(assigned.kind, 'done');
      const stale = await casework.enquiries.addNote(adviser, { ref, etag }, { note: 'Called the family.', contacted: true });
      assert.equal(stale.kind, 'stale', 'a card drawn before the assignment is stale');
      assert.match(stale.kind === 'stale' ? stale.text : '', /changed after that card was sent\. It is assigned to Ade Adviser/);
      const again = await casework.enquiries.assignToMe(adviser, { ref, etag });
      assert.deepEqual(again, { kind: 'unchanged', text: `${ref} is already assigned to you. Nothing has changed.` });
    });

    it('sends an adviser’s reply into the family’s open web chat, and records how it went', async () => {
      const queue = await casework.enquiries.queue(adviser, 'mine');
      const item = queue!.items[0]!;
      const result = await casework.enquiries.replyToFamily(adviser, { ref: item.enquiry.id, etag: item.enquiry.etag }, 'We can help. I will call you on Monday.');
      assert.equal(result.kind, 'done');
      assert.match(result.kind === 'done' ? result.text : '', /It has appeared in their web chat/);
      const delivered = sent.find((s) => s.purpose === `enquiry-reply:${item.enquiry.id}`);
      assert.match(delivered?.message.text ?? '', /A SENDIAS adviser has replied about your enquiry/);
      const stored = await fx.records.enquiries.find(item.enquiry.id);
      assert.equal(stored?.messages?.at(-1)?.delivery, 'web_chat');
    });

    it('accepts the family’s answer only from the chat the enquiry came from', async () => {
      const queue = await casework.enquiries.queue(adviser, 'mine');
      const ref = queue!.items[0]!.enquiry.id;
      const key = (channelId: string, userId: string) => `${channelId}:${userId}`;
      const wrong = { conversationId: 'conv-2', channelId: 'webchat', userKey: 'webchat:user-1' };
      assert.equal(await casework.enquiries.addFamilyMessage(stranger, ref, wrong, key, 'Hello'), false);
      const right = { conversationId: 'conv-1', channelId: 'webchat', userKey: 'webchat:user-1' };
      assert.equal(await casework.enquiries.addFamilyMessage(stranger, ref, right, key, 'Monday is fine.'), true);
      assert.equal((await fx.records.enquiries.find(ref))?.messages?.at(-1)?.text, 'Monday is fine.');
    });
  });

  it('marks an enquiry urgent when the family’s words raise a safeguarding concern, and alerts the SENDIAS channel once', async () => {
    const withChannel = new Casework({ ...deps, sendias: { ackWorkingDays: 2, channel: { serviceUrl: 'https://smba.example.net/', conversationId: '19:sendias@thread.tacv2' } } });
    const { ref } = await withChannel.enquiries.contact(stranger, {
      name: 'Jo',
      way: 'email',
      address: 'jo.test@example.org',
      need: 'My son says he wants to kill himself and school will not help.',
      outOfSchool: false,
      key: 'enquiry-key-2',
    }).result;
    const stored = await fx.records.enquiries.find(ref);
    assert.equal(stored?.priority.safeguarding, true);
    assert.equal(sent.filter((s) => s.purpose === `sendias-urgent:${ref}`).length, 1);
  });

  describe('compliance', () => {
    it('gives caseworkers their caseload’s overdue and due lists, and refuses parents', async () => {
      assert.equal(await casework.compliance.overdue(parent), undefined);
      assert.equal(await casework.compliance.dueThisWeek(parent), undefined);
      const week = await casework.compliance.dueThisWeek(caseworker);
      assert.equal(week?.caseloadOnly, true);
      assert.equal(week?.weekEnd, '2026-03-12');
      const queue = await casework.compliance.complaintQueue(caseworker);
      assert.ok(queue && queue.open.length >= 1);
    });
  });
});
