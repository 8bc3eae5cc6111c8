import assert from 'node:assert/strict';
import {
  StatutoryInputError,
  assessmentDeadlines,
  assessmentProgress,
  assessmentTimeline,
  draftPlanCommentsPeriodEnds,
  reassessmentFinalPlanDeadline,
} from '../../../bot/statutory';

describe('assessmentDeadlines()', () => {
  it('gives 17 March, 26 May and 23 June 2026 for a request received on 3 February 2026 (SEND-RULES worked example)', () => {
    assert.deepEqual(assessmentDeadlines('2026-02-03'), {
      decisionToAssess: '2026-03-17',
      noticeNotToIssue: '2026-05-26',
      finalPlan: '2026-06-23',
    });
  });

  it('counts calendar weeks and does not move a deadline that falls on a weekend or bank holiday', () => {
    assert.equal(assessmentDeadlines('2026-12-20').decisionToAssess, '2027-01-31', 'a Sunday');
    assert.equal(assessmentDeadlines('2026-02-20').decisionToAssess, '2026-04-03', 'Good Friday');
  });

  it('runs across a leap day', () => {
    assert.equal(assessmentDeadlines('2024-02-01').decisionToAssess, '2024-03-14');
    assert.equal(assessmentDeadlines('2025-02-01').decisionToAssess, '2025-03-15');
  });
});

describe('assessmentTimeline()', () => {
  const timeline = assessmentTimeline('2026-02-03');

  it('lists the five stages in date order at weeks 6, 12, 14, 16 and 20', () => {
    assert.deepEqual(
      timeline.map((s) => [s.id, s.week, s.due]),
      [
        ['decisionToAssess', 6, '2026-03-17'],
        ['adviceDue', 12, '2026-04-28'],
        ['draftPlan', 14, '2026-05-12'],
        ['noticeNotToIssue', 16, '2026-05-26'],
        ['finalPlan', 20, '2026-06-23'],
      ],
    );
  });

  it('marks only the week 6, 16 and 20 stages as statutory, with a regulation as the source', () => {
    assert.deepEqual(
      timeline.map((s) => s.statutory),
      [true, false, false, true, true],
    );
    for (const stage of timeline.filter((s) => s.statutory)) {
      assert.match(stage.source, /SEND Regulations 2014, regulation (5|10|13)/);
    }
    for (const stage of timeline.filter((s) => !s.statutory)) {
      assert.match(stage.source, /^Practice/);
    }
  });

  it('agrees with assessmentDeadlines() on the statutory dates', () => {
    const deadlines = assessmentDeadlines('2026-02-03');
    const due = (id: string): string | undefined => timeline.find((s) => s.id === id)?.due;
    assert.equal(due('decisionToAssess'), deadlines.decisionToAssess);
    assert.equal(due('noticeNotToIssue'), deadlines.noticeNotToIssue);
    assert.equal(due('finalPlan'), deadlines.finalPlan);
  });
});

describe('assessmentProgress()', () => {
  const received = '2026-02-03';

  it('calls the day of the request week 1, with the 6-week decision next', () => {
    const progress = assessmentProgress(received, received);
    assert.equal(progress.week, 1);
    assert.equal(progress.label, 'week 1 of 20');
    assert.equal(progress.nextStatutoryDeadline?.id, 'decisionToAssess');
    assert.equal(progress.daysToNextStatutoryDeadline, 42);
    assert.equal(progress.anyStatutoryDeadlinePassed, false);
  });

  it('reports "week 9 of 20" 60 days after the request, with the week-6 deadline passed', () => {
    const progress = assessmentProgress(received, '2026-04-04');
    assert.equal(progress.week, 9);
    assert.equal(progress.label, 'week 9 of 20');
    assert.equal(progress.daysSinceRequest, 60);
    assert.equal(progress.nextStatutoryDeadline?.id, 'noticeNotToIssue');
    assert.equal(progress.nextStatutoryDeadline?.due, '2026-05-26');
    assert.deepEqual(
      progress.passedStatutoryDeadlines.map((s) => s.id),
      ['decisionToAssess'],
    );
    assert.equal(progress.anyStatutoryDeadlinePassed, true);
  });

  it('treats a deadline day as week 6 with that deadline still next, not passed', () => {
    const progress = assessmentProgress(received, '2026-03-17');
    assert.equal(progress.week, 6);
    assert.equal(progress.nextStatutoryDeadline?.id, 'decisionToAssess');
    assert.equal(progress.daysToNextStatutoryDeadline, 0);
    assert.equal(progress.anyStatutoryDeadlinePassed, false);
  });

  it('moves to week 7 the day after the 6-week deadline', () => {
    const progress = assessmentProgress(received, '2026-03-18');
    assert.equal(progress.week, 7);
    assert.equal(progress.nextStatutoryDeadline?.id, 'noticeNotToIssue');
    assert.equal(progress.anyStatutoryDeadlinePassed, true);
  });

  it('ends in week 20 on the final plan deadline', () => {
    const progress = assessmentProgress(received, '2026-06-23');
    assert.equal(progress.label, 'week 20 of 20');
    assert.equal(progress.nextStatutoryDeadline?.id, 'finalPlan');
  });

  it('says when the 20-week limit has passed and no statutory deadline is left', () => {
    const progress = assessmentProgress(received, '2026-07-14');
    assert.equal(progress.week, 23);
    assert.equal(progress.label, 'week 23, past the 20-week limit');
    assert.equal(progress.nextStatutoryDeadline, undefined);
    assert.equal(progress.daysToNextStatutoryDeadline, undefined);
    assert.deepEqual(
      progress.passedStatutoryDeadlines.map((s) => s.id),
      ['decisionToAssess', 'noticeNotToIssue', 'finalPlan'],
    );
  });

  it('rejects a "today" before the request was received', () => {
    assert.throws(
      () => assessmentProgress(received, '2026-02-02'),
      (error: unknown) => {
        assert.ok(error instanceof StatutoryInputError);
        assert.match(error.message, /^assessmentProgress\(\): today 2026-02-02 is before the request was received/);
        return true;
      },
    );
  });
});

describe('draftPlanCommentsPeriodEnds()', () => {
  it('counts the day of service as day 1 of the 15 days', () => {
    assert.equal(draftPlanCommentsPeriodEnds('2026-03-02'), '2026-03-16');
  });
});

describe('reassessmentFinalPlanDeadline()', () => {
  it('is 14 weeks after the decision to reassess was notified', () => {
    assert.equal(reassessmentFinalPlanDeadline('2026-03-02'), '2026-06-08');
  });
});
