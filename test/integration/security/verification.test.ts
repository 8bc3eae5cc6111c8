import assert from 'node:assert/strict';
import { openCosmos, type CosmosHandle } from '../../../bot/storage/cosmos';
import { ALL_CONTAINERS } from '../../../bot/containers';
import { createRecords, type Records } from '../../../bot/records';
import { OutboxNotifier } from '../../../bot/notify';
import { VERIFICATION_CONTAINER, VerificationService, LOCK_MS, CODE_LIFETIME_MS } from '../../../bot/identity/verification';
import { finalPlanInput } from '../../helpers/records-cosmos';

/** A clock the test moves by hand. */
function movableClock(start: string) {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}

describe('parent verification (codes, expiry, single use, lockout in Cosmos)', function () {
  this.timeout(60_000);
  let handle: CosmosHandle;
  let records: Records;
  const clock = movableClock('2026-03-05T10:00:00.000Z');
  const outbox = new OutboxNotifier(clock.now);
  let planRef: string;

  const service = () =>
    new VerificationService({
      container: handle.container(VERIFICATION_CONTAINER.id),
      records,
      audit: records.audit,
      notifier: outbox,
      now: clock.now,
      serviceName: 'Exampleshire Council',
    });
  const newestCode = (to: string): string => {
    const body = outbox.to(to).at(-1)?.body ?? '';
    return /\b(\d{6})\b/.exec(body)?.[1] ?? assert.fail(`no code sent to ${to}`);
  };

  before(async () => {
    handle = await openCosmos({ databaseId: 'verification-test', createIfMissing: true }, ALL_CONTAINERS);
    records = createRecords(handle, { now: clock.now });
    for (const [id, dob, given] of [
      ['C0001', '2015-03-14', 'Amelia'],
      ['C0002', '2014-07-01', 'Ben'],
      ['C0003', '2009-01-20', 'Cara'],
    ] as const) {
      await records.children.create({ id, givenName: given, familyName: 'Testcase', dateOfBirth: dob });
    }
    planRef = (await records.plans.create(finalPlanInput('C0001', '2025-01-10'))).id;
    await records.plans.create(finalPlanInput('C0002', '2025-01-10'));
    await records.parents.create({
      id: 'P0001',
      kind: 'parent_carer',
      givenName: 'Pat',
      familyName: 'Testcase',
      email: 'pat@example.org',
      preferredContact: 'email',
      childIds: ['C0001'],
    });
    await records.parents.create({
      id: 'P0002',
      kind: 'parent_carer',
      givenName: 'Sol',
      familyName: 'Testcase',
      phone: '07700900123',
      preferredContact: 'phone',
      childIds: ['C0002'],
    });
    await records.parents.create({
      id: 'P0003',
      kind: 'parent_carer',
      givenName: 'Kim',
      familyName: 'Testcase',
      email: 'kim@example.org',
      preferredContact: 'email',
      childIds: ['C0003'],
    });
    await records.parents.create({
      id: 'Y0003',
      kind: 'young_person',
      givenName: 'Cara',
      familyName: 'Testcase',
      email: 'cara@example.org',
      preferredContact: 'email',
      childIds: ['C0003'],
    });
  });
  after(async () => handle.close());

  it('sends a code to the contact on record and verifies with it, for that child only', async () => {
    const v = service();
    assert.deepEqual(await v.request('u-alpha', { reference: planRef, dateOfBirth: '2015-03-14' }), { status: 'sent' });
    const outcome = await v.confirm('u-alpha', newestCode('pat@example.org'));
    assert.equal(outcome.status, 'verified');
    if (outcome.status !== 'verified') return;
    assert.equal(outcome.verified.contactId, 'P0001');
    assert.deepEqual(outcome.verified.childIds, ['C0001']);
    assert.equal(Date.parse(outcome.verified.until) - clock.now().getTime(), 12 * 60 * 60 * 1000);
  });

  it('stores only a salted hash of the code, never the code', async () => {
    await service().request('u-hash', { childName: 'amelia testcase', dateOfBirth: '2015-03-14' });
    const code = newestCode('pat@example.org');
    const { resource } = await handle.container(VERIFICATION_CONTAINER.id).item('challenge:u-hash', 'challenge:u-hash').read();
    const stored = JSON.stringify(resource);
    assert.ok(!stored.includes(code), 'the code is stored in clear');
    assert.match(stored, /"salt"/);
  });

  it('texts the code when the contact prefers a phone, and sends to a young person aged 16 or over', async () => {
    await service().request('u-sms', { reference: 'EHC-000002', dateOfBirth: '2014-07-01' });
    assert.match(outbox.to('07700 900123').at(-1)?.body ?? '', /\b\d{6}\b/);
    const before = outbox.to('cara@example.org').length;
    await service().request('u-yp', { childName: 'Cara Testcase', dateOfBirth: '2009-01-20' });
    assert.equal(outbox.to('cara@example.org').length, before + 1, 'the 17-year-old should get a code');
    assert.ok(outbox.to('kim@example.org').length > 0, 'the parent should get a code too');
  });

  it('says the same for details that match nothing, and then no code works', async () => {
    const v = service();
    const sentBefore = outbox.all().length;
    assert.deepEqual(await v.request('u-nobody', { childName: 'No Such-Child', dateOfBirth: '2015-03-14' }), { status: 'sent' });
    assert.deepEqual(await v.request('u-nobody', { reference: planRef, dateOfBirth: '2001-01-01' }), { status: 'sent' });
    assert.equal(outbox.all().length, sentBefore, 'nothing may be sent for details that do not match');
    assert.equal((await v.confirm('u-nobody', '123456')).status, 'wrong');
  });

  it('refuses an expired code and a reused code', async () => {
    const v = service();
    await v.request('u-expire', { reference: planRef, dateOfBirth: '2015-03-14' });
    const code = newestCode('pat@example.org');
    clock.advance(CODE_LIFETIME_MS + 1000);
    assert.equal((await v.confirm('u-expire', code)).status, 'expired');

    await v.request('u-reuse', { reference: planRef, dateOfBirth: '2015-03-14' });
    const fresh = newestCode('pat@example.org');
    assert.equal((await v.confirm('u-reuse', fresh)).status, 'verified');
    assert.equal((await v.confirm('u-reuse', fresh)).status, 'used');
  });

  it('locks the child after 5 wrong codes across two app instances, for 30 minutes, for every user', async () => {
    const instanceA = service();
    const instanceB = service();
    await instanceA.request('u-attacker-a', { reference: planRef, dateOfBirth: '2015-03-14' });
    for (const guess of ['000001', '000002', '000003']) assert.equal((await instanceA.confirm('u-attacker-a', guess)).status, 'wrong');
    await instanceB.request('u-attacker-b', { reference: planRef, dateOfBirth: '2015-03-14' });
    const realCode = newestCode('pat@example.org');
    assert.equal((await instanceB.confirm('u-attacker-b', '000004')).status, 'wrong');
    assert.equal((await instanceB.confirm('u-attacker-b', '000005')).status, 'wrong');
    // The child is now locked (3 failures on A + 2 on B): even the right code fails, on either instance.
    assert.equal((await instanceA.confirm('u-attacker-b', realCode)).status, 'wrong');
    const sent = outbox.to('pat@example.org').length;
    await instanceA.request('u-parent-later', { reference: planRef, dateOfBirth: '2015-03-14' });
    assert.equal(outbox.to('pat@example.org').length, sent, 'no code may be sent while the child is locked');

    clock.advance(LOCK_MS + 1000);
    await instanceB.request('u-parent-later', { reference: planRef, dateOfBirth: '2015-03-14' });
    assert.equal((await instanceB.confirm('u-parent-later', newestCode('pat@example.org'))).status, 'verified');
  });

  it('locks the web chat user after 5 wrong codes, whatever child they try', async () => {
    const v = service();
    await v.request('u-guesser', { childName: 'Ben Testcase', dateOfBirth: '2014-07-01' });
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await v.confirm('u-guesser', `99999${i}`)).status);
    assert.deepEqual(results, ['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    assert.equal((await v.request('u-guesser', { reference: planRef, dateOfBirth: '2015-03-14' })).status, 'locked');
    const audit = await records.audit.forChild('C0002');
    assert.ok(audit.filter((e) => e.action === 'verification.failed' && e.outcome === 'denied').length >= 5);
  });
});
