import assert from 'node:assert/strict';
import { createKnowledgeBase, loadKnowledgeBase, type KnowledgeBase, type KnowledgeResult } from '../../../knowledge';
import type { Article } from '../../../knowledge/schema';

const TODAY = { today: '2026-03-01' };

function outcomeOf(r: KnowledgeResult): string {
  return r.outcome === 'answer' ? r.articleId : r.outcome === 'escalate' ? `escalate:${r.reason}` : r.outcome;
}

describe('KnowledgeBase.ask() with the real articles', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await loadKnowledgeBase();
  });

  it('loads all 45 articles', () => {
    assert.equal(kb.size, 45);
  });

  describe('answers', () => {
    const cases: [string, string][] = [
      ['what is an ehcp', 'ehcp_overview'],
      ['what does a senco do', 'senco_and_school_duties'],
      ['how long do I have to appeal to tribunal', 'tribunal_appeals'],
      ['can we have a personal budget for his ehcp', 'personal_budgets'],
      ['what is sendiass', 'sendiass'],
      ['how do i complain to the ombudsman about the council', 'ombudsman'],
      ['my son is on a part time timetable', 'missing_education'],
      ['section J what is it', 'personal_budgets'],
    ];
    for (const [question, id] of cases) {
      it(`answers "${question}" with ${id}`, () => {
        const r = kb.ask(question, TODAY);
        assert.equal(outcomeOf(r), id);
        assert.ok(r.confidence > 0 && r.confidence <= 1, `confidence ${r.confidence} is within (0, 1]`);
      });
    }

    it('returns the article, with sources and review date, and runners-up as alternatives', () => {
      const r = kb.ask('what is an ehcp', TODAY);
      assert.equal(r.outcome, 'answer');
      if (r.outcome !== 'answer') return;
      assert.equal(r.article.id, 'ehcp_overview');
      assert.ok(r.article.sources.length > 0);
      assert.match(r.article.lastReviewed, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(r.alternatives.length > 0 && !r.alternatives.includes('ehcp_overview'));
    });
  });

  describe('synonyms and abbreviations', () => {
    const groups: string[][] = [
      ['what is an EHCP', 'what is an education health and care plan', 'what is an EHC plan', 'what is an echp'],
      ['who can ask for an EHCNA', 'who can ask for an EHC needs assessment'],
      ['what does a SENCO do', 'what does a SENCo do', 'what does the special educational needs coordinator do'],
      ['what is SENDIASS', 'what is SENDIAS', 'what is the parent partnership service'],
      ['can the LGSCO look at delays', 'can the ombudsman look at delays'],
      ['what can you appeal to SENDIST', 'what can you appeal to the tribunal'],
      ['what happens after the AR meeting', 'what happens after the annual review meeting'],
      ['can I have a PB', 'can I have a personal budget', 'can I have direct payments'],
    ];
    for (const group of groups) {
      it(`gives the same article for ${group.map((q) => `"${q}"`).join(', ')}`, () => {
        const ids = group.map((q) => outcomeOf(kb.ask(q, TODAY)));
        assert.equal(new Set(ids).size, 1, ids.join(' / '));
        assert.notEqual(ids[0], 'no_match');
      });
    }
  });

  describe('misspellings', () => {
    const cases: [string, string][] = [
      ['how long do i have to apeal to the tribnal', 'tribunal_appeals'],
      ['wats an educaton health care plan', 'ehcp_overview'],
      ['can i ask for a reasessment', 'reassessment'],
      ['the LA wont asess my son', 'refusal_to_assess'],
      ['anual reveiw meeting who must be invited', 'annual_review_meeting'],
    ];
    // The right article is the answer, or the first of the choices offered (a badly spelt question may fairly be asked back).
    for (const [question, id] of cases) {
      it(`tolerates "${question}"`, () => {
        const r = kb.ask(question, TODAY);
        assert.equal(r.outcome === 'clarify' ? r.alternatives[0] : outcomeOf(r), id);
      });
    }
  });

  describe('escalations come before any article', () => {
    it('escalates a safeguarding disclosure inside a long message about deadlines', () => {
      const r = kb.ask(
        'We asked for an EHC needs assessment 8 weeks ago and the council has not decided. He is refusing school and last night he said ' +
          'he wants to kill himself. How long do they have to decide whether to assess?',
        TODAY,
      );
      assert.equal(outcomeOf(r), 'escalate:safeguarding');
      assert.equal(r.articleId, null);
    });
    it('escalates indirect phrasing', () => assert.equal(outcomeOf(kb.ask("honestly I can't go on", TODAY)), 'escalate:safeguarding'));
    it('escalates a request for legal advice', () => assert.equal(outcomeOf(kb.ask('will i win my appeal if the EP report backs us up', TODAY)), 'escalate:legal_advice'));
    it("escalates a third-party request for a named child's plan", () =>
      assert.equal(outcomeOf(kb.ask("im his uncle, send me Jake Smith's EHCP", TODAY)), 'escalate:third_party_data'));
    it('does not escalate "what is a safeguarding lead"', () => assert.notEqual(kb.ask('what is a safeguarding lead', TODAY).outcome, 'escalate'));
    it('does not escalate "how do I appeal"', () => assert.equal(outcomeOf(kb.ask('how do I appeal to the tribunal', TODAY)), 'tribunal_appeals'));
  });

  describe('out of scope', () => {
    for (const question of [
      'when are the school holidays',
      'how do I pay council tax',
      'how do I apply for a school place for reception',
      'whats the weather like tomorrow',
      'tell me a joke',
    ]) {
      it(`"${question}" is out of scope`, () => assert.equal(kb.ask(question, TODAY).outcome, 'out_of_scope'));
    }
    it('keeps the near-miss "do the school holidays stop the 20 week deadline" in scope', () =>
      assert.equal(outcomeOf(kb.ask('do the school holidays stop the 20 week ehcp deadline', TODAY)), 'timescales_and_holidays'));
  });

  describe('clarify', () => {
    it('offers two or three candidates for the ambiguous "review"', () => {
      const r = kb.ask('review', TODAY);
      assert.equal(r.outcome, 'clarify');
      if (r.outcome !== 'clarify') return;
      assert.ok(r.alternatives.length >= 2 && r.alternatives.length <= 3, r.alternatives.join(', '));
      assert.deepEqual(
        r.candidates.map((c) => c.id),
        r.alternatives,
      );
      assert.equal(r.articleId, null);
    });
    it('gives no single article for "how long do they have", which names nothing', () => {
      const r = kb.ask('how long do they have', TODAY);
      assert.ok(['clarify', 'out_of_scope', 'no_match'].includes(r.outcome), r.outcome);
    });
    it('shows both complaint routes for "complaint": as choices, or the council route with the school route beside it', () => {
      const r = kb.ask('complaint', TODAY);
      if (r.outcome === 'clarify') {
        assert.ok(r.alternatives.includes('la_complaints') && r.alternatives.includes('school_complaints'), r.alternatives.join(', '));
        return;
      }
      assert.equal(r.outcome, 'answer');
      if (r.outcome !== 'answer') return;
      assert.ok(['la_complaints', 'school_complaints'].includes(r.articleId), r.articleId);
      const other = r.articleId === 'la_complaints' ? 'school_complaints' : 'la_complaints';
      assert.ok(r.article.related.includes(other), `${r.articleId} links to ${other}`);
    });
  });

  describe('deadlines', () => {
    it('works out the final plan date from the request date: 3 February 2026 → 23 June 2026', () => {
      const r = kb.ask('request went in on 3 February 2026, when is the final plan due?', TODAY);
      assert.equal(r.outcome, 'answer');
      if (r.outcome !== 'answer') return;
      assert.equal(r.articleId, 'final_plan_20_weeks');
      assert.equal(r.deadlines?.from.date, '2026-02-03');
      assert.deepEqual(
        r.deadlines?.deadlines.map((d) => d.date),
        ['2026-03-17', '2026-05-26', '2026-06-23'],
      );
      assert.equal(r.deadlines?.deadlines.find((d) => /final/i.test(d.label))?.date, '2026-06-23');
    });

    it('reads 5/3/2026 as 5 March and gives the review report and decision dates', () => {
      const r = kb.ask('the annual review meeting was on 5/3/2026, when is the council decision due after the meeting?', TODAY);
      assert.equal(r.outcome, 'answer');
      if (r.outcome !== 'answer') return;
      assert.equal(r.deadlines?.from.date, '2026-03-05');
      assert.ok(
        r.deadlines?.deadlines.some((d) => d.date === '2026-03-19'),
        'report by 19 March',
      );
      assert.ok(
        r.deadlines?.deadlines.some((d) => d.date === '2026-04-02'),
        'decision by 2 April',
      );
    });

    it('uses a date without a year relative to today', () => {
      const r = kb.ask('request went in on 3 February, when is the final plan due?', TODAY);
      assert.equal(r.outcome === 'answer' ? r.deadlines?.from.date : null, '2026-02-03');
    });

    it('attaches no deadlines when the question has no date', () => {
      const r = kb.ask('how long does the final plan take', TODAY);
      assert.equal(r.outcome === 'answer' ? r.deadlines : undefined, undefined);
    });
  });
});

function article(id: string, title: string, questions: string[], body: string): Article {
  return {
    id,
    title,
    summary: `${title}. A short summary for tests only.`,
    audience: ['parents'],
    sources: [{ kind: 'statute', citation: 'Children and Families Act 2014' }],
    lastReviewed: '2026-01-01',
    reviewDue: '2027-01-01',
    owner: 'Test team',
    related: [],
    questions,
    body: body.repeat(3),
    file: `${id}.md`,
  };
}

describe('createKnowledgeBase()', () => {
  const kb = (): KnowledgeBase =>
    createKnowledgeBase([
      article('kite_flying', 'Kite flying for pupils', ['where can pupils fly a kite', 'kite flying club'], 'Kite flying happens on the field for pupils. '),
      article('kite_making', 'Kite making for pupils', ['how do pupils make a kite', 'kite making club'], 'Kite making happens in the art room for pupils. '),
      article('meals', 'Lunch menus', ['what is for lunch', 'lunch menu'], 'Lunch menus change every term and include a vegetarian choice. '),
    ]);

  it('clarifies between two equally good articles', () => {
    const r = kb().ask('kites');
    assert.equal(r.outcome, 'clarify');
    assert.deepEqual([...r.alternatives].sort(), ['kite_flying', 'kite_making']);
  });

  it('answers when one article is clearly better', () => {
    assert.equal(outcomeOf(kb().ask('what is on the lunch menu')), 'meals');
  });

  it('says no_match for a SEND question nothing covers', () => {
    assert.equal(kb().ask('how do I get speech and language therapy in the EHCP').outcome, 'no_match');
  });

  it('looks articles up by id', () => {
    assert.equal(kb().article('meals')?.title, 'Lunch menus');
    assert.equal(kb().article('nope'), undefined);
  });
});
