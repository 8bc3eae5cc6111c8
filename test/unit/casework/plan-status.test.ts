import assert from 'node:assert/strict';
import type { Plan, Review } from '../../../bot/records';
import { planStatusLines, planStatusView } from '../../../bot/casework/plan-status';

const base = { id: 'EHC-000001', childId: 'C0001', docType: 'plan', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } as const;
const plan = (p: Partial<Plan>): Plan => ({ ...base, status: 'final_issued', keyDates: {}, ...p }) as Plan;

describe('planStatusView()', () => {
  it('describes an assessment by week, with the statutory dates (SEND-RULES worked example: 3 February 2026)', () => {
    const view = planStatusView(
      plan({ status: 'assessing', assessmentDecision: 'assess', keyDates: { requestReceived: '2026-02-03', decisionToAssess: '2026-03-10' } }),
      [],
      '2026-04-01',
    );
    assert.match(view.stage, /^Assessment: week 9 of 20\./);
    assert.match(view.stage, /by 26 May 2026 whether to issue a plan, and issue any final plan by 23 June 2026/);
    assert.equal(view.next?.due, '2026-05-26');
    assert.deepEqual(view.missed, []);
  });

  it('flags a missed 6-week decision with the days late and the regulation', () => {
    const view = planStatusView(plan({ status: 'requested', keyDates: { requestReceived: '2026-02-03' } }), [], '2026-03-20');
    assert.equal(view.missed.length, 1);
    assert.equal(view.missed[0]!.due, '2026-03-17');
    assert.equal(view.missed[0]!.daysLate, 3);
    assert.match(
      planStatusLines(view).join('\n'),
      /Missed deadline: the council had to decide whether to carry out an EHC needs assessment by 17 March 2026\. This is 3 days late \(SEND Regulations 2014, regulation 5\(1\)\)/,
    );
  });

  it('shows the last and next annual review, and an overdue review when none is booked', () => {
    const final = plan({ keyDates: { planFirstIssued: '2024-05-10', finalIssued: '2024-05-10', lastReviewMeeting: '2025-05-01' } });
    const overdue = planStatusView(final, [], '2026-05-10');
    assert.equal(overdue.missed[0]?.what, 'hold the annual review meeting');
    assert.equal(overdue.missed[0]?.due, '2026-05-01');
    assert.match(overdue.lastReview ?? '', /1 May 2025/);
    assert.match(overdue.nextReview ?? '', /due by 1 May 2026\. No meeting is booked yet/);

    const booked = { status: 'booked', proposedDate: '2026-04-20' } as Review;
    const onTime = planStatusView(final, [booked], '2026-04-01');
    assert.deepEqual(onTime.missed, []);
    assert.match(onTime.nextReview ?? '', /booked for 20 April 2026 \(it is due by 1 May 2026\)/);
  });

  it('flags a decision not made 4 weeks after a review meeting', () => {
    const held = { status: 'held', proposedDate: '2026-01-10', meetingHeld: '2026-01-12' } as Review;
    const view = planStatusView(plan({ keyDates: { planFirstIssued: '2025-01-15', finalIssued: '2025-01-15' } }), [held], '2026-02-20');
    const decision = view.missed.find((m) => m.what.includes('decision'));
    assert.equal(decision?.due, '2026-02-09');
    assert.equal(decision?.daysLate, 11);
  });

  it('says when a plan has ended', () => {
    const view = planStatusView(
      plan({ status: 'ceased', ceasedReason: 'moved_to_another_la' as never, keyDates: { planFirstIssued: '2020-01-01', ceased: '2026-01-31' } }),
      [],
      '2026-03-01',
    );
    assert.equal(view.stage, 'The EHC plan ended on 31 January 2026.');
  });
});
