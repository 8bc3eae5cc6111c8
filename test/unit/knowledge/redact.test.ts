import assert from 'node:assert/strict';
import { redactPersonalData } from '../../../knowledge/redact';

describe('redactPersonalData()', () => {
  it('removes a child\'s name after "is called" and "name is"', () => {
    assert.equal(redactPersonalData('my son is called Jack Smith and he is 9'), 'my son is called [name] and he is 9');
    assert.equal(redactPersonalData('her name is mia, she is in year 6'), 'her name is [name], she is in year 6');
  });

  it('removes a name straight after "my son"/"my daughter" and after "I\'m"', () => {
    assert.equal(redactPersonalData('my daughter Amy has an EHCP'), 'my daughter [name] has an EHCP');
    assert.equal(redactPersonalData("Hi, I'm Sarah, Leo's mum"), "Hi, I'm [name], Leo's mum");
  });

  it('keeps ordinary words after "I\'m" and "called"', () => {
    assert.equal(redactPersonalData("I'm worried the school called me again"), "I'm worried the school called me again");
  });

  it('removes emails, phone numbers and postcodes', () => {
    assert.equal(
      redactPersonalData('email jo.bloggs+send@example.co.uk or call 07700 900123 or (01582) 546000, we live at LU1 2AB'),
      'email [email] or call [phone] or [phone], we live at [postcode]',
    );
    assert.equal(redactPersonalData('ring me on +44 7700 900123'), 'ring me on [phone]');
  });

  it('removes plan, complaint and enquiry references', () => {
    assert.equal(redactPersonalData('plan EHC-000123, complaint CMP-2026-00042 and enquiry ENQ-2026-00017'), 'plan [reference], complaint [reference] and enquiry [reference]');
  });

  it('removes dates of birth but keeps other dates', () => {
    assert.equal(redactPersonalData('he was born on 3 March 2015'), 'he was born on [date of birth]');
    assert.equal(redactPersonalData('DOB: 03/03/2015, request sent 3 February 2026'), 'DOB: [date of birth], request sent 3 February 2026');
  });

  it('leaves a question with no personal data unchanged', () => {
    const q = 'how long does the council have to issue the final plan after 20 weeks?';
    assert.equal(redactPersonalData(q), q);
  });
});
