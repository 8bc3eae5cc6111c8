import assert from 'node:assert/strict';
import { enquiryText } from '../../../bot/casework/enquiries';
import { childDetails } from '../../../dialogs/contact-sendias';

describe('childDetails(): the optional child’s name and age in a SENDIAS enquiry', () => {
  for (const text of ['skip', 'Skip', 'no', 'none', ' n/a ']) {
    it(`treats "${text}" as none given`, () => {
      assert.deepEqual(childDetails(text), { ok: true });
    });
  }

  for (const [text, value] of [
    ['Mia, 11', 'Mia, 11'],
    ['Sam 9', 'Sam 9'],
    ['Seán', 'Seán'],
    ["Mary-Jane O'Neil aged 7", "Mary-Jane O'Neil aged 7"],
    ['Leo  14 years old', 'Leo 14 years old'],
  ] as const) {
    it(`keeps "${text}" as "${value}"`, () => {
      assert.deepEqual(childDetails(text), { ok: true, value });
    });
  }

  it('refuses an age over 25 (SENDIAS covers 0 to 25)', () => {
    const result = childDetails('Tom, 40');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /up to 25/);
  });

  it('refuses something that is not a name and age, and says how to type it', () => {
    for (const text of ['!!! 999', '07700 900123', 'my son has autism and adhd and is 9', 'x'.repeat(61)]) {
      const result = childDetails(text);
      assert.equal(result.ok, false, text);
      assert.match(result.ok ? '' : result.message, /"Sam, 9"/);
    }
  });
});

describe('enquiryText(): what the adviser reads', () => {
  it('is the person’s words, then the child when given', () => {
    assert.equal(enquiryText('We need help with an appeal.', 'Mia, 11'), 'We need help with an appeal.\n\nChild: Mia, 11');
    assert.equal(enquiryText('We need help with an appeal.', undefined), 'We need help with an appeal.');
  });

  it('never exceeds the record’s 4,000 characters', () => {
    assert.equal(enquiryText('a'.repeat(3995), 'Mia, 11').length, 4000);
  });
});
