import assert from 'node:assert/strict';
import type { UnrecordedMeeting } from '../../../bot/records/compliance';
import { unrecordedLine } from '../../../dialogs/unrecorded-meeting';
import { meetingNote, shortList } from '../../../dialogs/staff-queues';

describe('shortList(): a staff list kept short for Teams and Web Chat', () => {
  it('shows the count and every item when there are 10 or fewer', () => {
    const text = shortList('Annual reviews not held', ['EHC-000001: 3 days late', 'EHC-000002: 1 day late'], 'none');
    assert.equal(text, 'Annual reviews not held (2):\n- EHC-000001: 3 days late\n- EHC-000002: 1 day late');
  });

  it('shows the first 10 and says how many more there are, with the full count in the heading', () => {
    const items = Array.from({ length: 13 }, (_, i) => `item ${i + 1}`);
    const text = shortList('Complaint responses', items, 'none');
    const lines = text.split('\n');
    assert.equal(lines[0], 'Complaint responses (13):');
    assert.equal(lines.filter((l) => l.startsWith('- item')).length, 10);
    assert.ok(lines.includes('- item 10'));
    assert.ok(!lines.includes('- item 11'));
    assert.equal(lines.at(-1), '- and 3 more');
  });

  it('says the list is empty in one line', () => {
    assert.equal(shortList('Final amended plans', [], 'none'), 'Final amended plans (0): none');
  });
});

describe('meetingNote(): what an overdue review line says about its booked meeting', () => {
  it('says nothing when no meeting is booked', () => {
    assert.equal(meetingNote(undefined), '');
  });

  it('names a meeting still to come', () => {
    assert.equal(meetingNote('2026-12-23'), ' (meeting booked for 23 December 2026)');
  });
});

describe('unrecordedLine(): a meeting booked but not recorded, with its age and the chasing done', () => {
  const item = (over: Partial<UnrecordedMeeting>): UnrecordedMeeting =>
    ({ plan: { id: 'EHC-000196' }, record: { proposedDate: '2026-10-23' }, daysSince: 42, reviewDue: '2026-11-02', reminders: 0, ...over }) as unknown as UnrecordedMeeting;

  it('says how long ago the meeting was and when the review is due', () => {
    assert.equal(unrecordedLine(item({})), 'EHC-000196: meeting booked for 23 October 2026, 42 days ago; review due 2 November 2026');
  });

  it('says how late the review is, how many reminders went and when the school was asked', () => {
    assert.equal(
      unrecordedLine(item({ reviewDaysLate: 32, reminders: 1, schoolAsked: '2026-11-30', daysSince: 1 })),
      'EHC-000196: meeting booked for 23 October 2026, 1 day ago; review 32 days late; 1 reminder sent, school asked 30 November 2026',
    );
  });
});
