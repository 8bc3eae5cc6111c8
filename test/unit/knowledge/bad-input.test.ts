import assert from 'node:assert/strict';
import { loadKnowledgeBase } from '../../../knowledge';
import type { KnowledgeBase, KnowledgeResult } from '../../../knowledge/types';

/** Odd input, as people send it: each gets a sensible outcome and nothing throws. */
describe('knowledge base: odd and hostile questions (with the learned layer)', () => {
  let kb: KnowledgeBase;
  const ask = (q: string): KnowledgeResult => kb.ask(q, { today: '2026-12-02' });
  const shown = (r: KnowledgeResult): string | null => (r.outcome === 'answer' ? r.articleId : null);
  const noArticle = (r: KnowledgeResult): boolean => r.outcome === 'out_of_scope' || r.outcome === 'no_match';

  before(async () => {
    kb = await loadKnowledgeBase({ today: '2026-12-02', warmUp: false });
  });

  it('an empty or blank message shows no article and is not escalated', () => {
    for (const q of ['', '   ', '\n\t']) {
      const r = ask(q);
      assert.ok(noArticle(r), `${JSON.stringify(q)} → ${r.outcome}`);
      assert.equal(kb.screen(q), null);
    }
  });

  it('a story of nearly 2,000 characters still finds the question at its end', () => {
    const story = [
      'My son is nine and was diagnosed with autism when he was five.',
      'For a long time he managed at his primary school with a lot of help from his teacher, who was wonderful with him.',
      'This year everything changed: he has a new teacher, the class is bigger and louder, and the teaching assistant he trusted left at Christmas.',
      'He has started refusing to get dressed in the mornings, he hides under his bed, and when I finally get him to the gate he is shaking.',
      'The school have tried a few things, a visual timetable, a quiet space at lunch, a reduced day on Fridays, and they meet me every half term.',
      'The SENCO says he is still making some progress in reading and maths but that his anxiety is getting worse and he is falling behind in writing.',
      'Our GP referred him to CAMHS but the waiting list is more than a year, and the educational psychologist only came in once for an hour.',
      'His little sister is starting to copy his behaviour, my partner works away most weeks, and I have had to cut my hours at work to collect him early.',
      'I have read a lot online and I am not sure what is true, so I am asking here before I speak to the school again next week.',
      'We sent the council our request for an assessment three weeks ago, by email, with letters from the school and the GP.',
      'I have not heard anything back apart from an automatic reply.',
      'I phoned twice and was told someone would call me back, but nobody has, and the school say it is out of their hands now that it is with the council.',
      'I do not want to make a fuss, but I can see him getting more and more unhappy, and I worry about what next year will look like when he moves up.',
      'Sorry this is so long, I just wanted to explain the whole picture.',
    ].join(' ');
    const q = `${story} How long does the council have to decide whether to assess him?`;
    assert.ok(q.length >= 1500 && q.length <= 2000, String(q.length));
    const r = ask(q);
    assert.ok(r.outcome === 'answer' || r.outcome === 'clarify', r.outcome);
    const ids = r.outcome === 'answer' ? [r.articleId] : r.alternatives;
    assert.ok(ids.includes('ehcna_decision_6_weeks'), `${r.outcome}: ${ids.join(', ')}`);
  });

  it('answers typed to a prompt ("Update our address", "phone") are not escalated, and a two-word disclosure is (the detector learned answers, no word floor)', () => {
    for (const q of ['Update our address', 'phone', 'communication', 'Lee Parent', 'Flat 2, 14 Mill Lane']) assert.equal(kb.screen(q, { inTask: true }), null, q);
    assert.equal(kb.screen('he hits me'), 'escalate');
    assert.equal(kb.screen('cutting again', { inTask: true }), 'escalate');
    assert.equal(kb.screen('cutting again'), 'escalate');
  });

  it('emoji alone show no article', () => {
    for (const q of ['🙂', '👍👍👍', '😢😢😢😢', '🙏🏽']) assert.ok(noArticle(ask(q)), q);
  });

  it('a question in another language is not answered with an English article it may not match', () => {
    for (const q of [
      '¿Cuánto tiempo tarda la evaluación de necesidades?',
      'Ile trwa ocena potrzeb edukacyjnych mojego syna?',
      'میرے بیٹے کی تعلیمی ضروریات کا جائزہ کتنا وقت لیتا ہے',
    ]) {
      const r = ask(q);
      assert.notEqual(r.outcome, 'escalate', q);
      assert.equal(shown(r), null, `${q} → ${shown(r)}`);
    }
  });

  it('all capitals give the same outcome as lower case', () => {
    for (const q of ['how do i appeal to the send tribunal', 'what is an education health and care plan', 'can i ask for a particular school to be named']) {
      const lower = ask(q);
      const upper = ask(q.toUpperCase());
      assert.equal(upper.outcome, lower.outcome, q);
      assert.equal(upper.articleId, lower.articleId, q);
    }
  });

  it('a word repeated many times does not throw, and a repeated SEND topic still finds it', () => {
    assert.doesNotThrow(() => ask('plan '.repeat(400)));
    const r = ask('tribunal tribunal tribunal tribunal tribunal tribunal appeal appeal appeal');
    const ids = r.outcome === 'answer' ? [r.articleId] : r.alternatives;
    assert.ok(
      ids.some((id) => id.startsWith('tribunal')),
      `${r.outcome}: ${ids.join(', ')}`,
    );
  });

  it('HTML and markdown around a question give the same answer as the plain question', () => {
    const plain = ask('how do i appeal to the send tribunal');
    for (const q of [
      '<p>how do i <b>appeal</b> to the <a href="https://example.org">SEND tribunal</a></p>',
      '**how do i appeal** to the _SEND tribunal_?\n\n> quoted',
      '<script>alert(1)</script> how do i appeal to the send tribunal',
    ]) {
      const r = ask(q);
      assert.equal(r.outcome, plain.outcome, q);
      assert.equal(r.articleId, plain.articleId, q);
    }
  });

  it('short answers typed out of context ("yes", a name, a date, a reference) show no article', () => {
    for (const q of ['yes', 'no thanks', 'Priya Walsh', '14 March 2016', 'EHC-2025-0042', 'okay']) {
      const r = ask(q);
      assert.equal(shown(r), null, `${q} → ${shown(r)}`);
      assert.notEqual(r.outcome, 'escalate', q);
    }
  });
});
