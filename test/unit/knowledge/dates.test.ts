import assert from 'node:assert/strict';
import { deadlinesFor, findDates, withoutDates } from '../../../knowledge/dates';

const TODAY = '2026-03-01';

describe('findDates()', () => {
  it('reads numeric dates in British order: 5/3/2026 is 5 March', () => {
    assert.deepEqual(
      findDates('meeting on 5/3/2026', TODAY).map((d) => d.date),
      ['2026-03-05'],
    );
  });
  it('reads written dates, with and without a year', () => {
    assert.deepEqual(
      findDates('request went in on 3 February 2026', TODAY).map((d) => d.date),
      ['2026-02-03'],
    );
    assert.deepEqual(
      findDates('letter dated 12th Jan', TODAY).map((d) => d.date),
      ['2026-01-12'],
    );
  });
  it('reads relative dates against today', () => {
    assert.deepEqual(
      findDates('the meeting was yesterday', TODAY).map((d) => d.date),
      ['2026-02-28'],
    );
  });
  it('reads "N weeks ago" and "two days ago"', () => {
    assert.deepEqual(
      findDates('we had the review 3 weeks ago', TODAY).map((d) => d.date),
      ['2026-02-08'],
    );
    assert.deepEqual(
      findDates('I sent it two days ago', TODAY).map((d) => d.date),
      ['2026-02-27'],
    );
  });
  it('ignores dates of birth and month-only phrases', () => {
    assert.deepEqual(findDates('he was born on 1/2/2015 and we applied in March', TODAY), []);
  });
  it('returns nothing for a question without a date', () => {
    assert.deepEqual(findDates('what is an ehcp', TODAY), []);
  });
});

describe('withoutDates()', () => {
  it('removes the dates so they do not steer the search', () => {
    const q = 'request went in on 3 February 2026, when is the final plan due?';
    assert.equal(withoutDates(q, findDates(q, TODAY)).replace(/\s+/g, ' '), 'request went in , when is the final plan due?');
  });
});

describe('deadlinesFor()', () => {
  const ask = (id: string, q: string) => deadlinesFor(id, q, findDates(q, TODAY));

  it('gives assessment deadlines from the request date', () => {
    const d = ask('final_plan_20_weeks', 'request went in on 3 February 2026, when is the final plan due?');
    assert.deepEqual(
      d?.deadlines.map((x) => [x.label, x.date]),
      [
        ['Decision on whether to assess', '2026-03-17'],
        ['Notice if the council decides not to issue a plan', '2026-05-26'],
        ['Final EHC plan', '2026-06-23'],
      ],
    );
  });

  it('gives review deadlines from the meeting date', () => {
    const d = ask('annual_review_after_meeting', 'review meeting was on 5 March 2026, when should the report go out');
    assert.deepEqual(
      d?.deadlines.map((x) => x.date),
      ['2026-02-19', '2026-02-19', '2026-03-19', '2026-04-02', '2026-05-28'],
    );
  });

  it('gives the next annual review from the date the plan was issued', () => {
    assert.equal(ask('annual_review_timing', 'ehcp was issued 20 march 2025 when must the first review be held by')?.deadlines[0]?.date, '2026-03-20');
  });

  it('gives the tribunal deadline, later of 2 months from the decision or 1 month from the certificate', () => {
    assert.equal(ask('tribunal_appeals', 'decision letter dated 10 March 2026, what is the deadline to appeal?')?.deadlines[0]?.date, '2026-05-11');
    const both = ask('tribunal_appeals', 'decision letter 10 March 2026 and mediation certificate 2 May 2026, when is the last day to appeal?');
    assert.equal(both?.deadlines[0]?.date, '2026-06-02');
  });

  it('gives the end of the 15-day comment period for a draft plan, counting the day it arrived', () => {
    assert.equal(ask('draft_plan_15_days', 'draft plan received 2 May 2026, what is the deadline for comments')?.deadlines[0]?.date, '2026-05-16');
  });

  it('gives the final amended plan 8 weeks after the proposed amendments', () => {
    assert.equal(ask('amending_ehcp', 'proposed amendments sent on 1 April 2026, when is the final amended plan due')?.deadlines[0]?.date, '2026-05-27');
  });

  it('gives stage 2 complaint deadlines when the question says stage 2', () => {
    const d = ask('la_complaints', 'my stage 2 complaint went in on 2 March 2026, when should they respond');
    assert.equal(d?.from.meaning, 'stage 2 complaint received');
    assert.equal(d?.deadlines.length, 2);
  });

  it('gives nothing when the question does not ask when, or the article has no calculator', () => {
    assert.equal(ask('final_plan_20_weeks', 'we applied on 3 February 2026 and I am worried'), undefined);
    assert.equal(ask('sendiass', 'I called on 3 February 2026, when will they ring back'), undefined);
  });
});
