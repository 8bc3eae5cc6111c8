import assert from 'node:assert/strict';
import { deadlineLines, lateSteps } from '../../../bot/casework/review-deadlines';
import { isAwaitingOutcome } from '../../../bot/casework/reviews';
import { parseAttendance, parseOtherInvitees, parseTime } from '../../../dialogs/review-answers';
import { planChoiceQuestion, reviewConfirmCard } from '../../../dialogs/review-cards';
import type { AdaptiveCard } from '../../../dialogs/cards';

describe('parseTime(): the meeting start time', () => {
  it('reads 12-hour and 24-hour times as HH:MM', () => {
    assert.equal(parseTime('10am'), '10:00');
    assert.equal(parseTime('2.30pm'), '14:30');
    assert.equal(parseTime('14:00'), '14:00');
    assert.equal(parseTime('12pm'), '12:00');
    assert.equal(parseTime('12am'), '00:00');
    assert.equal(parseTime(' 9:05 AM '), '09:05');
  });

  it('refuses impossible times and bare numbers', () => {
    assert.equal(parseTime('25pm'), undefined);
    assert.equal(parseTime('24:00'), undefined);
    assert.equal(parseTime('10:75'), undefined);
    assert.equal(parseTime('10'), undefined);
    assert.equal(parseTime('teatime'), undefined);
  });
});

describe('parseOtherInvitees(): people invited besides the regulation 20(2) roles', () => {
  it('takes "no" as nobody else', () => {
    assert.deepEqual(parseOtherInvitees('No'), { ok: true, invitees: [] });
  });

  it('reads several people separated by ";", each with an optional email', () => {
    const parsed = parseOtherInvitees('Jo Khan; Dr Sam Lee, Sam.Lee@Example.org');
    assert.deepEqual(parsed, {
      ok: true,
      invitees: [
        { role: 'other', name: 'Jo Khan' },
        { role: 'other', name: 'Dr Sam Lee', email: 'sam.lee@example.org' },
      ],
    });
  });

  it('keeps a comma inside a name when no email follows', () => {
    const parsed = parseOtherInvitees('Ms Ada Obi, Educational Psychologist');
    assert.ok(parsed.ok);
    assert.equal(parsed.invitees[0]?.name, 'Ms Ada Obi, Educational Psychologist');
    assert.equal(parsed.invitees[0]?.role, 'other');
  });

  it('refuses an email with no name, a bad email, and more than 10 people', () => {
    assert.equal(parseOtherInvitees('sam.lee@example.org').ok, false);
    assert.equal(parseOtherInvitees('Sam Lee, sam.lee@').ok, false);
    assert.equal(parseOtherInvitees(Array.from({ length: 11 }, (_, i) => `Person ${String.fromCharCode(65 + i)}`).join('; ')).ok, false);
  });

  it('never gives an invitee one of the required roles', () => {
    const parsed = parseOtherInvitees('Head teacher, head@example.org');
    assert.ok(parsed.ok);
    assert.equal(parsed.invitees[0]?.role, 'other');
  });
});

describe('deadlineLines(): every deadline that follows from the meeting date', () => {
  it('lists notice, advice, report, decision and final amended plan as long dates (meeting 5 March 2026)', () => {
    const lines = deadlineLines('2026-03-05');
    assert.equal(lines.length, 5);
    assert.match(lines[0]!, /Invitations sent by 19 February 2026/);
    assert.match(lines[1]!, /Advice and information .* by 19 February 2026/);
    assert.match(lines[2]!, /Review report .* by 19 March 2026/);
    assert.match(lines[3]!, /decision .* by 2 April 2026/);
    assert.match(lines[4]!, /final amended plan by 28 May 2026/);
  });
});

describe('lateSteps(): which statutory review steps were late', () => {
  it('says nothing until the meeting is recorded as held', () => {
    assert.deepEqual(lateSteps({ dueDate: '2026-01-10' }, '2026-02-01'), []);
  });

  it('counts days late for the report and flags a decision not made yet against today', () => {
    const lines = lateSteps({ dueDate: '2026-01-10', meetingHeld: '2026-01-05', reportReceived: '2026-01-25' }, '2026-02-07');
    assert.match(lines[0]!, /^Meeting held: due by 10 January 2026, done on 5 January 2026, on time\./);
    assert.match(lines[1]!, /^Review report: due by 19 January 2026, done on 25 January 2026, 6 days late/);
    assert.match(lines[2]!, /^Council decision: due by 2 February 2026, not done yet, 5 days late/);
  });

  it('says a decision on the last day is on time, and gives the final amended plan deadline when amending', () => {
    const lines = lateSteps(
      { dueDate: '2026-01-10', meetingHeld: '2026-01-12', reportReceived: '2026-01-20', laDecision: { decision: 'amend', decidedOn: '2026-02-09' } },
      '2026-03-01',
    );
    assert.match(lines[0]!, /Meeting held: .* 2 days late/);
    assert.match(lines[1]!, /Review report: .* on time/);
    assert.match(lines[2]!, /^Council decision: due by 9 February 2026, done on 9 February 2026, on time/);
    assert.match(lines[3]!, /^Final amended plan: due by 6 April 2026/);
  });
});

describe('isAwaitingOutcome(): meetings a caseworker still has to record', () => {
  const today = '2026-03-01';
  it('includes a booked meeting on or before today and a held one with no decision', () => {
    assert.equal(isAwaitingOutcome({ status: 'booked', proposedDate: '2026-03-01' }, today), true);
    assert.equal(isAwaitingOutcome({ status: 'rescheduled', proposedDate: '2026-02-01' }, today), true);
    assert.equal(isAwaitingOutcome({ status: 'held', proposedDate: '2026-02-01' }, today), true);
  });

  it('leaves out future, cancelled and decided meetings', () => {
    assert.equal(isAwaitingOutcome({ status: 'booked', proposedDate: '2026-03-02' }, today), false);
    assert.equal(isAwaitingOutcome({ status: 'cancelled', proposedDate: '2026-02-01' }, today), false);
    assert.equal(isAwaitingOutcome({ status: 'held', proposedDate: '2026-02-01', laDecision: { decision: 'maintain', decidedOn: '2026-02-20' } }, today), false);
  });
});

function cardOf(activity: ReturnType<typeof reviewConfirmCard>): AdaptiveCard {
  const card = activity.attachments?.[0]?.content as AdaptiveCard | undefined;
  assert.ok(card, 'the message carries an Adaptive Card');
  return card;
}

describe('review cards', () => {
  it('the confirm card has a FactSet, Confirm / Change / Cancel answer buttons, and the same facts in its text', () => {
    const activity = reviewConfirmCard('Check the meeting', [['Date', 'Thursday 5 March 2026']], 'Book meeting');
    const card = cardOf(activity);
    assert.equal(card.version, '1.5');
    assert.deepEqual(
      card.body.find((b) => b.type === 'FactSet'),
      { type: 'FactSet', facts: [{ title: 'Date', value: 'Thursday 5 March 2026' }] },
    );
    assert.deepEqual(
      card.actions?.map((a) => a.data),
      [
        { action: 'answer', value: 'Book meeting' },
        { action: 'answer', value: 'Change' },
        { action: 'answer', value: 'Cancel' },
      ],
    );
    assert.match(activity.text ?? '', /Date: Thursday 5 March 2026/);
    assert.match(activity.text ?? '', /"book meeting", "change" .* or "cancel"/);
  });

  it('a plan button answers with the plan reference only', () => {
    const activity = planChoiceQuestion('Which plan?', [{ ref: 'EHC-000002', label: 'EHC-000002: review due by 5 March 2026' }]);
    const card = cardOf(activity);
    assert.deepEqual(card.actions?.[0], { type: 'Action.Submit', title: 'EHC-000002: review due by 5 March 2026', data: { action: 'answer', value: 'EHC-000002' } });
    assert.match(activity.text ?? '', /EHC-000002: review due by 5 March 2026/);
  });
});

describe('parseAttendance(): who came to the meeting, by invitee number', () => {
  it('reads numbers in any order with commas, spaces or "and", once each', () => {
    assert.deepEqual(parseAttendance('3, 1 and 2 2', 5), [1, 2, 3]);
  });

  it('reads "all" and "none"', () => {
    assert.deepEqual(parseAttendance('All', 3), [1, 2, 3]);
    assert.deepEqual(parseAttendance('none', 3), []);
  });

  it('refuses a number that is not on the list, and words', () => {
    assert.equal(parseAttendance('1, 6', 5), undefined);
    assert.equal(parseAttendance('0', 5), undefined);
    assert.equal(parseAttendance('the head and me', 5), undefined);
  });
});
