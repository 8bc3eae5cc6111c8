import assert from 'node:assert/strict';
import { AccessGuard } from '../../bot/identity/access';
import type { Identity } from '../../bot/identity/identity';
import { auditReport } from '../../scripts/audit-report';
import { finalPlanInput, openRecordsFixture, type RecordsFixture } from '../helpers/records-cosmos';

describe('npm run audit:report: who looked at a child’s record', function () {
  this.timeout(30_000);
  let fixture: RecordsFixture;
  let planRef: string;
  const caseworker: Identity = { kind: 'staff', actorId: 'S001', name: 'Sam', roles: ['caseworker'], channel: 'teams' };
  const adviser: Identity = { kind: 'staff', actorId: 'S008', name: 'Ravi', roles: ['sendias_adviser'], channel: 'teams' };

  before(async () => {
    fixture = await openRecordsFixture();
    await fixture.records.children.create({ id: 'C0001', givenName: 'Amelia', familyName: 'Test', dateOfBirth: '2015-03-14' });
    planRef = (await fixture.records.plans.create(finalPlanInput('C0001', '2025-01-10'))).id;
    const guard = new AccessGuard(fixture.records.audit);
    await guard.authorize(caseworker, 'plan.read', { childId: 'C0001', recordRef: planRef, caseworkerId: 'S001' });
    await guard.authorize(adviser, 'plan.read', { childId: 'C0001', recordRef: planRef }).catch(() => undefined);
    await guard.authorize(caseworker, 'plan.read', { childId: 'C0002', recordRef: 'EHC-000099' });
  });
  after(async () => fixture.close());

  it('lists the reads and refusals for the child, by plan reference or child id', async () => {
    for (const ref of [planRef, 'C0001']) {
      const report = await auditReport(fixture.records, { ref });
      assert.equal(report.childId, 'C0001');
      assert.deepEqual(
        report.events.map((e) => [e.actor.id, e.action, e.outcome]),
        [
          ['S001', 'plan.read', 'allowed'],
          ['S008', 'plan.read', 'denied'],
        ],
      );
    }
  });

  it('filters by date and shows nothing for a period with no events', async () => {
    const report = await auditReport(fixture.records, { ref: planRef, from: '2020-01-01', to: '2020-12-31' });
    assert.equal(report.events.length, 0);
  });
});
