import assert from 'node:assert/strict';
import { StatutoryInputError, annualReviewDue, checkReviewMeetingDate, finalAmendedPlanDeadline, reviewMeetingDeadlines, under5ReviewGuidance } from '../../../bot/statutory';

describe('reviewMeetingDeadlines()', () => {
  it('gives 19 Feb, 19 Feb, 19 Mar, 2 Apr and 28 May 2026 for a meeting on 5 March 2026 (SEND-RULES worked example)', () => {
    assert.deepEqual(reviewMeetingDeadlines('2026-03-05'), {
      noticeBy: '2026-02-19',
      adviceCirculatedBy: '2026-02-19',
      reportBy: '2026-03-19',
      decisionBy: '2026-04-02',
      finalAmendedPlanBy: '2026-05-28',
    });
  });

  it('puts the final amended plan 12 weeks after the meeting and 8 weeks after the decision', () => {
    const deadlines = reviewMeetingDeadlines('2026-11-20');
    assert.equal(deadlines.finalAmendedPlanBy, '2027-02-12');
    assert.equal(finalAmendedPlanDeadline(deadlines.decisionBy), deadlines.finalAmendedPlanBy);
  });

  it('does not adjust for weekends or bank holidays (no holiday exemption for reviews)', () => {
    // Meeting Monday 14 December 2026: decision by Monday 11 January 2027; report by Monday 28 December (a bank holiday).
    const deadlines = reviewMeetingDeadlines('2026-12-14');
    assert.equal(deadlines.reportBy, '2026-12-28');
    assert.equal(deadlines.decisionBy, '2027-01-11');
  });
});

describe('finalAmendedPlanDeadline()', () => {
  it('is 8 weeks after the proposed amendments were actually sent', () => {
    assert.equal(finalAmendedPlanDeadline('2026-03-20'), '2026-05-15');
  });
});

describe('annualReviewDue()', () => {
  it('is 12 months after the plan was first issued when there has been no review', () => {
    assert.equal(annualReviewDue('2025-03-10'), '2026-03-10');
    assert.equal(annualReviewDue('2025-03-10', null), '2026-03-10');
  });

  it('is 12 months after the last review meeting once there has been one', () => {
    assert.equal(annualReviewDue('2024-11-01', '2026-03-05'), '2027-03-05');
  });

  it('counts 12 months from the last review, not from the amended plan', () => {
    // Plan issued 1 June 2024; reviewed 20 May 2025; amended plan issued 1 August 2025.
    // There is no amended-plan argument: the due date stays 20 May 2026, not 1 August 2026.
    assert.equal(annualReviewDue('2024-06-01', '2025-05-20'), '2026-05-20');
  });

  it('takes a plan issued on 29 February 2024 to 28 February 2025', () => {
    assert.equal(annualReviewDue('2024-02-29'), '2025-02-28');
  });

  it('takes a review on 28 February 2027 to 28 February 2028, not the leap day', () => {
    assert.equal(annualReviewDue('2026-01-10', '2027-02-28'), '2028-02-28');
  });

  it('rejects a last review dated before the plan was first issued', () => {
    assert.throws(
      () => annualReviewDue('2025-03-10', '2025-03-09'),
      (error: unknown) => {
        assert.ok(error instanceof StatutoryInputError);
        assert.match(error.message, /^annualReviewDue\(\): lastReviewMeeting 2025-03-09 is before the plan was first issued/);
        return true;
      },
    );
  });
});

describe('under5ReviewGuidance()', () => {
  it('says a child under 5 should be considered for reviews every 3 to 6 months, as guidance not law', () => {
    const guidance = under5ReviewGuidance('2022-05-10', '2026-03-05');
    assert.equal(guidance.under5, true);
    assert.equal(guidance.fifthBirthday, '2027-05-10');
    assert.deepEqual(guidance.suggestedReviewIntervalMonths, { min: 3, max: 6 });
    assert.equal(guidance.statutory, false);
    assert.match(guidance.source, /9\.178/);
    assert.match(guidance.summary, /under 5 until 10 May 2027/);
    assert.match(guidance.summary, /every 3 to 6 months/);
    assert.match(guidance.summary, /guidance, not a legal requirement/);
  });

  it('stops applying on the fifth birthday and reminds that the 12-month review still applies', () => {
    assert.equal(under5ReviewGuidance('2021-03-05', '2026-03-04').under5, true);
    const guidance = under5ReviewGuidance('2021-03-05', '2026-03-05');
    assert.equal(guidance.under5, false);
    assert.equal(guidance.suggestedReviewIntervalMonths, undefined);
    assert.match(guidance.summary, /turned 5 on 5 March 2026/);
    assert.match(guidance.summary, /every 12 months/);
  });

  it('treats a child born on 29 February as turning 5 on 1 March in a non-leap year', () => {
    assert.equal(under5ReviewGuidance('2020-02-29', '2025-02-28').under5, true);
    assert.equal(under5ReviewGuidance('2020-02-29', '2025-03-01').under5, false);
    assert.equal(under5ReviewGuidance('2020-02-29', '2025-03-01').fifthBirthday, '2025-03-01');
  });

  it('rejects a date before the date of birth', () => {
    assert.throws(() => under5ReviewGuidance('2022-05-10', '2022-05-09'), StatutoryInputError);
  });
});

describe('checkReviewMeetingDate()', () => {
  it('accepts a date with enough notice that leaves the decision inside the 12 months', () => {
    const check = checkReviewMeetingDate('2026-03-05', { today: '2026-02-10', reviewDue: '2026-05-01' });
    assert.deepEqual(check.problems, []);
    assert.equal(check.canBook, true);
    assert.equal(check.deadlines.decisionBy, '2026-04-02');
  });

  it('accepts exactly 2 weeks of notice and blocks anything less', () => {
    assert.equal(checkReviewMeetingDate('2026-03-05', { today: '2026-02-19', reviewDue: '2026-05-01' }).canBook, true);
    const late = checkReviewMeetingDate('2026-03-05', { today: '2026-02-20', reviewDue: '2026-05-01' });
    assert.equal(late.canBook, false);
    assert.deepEqual(
      late.problems.map((p) => [p.code, p.severity]),
      [['tooLittleNotice', 'block']],
    );
    assert.match(late.problems[0]?.message ?? '', /Choose a date on or after 6 March 2026\./);
  });

  it('blocks a meeting date that has passed', () => {
    const check = checkReviewMeetingDate('2026-03-05', { today: '2026-03-06', reviewDue: '2026-05-01' });
    assert.deepEqual(
      check.problems.map((p) => p.code),
      ['meetingInPast'],
    );
    assert.equal(check.canBook, false);
  });

  it('warns, without blocking, when the decision 4 weeks after the meeting passes the review due date', () => {
    const check = checkReviewMeetingDate('2026-03-05', { today: '2026-02-10', reviewDue: '2026-03-20' });
    assert.equal(check.canBook, true);
    assert.deepEqual(
      check.problems.map((p) => [p.code, p.severity]),
      [['decisionAfterReviewDue', 'warn']],
    );
    assert.match(check.problems[0]?.message ?? '', /hold the meeting by 20 February 2026/);
  });

  it('warns that the review will be late when the meeting itself is after the due date', () => {
    const check = checkReviewMeetingDate('2026-03-05', { today: '2026-02-10', reviewDue: '2026-03-01' });
    assert.deepEqual(
      check.problems.map((p) => p.code),
      ['meetingAfterReviewDue'],
    );
  });

  it('warns when a final amended plan 12 weeks after the meeting could miss the phase transfer deadline', () => {
    const context = { today: '2026-10-01', reviewDue: '2027-06-01', phaseTransferDeadline: '2027-02-15' };
    assert.deepEqual(checkReviewMeetingDate('2026-11-23', context).problems, []);
    const check = checkReviewMeetingDate('2026-11-24', context);
    assert.deepEqual(
      check.problems.map((p) => [p.code, p.severity]),
      [['phaseTransferAtRisk', 'warn']],
    );
    assert.match(check.problems[0]?.message ?? '', /hold the meeting by 23 November 2026/);
  });
});
