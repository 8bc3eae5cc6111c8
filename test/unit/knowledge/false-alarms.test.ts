import assert from 'node:assert/strict';
import { detectEscalation } from '../../../knowledge/guards';

describe('safeguarding: a child who will not say what happened, not an organisation that will not explain', () => {
  for (const text of ['he has bruises and he wont say how', 'she is too scared to say who did it', 'my son wont tell me what happened at the unit']) {
    it(`escalates "${text}"`, () => assert.equal(detectEscalation(text)?.reason, 'safeguarding'));
  }
  for (const text of ['My daughter has been out of school since October and the school will not tell us why.', 'the council will not explain why the plan is late']) {
    it(`does not escalate "${text}"`, () => assert.equal(detectEscalation(text), null));
  }
});

describe('general classes added after reading the old held-out misses (checked on new wording)', () => {
  const cases: [string, string | null][] = [
    ['the TA grabs her arm and there are red marks every day', 'safeguarding'],
    ['she came home and showed me the bruises on her legs', 'safeguarding'],
    ['i cant cope any more, nobody listens', 'safeguarding'],
    ['I tutor Aisha on Tuesdays, what is in her ehcp', 'third_party_data'],
    ['please look at my case and tell me if the draft is good enough', 'legal_advice'],
    ['i look after my son full time, what help is there', null],
  ];
  for (const [text, reason] of cases) {
    it(`${reason ?? 'no escalation'}: "${text}"`, () => assert.equal(detectEscalation(text)?.reason ?? null, reason));
  }
});

describe('classes added after the fresh held-out set was measured (new wording here)', () => {
  const cases: [string, string | null][] = [
    ['the children upstairs get left home alone all weekend', 'safeguarding'],
    ['there is no food in their flat and the kids look thin', 'safeguarding'],
    ['im a reporter, can you confirm if Leo Grant has an ehcp', 'third_party_data'],
    ['can you confirm that the council got my request', null],
  ];
  for (const [text, reason] of cases) {
    it(`${reason ?? 'no escalation'}: "${text}"`, () => assert.equal(detectEscalation(text)?.reason ?? null, reason));
  }
});

describe('an organisation abusing its power, or a move across county lines, is not a disclosure', () => {
  const cases: [string, string | null][] = [
    ['the LA is abusing their power by refusing every request, where do I complain', null],
    ['this is an abuse of process, what are my options', null],
    ['we are relocating over county lines in the summer, will the plan follow him', null],
    ['the council abused him by leaving him without a school place', 'safeguarding'],
    ['older boys have got him involved in county lines', 'safeguarding'],
    ['she is being abused by her stepdad', 'safeguarding'],
  ];
  for (const [text, reason] of cases) {
    it(`${reason ?? 'no escalation'}: "${text}"`, () => assert.equal(detectEscalation(text)?.reason ?? null, reason));
  }
});
