import assert from 'node:assert/strict';
import { AuditRepository, ValidationError, type AuditLog } from '../../../bot/records';
import { openRecordsFixture, recordsOn, type RecordsFixture } from '../../helpers/records-cosmos';

describe('AuditRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture('2026-03-05');
  });
  after(async () => {
    await fx.close();
  });

  it("appends events and reads a child's trail oldest first", async () => {
    const first = await fx.records.audit.append({
      actor: { id: 'P0001', role: 'parent_carer' },
      channel: 'web_chat',
      action: 'plan.read',
      recordRef: 'EHC-000001',
      childRef: 'C0001',
      outcome: 'allowed',
    });
    assert.equal(first.subject, 'C0001');
    assert.equal(first.at, '2026-03-05T12:00:00.000Z');
    const later = recordsOn(fx.handle, '2026-03-06');
    await later.audit.append({
      actor: { id: 'P0002', role: 'parent_carer' },
      channel: 'web_chat',
      action: 'plan.read',
      recordRef: 'EHC-000001',
      childRef: 'C0001',
      outcome: 'denied',
      reason: 'not_parental_responsibility',
    });
    const trail = await fx.records.audit.forChild('C0001');
    assert.deepEqual(
      trail.map((e) => [e.actor.id, e.outcome]),
      [
        ['P0001', 'allowed'],
        ['P0002', 'denied'],
      ],
    );
    assert.equal((await fx.records.audit.forChild('C0001', { from: '2026-03-06', to: '2026-03-06' })).length, 1);
    assert.equal((await fx.records.audit.forRecord('EHC-000001')).length, 2);
    assert.equal((await fx.records.audit.byActor('P0002')).length, 1);
    assert.equal((await fx.records.audit.inPeriod({ from: '2026-03-01', to: '2026-03-31' }, { outcome: 'denied' })).length, 1);
  });

  it('files events about no record under the service and the day', async () => {
    const event = await fx.records.audit.append({
      actor: { id: 'S007', role: 'team_manager' },
      channel: 'teams',
      action: 'compliance.list',
      outcome: 'allowed',
    });
    assert.equal(event.subject, 'service:2026-03-05');
  });

  it('refuses message text or any field it does not know', async () => {
    await assert.rejects(
      fx.records.audit.append({
        actor: { id: 'P0001', role: 'parent_carer' },
        channel: 'web_chat',
        action: 'complaint.create',
        outcome: 'allowed',
        // @ts-expect-error message text is not part of an audit event
        text: 'My son has been out of school for six weeks',
      }),
      (err: unknown) => err instanceof ValidationError && /Unrecognized key/.test(err.message),
    );
    await assert.rejects(
      fx.records.audit.append({
        actor: { id: 'P0001', role: 'parent_carer' },
        channel: 'web_chat',
        action: 'plan.read',
        outcome: 'denied',
        reason: 'The parent gave the wrong date of birth',
      }),
      ValidationError,
    );
  });

  it('has no way to update or delete an event (append-only)', () => {
    const audit: AuditLog = fx.records.audit;
    const methods = new Set<string>();
    for (let proto: object | null = audit; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) methods.add(name);
    }
    for (const forbidden of ['update', 'replace', 'upsert', 'delete', 'remove', 'patch', 'store', 'container']) {
      assert.equal(methods.has(forbidden), false, `audit exposes ${forbidden}`);
    }
    assert.deepEqual([...methods].filter((m) => m !== 'constructor').sort(), ['append', 'byActor', 'forChild', 'forRecord', 'inPeriod']);
    assert.ok(audit instanceof AuditRepository);
    // @ts-expect-error the interface has no delete
    assert.equal(audit.delete, undefined);
  });
});
