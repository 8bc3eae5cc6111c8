import assert from 'node:assert/strict';
import { FEATURES } from '../../../dialogs';
import { intentsOf } from '../../../dialogs/feature';
import { intentOf } from '../../../dialogs/intents';

describe('intentOf(): free text that asks to do a job starts its dialog; questions go to the knowledge base', () => {
  const cases: [string, string | undefined][] = [
    ["what is happening with my son's EHCP", 'planStatus'],
    ['plan status EHC-000123', 'planStatus'],
    ['EHC-000123', 'planStatus'],
    ['show my caseload', 'planStatus'],
    ['book review EHC-000123', 'bookReview'],
    ['can I book a review meeting for next month', 'bookReview'],
    ['I want to make a complaint', 'complaint'],
    ['complaints queue', 'complaintQueue'],
    ['show the complaints queue', 'complaintQueue'],
    ['show the queue', 'sendiasQueue'],
    ['show my unassigned queue', 'sendiasQueue'],
    ['SENDIAS enquiries', 'sendiasQueue'],
    ['how long is the queue for an assessment', undefined],
    ['overdue', 'overdue'],
    ["what's overdue", 'overdue'],
    ["what's due this week", 'dueThisWeek'],
    ['contact SENDIAS', 'contactSendias'],
    ['how do I complain about the council', undefined],
    ['how long does an annual review take', undefined],
    ['what is sendias', undefined],
    ['what is an EHC plan', undefined],
  ];
  const intents = intentsOf(FEATURES);
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected ?? 'knowledge base'}`, () => assert.equal(intentOf(text, intents), expected));
  }
});
