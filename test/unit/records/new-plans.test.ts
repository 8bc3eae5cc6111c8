import assert from 'node:assert/strict';
import { newPlans } from '../../../bot/records/compliance';
import type { Plan } from '../../../bot/records';

function plan(keyDates: Plan['keyDates'], extra: Partial<Plan> = {}): Plan {
  return {
    id: 'EHC-000001',
    docType: 'plan',
    childId: 'C0001',
    status: 'final_issued',
    keyDates,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  } as Plan;
}

describe('newPlans(): the 6-, 16- and 20-week limits for new plans in a period', () => {
  const year2024 = { from: '2024-01-01', to: '2024-12-31' };

  it('counts a final plan issued on the last day of week 20 as on time, and the day after as late', () => {
    // Received 1 February 2024 (a leap year): 20 weeks later is 20 June 2024.
    const onTime = plan({ requestReceived: '2024-02-01', decisionToAssess: '2024-03-14', planFirstIssued: '2024-06-20', finalIssued: '2024-06-20' });
    const late = plan({ requestReceived: '2024-02-01', decisionToAssess: '2024-03-15', planFirstIssued: '2024-06-21', finalIssued: '2024-06-21' });
    const f = newPlans([onTime, late], year2024);
    assert.equal(f.finalPlans, 2);
    assert.equal(f.finalPlansOnTime, 1);
    // 6 weeks from 1 February 2024 is 14 March 2024.
    assert.equal(f.decisionsToAssess, 2);
    assert.equal(f.decisionsToAssessOnTime, 1);
  });

  it('counts a plan in the period its event fell in, across a month and year boundary', () => {
    const p = plan({ requestReceived: '2024-11-20', decisionToAssess: '2024-12-31', planFirstIssued: '2025-04-01', finalIssued: '2025-04-01' });
    assert.equal(newPlans([p], year2024).decisionsToAssess, 1);
    assert.equal(newPlans([p], year2024).finalPlans, 0);
    assert.equal(newPlans([p], { from: '2025-04-01', to: '2025-04-30' }).finalPlans, 1);
  });

  it('counts plans with a regulation 13(3) exception apart, and no-plan notices against 16 weeks', () => {
    const excepted = plan(
      { requestReceived: '2024-05-01', decisionToAssess: '2024-06-10', planFirstIssued: '2024-10-30', finalIssued: '2024-10-30' },
      { timescaleException: { kind: 'school_closure', reason: 'Advice asked of the school in the summer holiday.', recordedOn: '2024-07-20' } },
    );
    const notice = plan({ requestReceived: '2024-03-01', decisionToAssess: '2024-04-05', noticeNotToIssue: '2024-06-20' }, { status: 'ceased' });
    const f = newPlans([excepted, notice], year2024);
    assert.equal(f.finalPlans, 0);
    assert.equal(f.finalPlansWithException, 1);
    assert.equal(f.finalPlansWithExceptionOnTime, 0);
    assert.equal(f.noticesNotToIssue, 1);
    assert.equal(f.noticesNotToIssueOnTime, 1, '16 weeks from 1 March 2024 is 21 June 2024');
  });
});
