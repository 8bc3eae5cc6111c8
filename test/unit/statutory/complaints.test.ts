import assert from 'node:assert/strict';
import { ComplaintPolicySchema, DEFAULT_COMPLAINT_POLICY, StatutoryInputError, complaintDeadlines } from '../../../bot/statutory';
import type { ComplaintPolicy, ComplaintStage } from '../../../bot/statutory';
import { untyped } from './helpers';

describe('complaintDeadlines()', () => {
  it('acknowledges within 5 working days and responds at stage 1 within 10 working days of acknowledgeBy', () => {
    // Received Monday 2 March 2026. The extension runs over Good Friday and Easter Monday.
    assert.deepEqual(complaintDeadlines('2026-03-02', 1), {
      stage: 1,
      acknowledgeBy: '2026-03-09',
      respondBy: '2026-03-23',
      respondByWithExtension: '2026-04-08',
      respondCountedFrom: '2026-03-09',
      source: 'LGSCO Complaint Handling Code (2024)',
    });
  });

  it('responds at stage 2 within 20 working days, skipping Easter', () => {
    const deadlines = complaintDeadlines('2026-03-02', 2);
    assert.equal(deadlines.acknowledgeBy, '2026-03-09');
    assert.equal(deadlines.respondBy, '2026-04-08');
  });

  it('counts the response from the actual acknowledgement date when there is one', () => {
    const deadlines = complaintDeadlines('2026-03-02', 1, '2026-03-03');
    assert.equal(deadlines.acknowledgeBy, '2026-03-09');
    assert.equal(deadlines.respondCountedFrom, '2026-03-03');
    assert.equal(deadlines.respondBy, '2026-03-17');
    assert.deepEqual(complaintDeadlines('2026-03-02', 1, null), complaintDeadlines('2026-03-02', 1));
  });

  it('skips Christmas Day, the Boxing Day substitute and New Year across Christmas 2026', () => {
    const stage1 = complaintDeadlines('2026-12-21', 1);
    assert.equal(stage1.acknowledgeBy, '2026-12-30');
    assert.equal(stage1.respondBy, '2027-01-14');
    assert.equal(complaintDeadlines('2026-12-21', 2).respondBy, '2027-01-28');
  });

  it('skips both substitute days and the New Year substitute across Christmas 2027', () => {
    const deadlines = complaintDeadlines('2027-12-22', 1);
    assert.equal(deadlines.acknowledgeBy, '2027-12-31');
    assert.equal(deadlines.respondBy, '2028-01-17');
  });

  it('uses a council policy with different day counts', () => {
    const local: ComplaintPolicy = {
      source: 'Example council complaints policy',
      acknowledgeWithinWorkingDays: 3,
      stage1: { respondWithinWorkingDays: 15, maxExtensionWorkingDays: 0 },
      stage2: { respondWithinWorkingDays: 20, maxExtensionWorkingDays: 10 },
    };
    const deadlines = complaintDeadlines('2026-03-02', 1, undefined, local);
    assert.equal(deadlines.acknowledgeBy, '2026-03-05');
    assert.equal(deadlines.respondBy, '2026-03-26');
    assert.equal(deadlines.respondByWithExtension, '2026-03-26');
    assert.equal(deadlines.source, 'Example council complaints policy');
  });

  it('rejects an invalid policy and names the bad field', () => {
    const bad = { ...DEFAULT_COMPLAINT_POLICY, acknowledgeWithinWorkingDays: -1 };
    assert.throws(
      () => complaintDeadlines('2026-03-02', 1, undefined, bad),
      (error: unknown) => {
        assert.ok(error instanceof StatutoryInputError);
        assert.match(error.message, /invalid complaint policy \(acknowledgeWithinWorkingDays:/);
        return true;
      },
    );
  });

  it('rejects an acknowledgement dated before the complaint was received', () => {
    assert.throws(() => complaintDeadlines('2026-03-02', 1, '2026-03-01'), /acknowledged 2026-03-01 is before received 2026-03-02/);
  });

  it('rejects a stage other than 1 or 2', () => {
    assert.throws(() => complaintDeadlines('2026-03-02', untyped<ComplaintStage>(3)), /stage must be 1 or 2, got number 3/);
  });
});

describe('DEFAULT_COMPLAINT_POLICY', () => {
  it('holds the LGSCO Complaint Handling Code figures: 5, 10 (+10) and 20 (+20) working days', () => {
    assert.equal(DEFAULT_COMPLAINT_POLICY.acknowledgeWithinWorkingDays, 5);
    assert.deepEqual(DEFAULT_COMPLAINT_POLICY.stage1, { respondWithinWorkingDays: 10, maxExtensionWorkingDays: 10 });
    assert.deepEqual(DEFAULT_COMPLAINT_POLICY.stage2, { respondWithinWorkingDays: 20, maxExtensionWorkingDays: 20 });
    assert.equal(ComplaintPolicySchema.safeParse(DEFAULT_COMPLAINT_POLICY).success, true);
  });

  it('cannot be changed by a caller', () => {
    assert.equal(Object.isFrozen(DEFAULT_COMPLAINT_POLICY), true);
    assert.equal(Object.isFrozen(DEFAULT_COMPLAINT_POLICY.stage1), true);
    assert.equal(Object.isFrozen(DEFAULT_COMPLAINT_POLICY.stage2), true);
  });
});
