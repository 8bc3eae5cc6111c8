import assert from 'node:assert/strict';
import { detectEscalation, isOutOfScope } from '../../../knowledge/guards';

function reasonOf(message: string): string | null {
  return detectEscalation(message)?.reason ?? null;
}

describe('detectEscalation()', () => {
  describe('safeguarding', () => {
    for (const message of [
      'my son says he wants to kill himself',
      'im at the end of my rope i cant do this anymore',
      "I can't go on like this",
      'the kids would be better off without me',
      'found blades in her room and fresh cuts on her arms',
      'hes taken a load of tablets what do i do',
      'my daughter says the taxi driver touches her',
      'a teaching assistant keeps locking my autistic son in a room on his own',
      'my 15 year old said he doesnt want to be alive anymore',
      'he came home from respite with bruises on his back',
      "I'm scared I will hurt him, I can't cope",
      'she keeps saying she wants to disappear',
    ]) {
      it(`escalates "${message}"`, () => assert.equal(reasonOf(message), 'safeguarding'));
    }

    it('finds a disclosure buried in a long message about something else', () => {
      const long =
        'Hi, we applied for an EHC needs assessment in January and the council has not replied. The school say they have done ' +
        'everything they can and he is on SEN support. Honestly I am exhausted and some days I feel like I want to end my life. ' +
        'Can you tell me how long the council has to decide?';
      assert.equal(reasonOf(long), 'safeguarding');
    });

    for (const message of [
      'what is a safeguarding lead',
      'does the designated safeguarding lead go to annual reviews',
      'how do I appeal to the tribunal',
      'the school keeps excluding my autistic son for behaviour',
      'can the council end the plan when he turns 19',
      'I need to get in touch with him about the review',
    ]) {
      it(`does not escalate "${message}"`, () => assert.equal(reasonOf(message), null));
    }
  });

  describe('legal_advice', () => {
    for (const message of [
      "should I accept the council's offer at tribunal",
      'what are my chances at tribunal',
      'will i win my appeal if the EP report backs us up',
      'LA have offered to name the special school if we withdraw the appeal, should we take it',
      'can you tell me if i have a strong enough case to sue the school',
      'tell me whether i should agree it or challenge it',
      'is it worth me appealing section F or will I lose',
      'what would you do in my position',
      'can you check my appeal form before I send it',
    ]) {
      it(`escalates "${message}"`, () => assert.equal(reasonOf(message), 'legal_advice'));
    }
    for (const message of [
      'how do I appeal',
      'can i appeal a refusal to assess',
      'what should the school be doing for him',
      'how long do I have to appeal',
      'will we lose the ehcp if we move to another county',
    ]) {
      it(`leaves the process question "${message}" to the articles`, () => assert.equal(reasonOf(message), null));
    }
  });

  describe('third_party_data', () => {
    for (const message of [
      "can you send me my grandson's plan, his mum won't share it",
      "im his uncle, send me Jake Smith's EHCP",
      'im a neighbour, can you tell me if he has an ehcp and what it says',
      "I'm Mia's childminder, can you send over her EHC plan",
      "my sister's son Kai has an ehcp, which school is named in it? she won't tell me",
      'which school does Tom Smith go to now',
    ]) {
      it(`escalates "${message}"`, () => assert.equal(reasonOf(message), 'third_party_data'));
    }
    for (const message of ['my nephew is 2, can a child that young have an ehcp', 'can I get a copy of my sons plan', 'who is allowed to see my childs plan']) {
      it(`does not escalate "${message}"`, () => assert.equal(reasonOf(message), null));
    }
  });
});

describe('isOutOfScope()', () => {
  for (const message of ['when are the school holidays', 'my bins werent collected', 'how do I pay council tax', 'which is the best secondary school near me', 'hi how are you']) {
    it(`is true for "${message}"`, () => assert.equal(isOutOfScope(message), true));
  }
  for (const message of [
    'do the school holidays stop the 20 week ehcp deadline',
    'does my autistic son get school transport',
    'can the ehcp name a school outside our catchment',
    'do the school holidays count for the annual review deadline',
  ]) {
    it(`is false for the SEND near-miss "${message}"`, () => assert.equal(isOutOfScope(message), false));
  }
});
