import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../../../bot/records';
import { openRecordsFixture, type RecordsFixture } from '../../helpers/records-cosmos';

describe('ChildRepository, StaffRepository and ParentRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture('2026-03-05');
  });
  after(async () => {
    await fx.close();
  });

  describe('children', () => {
    it('creates, reads and updates a child with an eTag check', async () => {
      const child = await fx.records.children.create({ id: 'C0500', givenName: 'Mia', familyName: 'Thorne', dateOfBirth: '2016-09-14' });
      assert.deepEqual(await fx.records.children.get('C0500'), child);
      const renamed = await fx.records.children.replace({ ...child, givenName: 'Mya' });
      assert.equal(renamed.givenName, 'Mya');
      await assert.rejects(fx.records.children.replace({ ...child, givenName: 'Maya' }), ConflictError);
    });

    it("reads the whole case file from the child's partition", async () => {
      await fx.records.children.create({ id: 'C0501', givenName: 'Leo', familyName: 'Marsh', dateOfBirth: '2014-02-01' });
      const plan = await fx.records.plans.create({ childId: 'C0501', status: 'requested', keyDates: { requestReceived: '2026-02-01' } });
      const request = await fx.records.assessmentRequests.create({
        childId: 'C0501',
        received: '2026-02-01',
        requester: { kind: 'parent_carer', name: 'Jo Marsh', contactId: 'P0501' },
        channel: 'email',
        reassessment: false,
        planRef: plan.id,
        idempotencyKey: 'request-email-0501',
      });
      const file = await fx.records.children.caseFile('C0501');
      assert.equal(file.child.id, 'C0501');
      assert.deepEqual(
        file.plans.map((p) => p.id),
        [plan.id],
      );
      assert.deepEqual(
        file.assessmentRequests.map((r) => r.id),
        [request.id],
      );
      assert.deepEqual(file.reviews, []);
    });

    it('stores an assessment request once per idempotency key', async () => {
      const input = {
        childId: 'C0502',
        received: '2026-02-01',
        requester: { kind: 'school_or_setting' as const, name: 'SENCO', organisation: 'Riverside Academy' },
        channel: 'email' as const,
        reassessment: false,
        idempotencyKey: 'request-email-0502',
      };
      const a = await fx.records.assessmentRequests.create(input);
      const b = await fx.records.assessmentRequests.create(input);
      assert.equal(a.id, b.id);
      assert.equal((await fx.records.assessmentRequests.forChild('C0502')).length, 1);
      const linked = await fx.records.assessmentRequests.linkPlan(a, 'EHC-000777');
      assert.equal((await fx.records.assessmentRequests.get(a.id)).planRef, 'EHC-000777');
      await assert.rejects(fx.records.assessmentRequests.linkPlan(a, 'EHC-000778'), ConflictError);
      assert.equal(linked.planRef, 'EHC-000777');
    });

    it('rejects an impossible date of birth and reports a missing child', async () => {
      await assert.rejects(fx.records.children.create({ id: 'C0503', givenName: 'Ivy', familyName: 'Stone', dateOfBirth: '2015-02-29' }), ValidationError);
      await assert.rejects(fx.records.children.get('C0503'), /ChildRepository\.get\(\): child C0503 not found/);
      await assert.rejects(fx.records.children.caseFile('C0503'), NotFoundError);
    });
  });

  describe('staff', () => {
    const AAD = '5E7D0000-0000-4000-8000-000000000501';

    it('finds a staff member by Teams AAD object id, whatever its case', async () => {
      const member = await fx.records.staff.create({
        id: 'S501',
        aadObjectId: AAD,
        displayName: 'Sam Okafor',
        email: 'caseworker.s501@example.org',
        roles: ['caseworker'],
        active: true,
      });
      assert.equal(member.aadObjectId, AAD.toLowerCase());
      assert.equal((await fx.records.staff.findByAadObjectId(AAD))?.id, 'S501');
      assert.equal(await fx.records.staff.findByAadObjectId('5e7d0000-0000-4000-8000-00000000ffff'), undefined);
      assert.equal((await fx.records.staff.get('S501')).displayName, 'Sam Okafor');
    });

    it('lists staff by role and changes roles with an eTag check', async () => {
      const member = await fx.records.staff.create({
        id: 'S502',
        aadObjectId: '5e7d0000-0000-4000-8000-000000000502',
        displayName: 'Helen Marsh',
        roles: ['team_manager'],
        active: true,
      });
      assert.deepEqual(
        (await fx.records.staff.list({ role: 'team_manager' })).map((s) => s.id),
        ['S502'],
      );
      const updated = await fx.records.staff.replace({ ...member, roles: ['team_manager', 'caseworker'] });
      assert.deepEqual(updated.roles, ['team_manager', 'caseworker']);
      await assert.rejects(fx.records.staff.replace({ ...member, active: false }), ConflictError);
    });

    it('rejects an unknown role, a repeated role and a duplicate id', async () => {
      const base = { id: 'S503', aadObjectId: '5e7d0000-0000-4000-8000-000000000503', displayName: 'Kate Lowe', active: true };
      // @ts-expect-error unknown role
      await assert.rejects(fx.records.staff.create({ ...base, roles: ['admin'] }), ValidationError);
      await assert.rejects(fx.records.staff.create({ ...base, roles: ['caseworker', 'caseworker'] }), ValidationError);
      await fx.records.staff.create({ ...base, roles: ['sendias_adviser'] });
      await assert.rejects(fx.records.staff.create({ ...base, roles: ['sendias_adviser'] }), AlreadyExistsError);
    });
  });

  describe('parent links', () => {
    it('records who holds parental responsibility and finds them by email or phone', async () => {
      await fx.records.parents.create({
        id: 'P0510',
        kind: 'parent_carer',
        givenName: 'Jo',
        familyName: 'Marsh',
        email: 'Parent.P0510@example.org',
        phone: '07700 900510',
        preferredContact: 'email',
        childIds: ['C0510', 'C0511'],
      });
      assert.deepEqual(
        (await fx.records.parents.findByEmail('parent.p0510@EXAMPLE.org')).map((p) => p.id),
        ['P0510'],
      );
      assert.deepEqual(
        (await fx.records.parents.findByPhone('07700900510')).map((p) => p.id),
        ['P0510'],
      );
      assert.equal(await fx.records.parents.canActFor('P0510', 'C0511'), true);
      assert.equal(await fx.records.parents.canActFor('P0510', 'C0512'), false);
      assert.equal(await fx.records.parents.canActFor('P9999', 'C0510'), false);
    });

    it('lets a young person be their own contact, for their own record only', async () => {
      await fx.records.parents.create({
        id: 'Y0520',
        kind: 'young_person',
        givenName: 'Ria',
        familyName: 'Cole',
        phone: '07700 900620',
        preferredContact: 'phone',
        childIds: ['C0520'],
      });
      assert.deepEqual(
        (await fx.records.parents.forChild('C0520')).map((p) => p.id),
        ['Y0520'],
      );
      await assert.rejects(
        fx.records.parents.create({
          id: 'Y0521',
          kind: 'young_person',
          givenName: 'Tom',
          familyName: 'Cole',
          phone: '07700 900621',
          preferredContact: 'phone',
          childIds: ['C0520'],
        }),
        ValidationError,
      );
    });

    it('rejects a contact with no way to reach the preferred channel', async () => {
      await assert.rejects(
        fx.records.parents.create({
          id: 'P0530',
          kind: 'parent_carer',
          givenName: 'Ann',
          familyName: 'Reed',
          preferredContact: 'phone',
          email: 'parent.p0530@example.org',
          childIds: ['C0530'],
        }),
        /phone: a phone number is needed/,
      );
    });
  });
});
