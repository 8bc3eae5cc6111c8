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
