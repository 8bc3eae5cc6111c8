import assert from 'node:assert/strict';
import { CLOSED_ENQUIRY_RETENTION_SECONDS, ConflictError, Enquiry, InvalidStateError, ValidationError, enquiryPriority, type NewEnquiry } from '../../../bot/records';
import { openRecordsFixture, type RecordsFixture } from '../../helpers/records-cosmos';

const ENQUIRY: NewEnquiry = {
  contact: { name: 'Alex Parent', email: 'parent.p0400@example.org', contactId: 'P0400' },
  contactPreference: 'email',
  consent: { storeAndContact: true, shareCasework: true, givenAt: '2026-03-05T10:00:00.000Z' },
  channel: 'web_chat',
  text: "I would like help to prepare for my son's annual review.",
  sharedCaseRefs: ['C0400', 'EHC-000400'],
  priority: { outOfSchool: false, safeguarding: false },
};

describe('EnquiryRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture('2026-03-05');
  });
  after(async () => {
    await fx.close();
  });

  it('logs an enquiry in the SENDIAS queue under an ENQ reference', async () => {
    const enquiry = await fx.records.enquiries.create(ENQUIRY);
    assert.match(enquiry.id, /^ENQ-2026-\d{5}$/);
    assert.equal(enquiry.status, 'new');
    assert.equal(enquiry.queue, 'sendias');
    assert.deepEqual(await fx.records.enquiries.get(enquiry.id), enquiry);
  });

  it('logs one enquiry when the same submission arrives twice', async () => {
    const a = await fx.records.enquiries.create(ENQUIRY, { idempotencyKey: 'enquiry-dialog-42' });
    const b = await fx.records.enquiries.create(ENQUIRY, { idempotencyKey: 'enquiry-dialog-42' });
    assert.equal(a.id, b.id);
  });

  it('refuses shared casework without consent', async () => {
    await assert.rejects(
      fx.records.enquiries.create({ ...ENQUIRY, consent: { ...ENQUIRY.consent, shareCasework: false } }),
      (err: unknown) => err instanceof ValidationError && /casework can only be shared with consent/.test(err.message),
    );
  });

  it('assigns, notes and closes with eTag checks; a stale update fails', async () => {
    let e = await fx.records.enquiries.create(ENQUIRY);
    const stale = e;
    e = await fx.records.enquiries.assign(e, 'S008', 'S008');
    assert.equal(e.status, 'assigned');
    assert.equal(e.assigneeId, 'S008');
    await assert.rejects(fx.records.enquiries.assign(stale, 'S009', 'S009'), ConflictError);
    e = await fx.records.enquiries.acknowledge(e);
    assert.equal(e.acknowledgedAt, '2026-03-05T12:00:00.000Z');
    e = await fx.records.enquiries.addNote(e, { by: 'S008', text: 'Called the parent; sent the review guide.' });
    e = await fx.records.enquiries.close(e, 'S008', 'Advice given.');
    assert.equal(e.status, 'closed');
    assert.equal(e.ttl, CLOSED_ENQUIRY_RETENTION_SECONDS);
    assert.equal(e.notes.length, 3);
    await assert.rejects(fx.records.enquiries.assign(e, 'S009', 'S009'), InvalidStateError);
  });

  it('orders the queue by urgency, then age, and filters by adviser', async () => {
    const safeguarding = await fx.records.enquiries.create({ ...ENQUIRY, priority: { outOfSchool: false, safeguarding: true } });
    const hearing = await fx.records.enquiries.create({
      ...ENQUIRY,
      priority: { outOfSchool: false, safeguarding: false, tribunalHearing: '2026-04-10' },
    });
    const queue = await fx.records.enquiries.queue({ today: '2026-03-05' });
    assert.equal(queue[0]?.id, safeguarding.id);
    const hearingIndex = queue.findIndex((q) => q.id === hearing.id);
    assert.ok(queue.slice(hearingIndex + 1).every((q) => enquiryPriority(q, '2026-03-05').level === 'normal'));
    assert.ok(queue.every((q) => q.status !== 'closed'));
    const mine = await fx.records.enquiries.queue({ assigneeId: 'S009' });
    assert.ok(mine.every((q) => q.assigneeId === 'S009'));
  });

  it('rates a hearing within 14 days urgent and a child out of school high', () => {
    const sample = Enquiry.parse({
      ...ENQUIRY,
      id: 'ENQ-2026-00001',
      queue: 'sendias',
      docType: 'enquiry',
      status: 'new',
      notes: [],
      createdAt: '2026-03-05T10:00:00.000Z',
      updatedAt: '2026-03-05T10:00:00.000Z',
    });
    const rate = (priority: typeof sample.priority): string => enquiryPriority({ ...sample, priority }, '2026-03-05').level;
    assert.equal(rate({ outOfSchool: false, safeguarding: false, tribunalHearing: '2026-03-12' }), 'urgent');
    assert.equal(rate({ outOfSchool: false, safeguarding: true }), 'urgent');
    assert.equal(rate({ outOfSchool: true, safeguarding: false }), 'high');
    assert.equal(rate({ outOfSchool: false, safeguarding: false, tribunalHearing: '2026-04-20' }), 'high');
    assert.equal(rate({ outOfSchool: false, safeguarding: false }), 'normal');
  });
});
