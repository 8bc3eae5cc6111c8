import assert from 'node:assert/strict';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError, deadlinesOf, type NewComplaint } from '../../../bot/records';
import { openRecordsFixture, type RecordsFixture } from '../../helpers/records-cosmos';

const COMPLAINT: NewComplaint = {
  category: 'delay',
  childId: 'C0300',
  summary: 'The annual review meeting has not been arranged.',
  received: '2026-03-02',
  contact: { name: 'Alex Parent', email: 'Parent.P0300@Example.org', contactId: 'P0300' },
  contactPreference: 'email',
  channel: 'web_chat',
};

describe('ComplaintRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture('2026-03-05');
  });
  after(async () => {
    await fx.close();
  });

  it('logs a stage 1 complaint under a CMP reference and reads it back', async () => {
    const complaint = await fx.records.complaints.create(COMPLAINT);
    assert.match(complaint.id, /^CMP-2026-\d{5}$/);
    assert.equal(complaint.stage, 1);
    assert.equal(complaint.contact.email, 'parent.p0300@example.org', 'emails are stored in lower case');
    assert.deepEqual(await fx.records.complaints.get(complaint.id), complaint);
    assert.deepEqual(
      (await fx.records.complaints.forChild('C0300')).map((c) => c.id),
      [complaint.id],
    );
  });

  it('logs one complaint when the same submission arrives twice', async () => {
    const [a, b] = await Promise.all([
      fx.records.complaints.create({ ...COMPLAINT, childId: 'C0301' }, { idempotencyKey: 'complaint-dialog-123' }),
      fx.records.complaints.create({ ...COMPLAINT, childId: 'C0301' }, { idempotencyKey: 'complaint-dialog-123' }),
    ]);
    assert.equal(a.id, b.id);
    assert.equal((await fx.records.complaints.forChild('C0301')).length, 1);
  });

  it('computes the response deadline from the acknowledgement (LGSCO code, working days)', async () => {
    const complaint = await fx.records.complaints.create({ ...COMPLAINT, childId: 'C0302' });
    const acknowledged = await fx.records.complaints.acknowledge(complaint, '2026-03-04');
    assert.equal(deadlinesOf(acknowledged).respondBy, '2026-03-18');
  });

  it('answers, escalates to stage 2 and keeps the stage 1 record', async () => {
    let c = await fx.records.complaints.create({ ...COMPLAINT, childId: 'C0303', received: '2026-01-05' });
    c = await fx.records.complaints.assignHandler(c, 'S001');
    c = await fx.records.complaints.acknowledge(c, '2026-01-06');
    c = await fx.records.complaints.respond(c, { on: '2026-01-19', outcome: 'not_upheld' });
    c = await fx.records.complaints.escalate(c, '2026-02-02');
    assert.equal(c.stage, 2);
    assert.equal(c.received, '2026-02-02');
    assert.equal(c.responded, undefined);
    assert.deepEqual(c.previousStages, [{ stage: 1, received: '2026-01-05', acknowledged: '2026-01-06', responded: '2026-01-19', outcome: 'not_upheld', handlerId: 'S001' }]);
    await assert.rejects(fx.records.complaints.assignHandler(c, 'S001'), /stage 2 needs a different officer/);
    c = await fx.records.complaints.assignHandler(c, 'S007');
    assert.equal(c.handlerId, 'S007');
  });

  it('refuses to escalate a complaint that has not been answered', async () => {
    const complaint = await fx.records.complaints.create({ ...COMPLAINT, childId: 'C0304' });
    await assert.rejects(fx.records.complaints.escalate(complaint, '2026-03-05'), InvalidStateError);
  });

  it('rejects a stale update with ConflictError', async () => {
    const complaint = await fx.records.complaints.create({ ...COMPLAINT, childId: 'C0305' });
    await fx.records.complaints.acknowledge(complaint, '2026-03-03');
    await assert.rejects(fx.records.complaints.respond(complaint, { on: '2026-03-05', outcome: 'upheld' }), ConflictError);
  });

  it('lists open complaints and leaves out answered ones', async () => {
    const open = await fx.records.complaints.open();
    assert.ok(open.length > 0);
    assert.ok(open.every((c) => c.responded === undefined));
  });

  it('rejects a missing email when email is the preferred contact, an impossible date and an unknown category', async () => {
    await assert.rejects(
      fx.records.complaints.create({ ...COMPLAINT, contact: { name: 'Alex Parent', phone: '07700900300' } }),
      (err: unknown) => err instanceof ValidationError && /contact\.email/.test(err.message),
    );
    await assert.rejects(fx.records.complaints.create({ ...COMPLAINT, received: '2026-13-01' }), ValidationError);
    // @ts-expect-error unknown category
    await assert.rejects(fx.records.complaints.create({ ...COMPLAINT, category: 'parking' }), ValidationError);
  });

  it('throws NotFoundError for an unknown reference', async () => {
    await assert.rejects(fx.records.complaints.get('CMP-2026-99999'), /ComplaintRepository\.get\(\): complaint CMP-2026-99999 not found/);
    await assert.rejects(fx.records.complaints.get('CMP-2026-99999'), NotFoundError);
  });
});
