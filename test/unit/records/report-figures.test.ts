import assert from 'node:assert/strict';
import { complaintTimeliness, phaseTransfers, monthsOf } from '../../../bot/records/compliance';
import type { Complaint, Plan, Review, Stored } from '../../../bot/records';

function complaint(over: Partial<Complaint>): Complaint {
  return { id: 'CMP-2026-00001', docType: 'complaint', stage: 1, previousStages: [], received: '2026-12-21', ...over } as Complaint;
}

describe('complaintTimeliness(): each stage against the council’s targets, and Ombudsman referrals', () => {
  const period = { from: '2026-12-01', to: '2026-12-31' };

  it('counts the response due over Christmas (bank holidays skipped) as on time on its last day and late the day after', () => {
    // Received Monday 21 December 2026, acknowledged 30 December: respond by 14 January 2027 (SEND-RULES K1 example).
    const onTime = complaint({ acknowledged: '2026-12-30', responded: '2027-01-14' });
    const late = complaint({ id: 'CMP-2026-00002', acknowledged: '2026-12-30', responded: '2027-01-15' });
    const f = complaintTimeliness([onTime, late], period, '2027-02-01');
    assert.deepEqual(f.stages[0], { stage: 1, received: 2, acknowledgedOnTime: 2, acknowledgedLate: 0, respondedOnTime: 1, respondedLate: 1, pending: 0 });
  });

  it('counts an acknowledgement after 30 December 2026 as late, a missing one as late once that day has passed, and an unanswered complaint as not due yet until 14 January', () => {
    const lateAck = complaint({ acknowledged: '2026-12-31' });
    const noAck = complaint({ id: 'CMP-2026-00003' });
    assert.equal(complaintTimeliness([lateAck, noAck], period, '2026-12-31').stages[0]!.acknowledgedLate, 2);
    assert.equal(complaintTimeliness([noAck], period, '2026-12-30').stages[0]!.acknowledgedLate, 0);
    assert.equal(complaintTimeliness([noAck], period, '2027-01-14').stages[0]!.pending, 1);
    assert.equal(complaintTimeliness([noAck], period, '2027-01-15').stages[0]!.respondedLate, 1);
  });

  it('counts a stage 2 complaint at both stages, each in the period it was received, and a referral in the period it was made', () => {
    const c = complaint({
      stage: 2,
      received: '2027-01-20',
      acknowledged: '2027-01-21',
      previousStages: [{ stage: 1, received: '2026-12-21', acknowledged: '2026-12-30', responded: '2027-01-14' }],
      ombudsmanReferred: '2027-03-01',
    });
    const dec = complaintTimeliness([c], period, '2027-04-01');
    assert.deepEqual(
      dec.stages.map((s) => s.received),
      [1, 0],
    );
    assert.equal(dec.ombudsmanReferrals, 0);
    const spring = complaintTimeliness([c], { from: '2027-01-01', to: '2027-03-31' }, '2027-04-01');
    assert.deepEqual(
      spring.stages.map((s) => s.received),
      [0, 1],
    );
    assert.equal(spring.ombudsmanReferrals, 1);
  });
});

describe('phaseTransfers(): plans reviewed and amended by the regulation 18 dates', () => {
  const plan = (id: string, kind: NonNullable<Plan['phaseTransfer']>['kind']): Stored<Plan> =>
    ({ id, childId: 'C0001', status: 'final_issued', keyDates: {}, phaseTransfer: { year: 2027, kind } }) as unknown as Stored<Plan>;
  const held = (planRef: string, meetingHeld: string, decision: 'maintain' | 'amend', decidedOn: string, finalAmendedPlanIssued?: string): Stored<Review> =>
    ({ planRef, status: 'held', meetingHeld, laDecision: { decision, decidedOn }, ...(finalAmendedPlanIssued ? { finalAmendedPlanIssued } : {}) }) as unknown as Stored<Review>;

  it('counts done by 15 February (school) and 31 March (post-16), late after it, and still to do before', () => {
    const plans = [
      plan('EHC-000001', 'primaryToSecondary'),
      plan('EHC-000002', 'primaryToSecondary'),
      plan('EHC-000003', 'secondaryToPost16'),
      plan('EHC-000004', 'primaryToSecondary'),
    ];
    const reviews = [
      held('EHC-000001', '2026-11-10', 'maintain', '2026-12-01'),
      // Amended, but the amended plan came on 16 February: late.
      held('EHC-000002', '2026-11-10', 'amend', '2026-12-01', '2027-02-16'),
      held('EHC-000003', '2027-01-10', 'amend', '2027-02-01', '2027-03-31'),
      // A review more than a year before the deadline does not count.
      held('EHC-000004', '2026-02-01', 'maintain', '2026-02-10'),
    ];
    assert.deepEqual(phaseTransfers({ plans, held: reviews }, '2027-02-16').transfers, [
      { deadline: '2027-02-15', plans: 3, done: 1, late: 2, pending: 0 },
      { deadline: '2027-03-31', plans: 1, done: 1, late: 0, pending: 0 },
    ]);
    assert.equal(phaseTransfers({ plans, held: reviews }, '2027-02-15').transfers[0]!.pending, 2);
  });
});

describe('monthsOf(): the calendar months a period touches', () => {
  it('clips the first and last month, and handles February in a leap year', () => {
    assert.deepEqual(monthsOf({ from: '2024-01-15', to: '2024-03-10' }), [
      { from: '2024-01-15', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-10' },
    ]);
    assert.equal(monthsOf({ from: '2025-12-05', to: '2026-12-04' }).length, 13);
  });
});
