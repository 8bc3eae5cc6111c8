import assert from 'node:assert/strict';
import * as statutory from '../../../bot/statutory';
import { InvalidDateError } from '../../../bot/statutory';
import { untyped } from './helpers';

/** Every public function that takes a date, with the bad value put into one date argument. */
const CALLS: ReadonlyArray<readonly [functionName: string, argumentName: string, call: (bad: string) => unknown]> = [
  ['assessmentDeadlines', 'requestReceived', (bad) => statutory.assessmentDeadlines(bad)],
  ['assessmentTimeline', 'requestReceived', (bad) => statutory.assessmentTimeline(bad)],
  ['assessmentProgress', 'requestReceived', (bad) => statutory.assessmentProgress(bad, '2026-03-05')],
  ['assessmentProgress', 'today', (bad) => statutory.assessmentProgress('2026-02-03', bad)],
  ['draftPlanCommentsPeriodEnds', 'served', (bad) => statutory.draftPlanCommentsPeriodEnds(bad)],
  ['reassessmentFinalPlanDeadline', 'decisionNotified', (bad) => statutory.reassessmentFinalPlanDeadline(bad)],
  ['reviewMeetingDeadlines', 'meetingDate', (bad) => statutory.reviewMeetingDeadlines(bad)],
  ['finalAmendedPlanDeadline', 'proposedAmendmentsSent', (bad) => statutory.finalAmendedPlanDeadline(bad)],
  ['annualReviewDue', 'planFirstIssued', (bad) => statutory.annualReviewDue(bad)],
  ['annualReviewDue', 'lastReviewMeeting', (bad) => statutory.annualReviewDue('2025-03-10', bad)],
  ['under5ReviewGuidance', 'dateOfBirth', (bad) => statutory.under5ReviewGuidance(bad, '2026-03-05')],
  ['under5ReviewGuidance', 'onDate', (bad) => statutory.under5ReviewGuidance('2022-05-10', bad)],
  ['checkReviewMeetingDate', 'meetingDate', (bad) => statutory.checkReviewMeetingDate(bad, { today: '2026-02-10', reviewDue: '2026-05-01' })],
  ['checkReviewMeetingDate', 'today', (bad) => statutory.checkReviewMeetingDate('2026-03-05', { today: bad, reviewDue: '2026-05-01' })],
  ['checkReviewMeetingDate', 'reviewDue', (bad) => statutory.checkReviewMeetingDate('2026-03-05', { today: '2026-02-10', reviewDue: bad })],
  [
    'checkReviewMeetingDate',
    'phaseTransferDeadline',
    (bad) => statutory.checkReviewMeetingDate('2026-03-05', { today: '2026-02-10', reviewDue: '2026-05-01', phaseTransferDeadline: bad }),
  ],
  ['phaseTransferDeadline', 'moveDate', (bad) => statutory.phaseTransferDeadline(bad, 'post16ToPost16')],
  ['addWorkingDays', 'date', (bad) => statutory.addWorkingDays(bad, 5)],
  ['isWorkingDay', 'date', (bad) => statutory.isWorkingDay(bad)],
  ['nextWorkingDayOnOrAfter', 'date', (bad) => statutory.nextWorkingDayOnOrAfter(bad)],
  ['firstWorkingDayAfter', 'date', (bad) => statutory.firstWorkingDayAfter(bad)],
  ['workingDaysBetween', 'a', (bad) => statutory.workingDaysBetween(bad, '2026-03-05')],
  ['workingDaysBetween', 'b', (bad) => statutory.workingDaysBetween('2026-03-05', bad)],
  ['bankHolidayOn', 'date', (bad) => statutory.bankHolidayOn(bad)],
  ['complaintDeadlines', 'received', (bad) => statutory.complaintDeadlines(bad, 1)],
  ['complaintDeadlines', 'acknowledged', (bad) => statutory.complaintDeadlines('2026-03-02', 1, bad)],
  ['tribunalAppealDeadline', 'decisionLetter', (bad) => statutory.tribunalAppealDeadline(bad)],
  ['tribunalAppealDeadline', 'mediationCertificate', (bad) => statutory.tribunalAppealDeadline('2026-01-12', bad)],
  ['tribunalAppealDeadline', 'decisionLetter', (bad) => statutory.explainTribunalAppealDeadline(bad)],
  ['mediationCertificateDeadline', 'trigger', (bad) => statutory.mediationCertificateDeadline(bad)],
  ['mediationArrangedBy', 'requested', (bad) => statutory.mediationArrangedBy(bad)],
  ['planTransferDeadline', 'becameAware', (bad) => statutory.planTransferDeadline(bad, '2026-03-23')],
  ['planTransferDeadline', 'moveDate', (bad) => statutory.planTransferDeadline('2026-03-02', bad)],
  ['transferredPlanDeadlines', 'transferDate', (bad) => statutory.transferredPlanDeadlines(bad, '2025-09-15')],
  ['transferredPlanDeadlines', 'planMadeOrLastReviewed', (bad) => statutory.transferredPlanDeadlines('2026-03-10', bad)],
  ['addDays', 'date', (bad) => statutory.addDays(bad, 1)],
  ['addWeeks', 'date', (bad) => statutory.addWeeks(bad, 1)],
  ['addCalendarMonths', 'date', (bad) => statutory.addCalendarMonths(bad, 1)],
  ['daysBetween', 'a', (bad) => statutory.daysBetween(bad, '2026-03-05')],
  ['daysBetween', 'b', (bad) => statutory.daysBetween('2026-03-05', bad)],
  ['compareIso', 'a', (bad) => statutory.compareIso(bad, '2026-03-05')],
  ['compareIso', 'b', (bad) => statutory.compareIso('2026-03-05', bad)],
  ['laterOf', 'b', (bad) => statutory.laterOf('2026-03-05', bad)],
  ['earlierOf', 'a', (bad) => statutory.earlierOf(bad, '2026-03-05')],
  ['weekdayName', 'date', (bad) => statutory.weekdayName(bad)],
  ['isWeekend', 'date', (bad) => statutory.isWeekend(bad)],
  ['formatLongDate', 'iso', (bad) => statutory.formatLongDate(bad)],
  ['formatLongDateWithWeekday', 'iso', (bad) => statutory.formatLongDateWithWeekday(bad)],
];

const IMPOSSIBLE = ['2026-02-30', '2026-13-01', '26-1-1', '', '2026-1-5', '2025-02-29', '2026-04-31', '2026-03-05T10:00'];

/** Date arguments that may be left out (undefined means "not yet"). */
const OPTIONAL_ARGUMENTS = new Set(['lastReviewMeeting', 'acknowledged', 'mediationCertificate', 'phaseTransferDeadline']);

describe('impossible dates are rejected by every public function', () => {
  for (const [functionName, argumentName, call] of CALLS) {
    it(`${functionName}() rejects an impossible ${argumentName}`, () => {
      for (const bad of IMPOSSIBLE) {
        assert.throws(
          () => call(bad),
          (error: unknown) => {
            assert.ok(error instanceof InvalidDateError, `${JSON.stringify(bad)} gave ${String(error)}`);
            assert.equal(error.message, `${functionName}(): ${argumentName} ${JSON.stringify(bad)} is not a real date (expected YYYY-MM-DD)`);
            return true;
          },
          `${functionName}(${argumentName} = ${JSON.stringify(bad)}) did not throw`,
        );
      }
      if (OPTIONAL_ARGUMENTS.has(argumentName)) {
        assert.doesNotThrow(() => call(untyped<string>(undefined)), 'an optional date may be left out');
      } else {
        assert.throws(() => call(untyped<string>(undefined)), InvalidDateError);
      }
    });
  }

  it('gives the message in the agreed form', () => {
    assert.throws(() => statutory.assessmentDeadlines('2026-02-30'), {
      name: 'InvalidDateError',
      message: 'assessmentDeadlines(): requestReceived "2026-02-30" is not a real date (expected YYYY-MM-DD)',
    });
  });
});
