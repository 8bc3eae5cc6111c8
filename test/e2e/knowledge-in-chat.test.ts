import assert from 'node:assert/strict';
import type { KnowledgeBase } from '../../knowledge/types';
import { DirectLineClient, replyText } from '../helpers/directline-client';
import { knowledgeChatSuite } from '../helpers/knowledge-chat';

/** Picks, from candidates, the first question the knowledge base gives the wanted outcome. */
function firstWith(kb: KnowledgeBase, outcome: string, candidates: readonly string[]): string {
  const found = candidates.find((q) => kb.ask(q, { today: '2026-11-22' }).outcome === outcome);
  assert.ok(found, `none of the candidate questions gives ${outcome}`);
  return found;
}

describe('asking SEND questions in chat (HTTP through the local channel)', () => {
  const suite = knowledgeChatSuite('2026-11-22');
  const chat = (): Promise<DirectLineClient> => suite.chat();

  it('leads with the summary, names the source and when it was checked, and offers feedback and related topics', async () => {
    const c = await chat();
    const [reply] = await c.say('how long does the council have to decide whether to assess my child');
    const article = suite.kb.article('ehcna_decision_6_weeks');
    assert.ok(article && reply);
    assert.ok(reply.text?.startsWith(article.summary), `reply starts with the summary: ${reply.text}`);
    assert.match(reply.text ?? '', /Source: .+\. Last checked: \d{1,2} [A-Z][a-z]+ 20\d\d\./);
    const all = replyText([reply]);
    for (const label of ['Was this helpful?', 'Yes, this helped', 'No', 'Read more']) assert.ok(all.includes(label), label);
    const related = article.related.map((id) => suite.kb.article(id)?.title).filter(Boolean);
    assert.ok(
      related.some((title) => all.includes(title ?? '')),
      'offers a related topic',
    );
  });

  it('works out the statutory dates when the question gives a date', async () => {
    const c = await chat();
    const reply = replyText(await c.say('request went in on 3 February 2026, when is the final plan due?'));
    assert.match(reply, /Final EHC plan: 23 June 2026/);
    assert.match(reply, /17 March 2026/);
  });

  it('shows the whole article, its sources and review date on "Read more"', async () => {
    const c = await chat();
    const reply = replyText(await c.say({ value: { action: 'readArticle', articleId: 'tribunal_appeals' } }));
    assert.match(reply, /\*\*Sources\*\*/);
    assert.match(reply, /Last checked: /);
  });

  it('offers two or three topics as buttons when the question is ambiguous', async () => {
    const question = firstWith(suite.kb, 'clarify', ['appeal', 'review', 'plan timescales', 'school', 'complain', 'deadline', 'assessment']);
    const expected = suite.kb.ask(question, { today: '2026-11-22' });
    assert.equal(expected.outcome, 'clarify');
    const c = await chat();
    const reply = replyText(await c.say(question));
    assert.match(reply, /more than one answer/);
    if (expected.outcome === 'clarify') for (const cand of expected.candidates) assert.ok(reply.includes(cand.title), cand.title);
  });

  it('offers SENDIAS when nothing matches, and stores the question without personal data', async () => {
    const question = firstWith(suite.kb, 'no_match', [
      'my email is jo.bloggs@example.org what is the procedure for the zebra crossing of sensory boats',
      'email jo.bloggs@example.org can the ehcp cover horse riding lessons on mars',
      'jo.bloggs@example.org quantum provision flux capacitor sen',
      'my email is jo.bloggs@example.org, can I get DLA for my autistic son',
      'jo.bloggs@example.org how do I get a blue badge for my disabled daughter',
    ]);
    const c = await chat();
    const reply = replyText(await c.say(question));
    assert.match(reply, /could not find an answer/);
    assert.match(reply, /SENDIAS/);
    const report = (await (await fetch(`${suite.service.url}/dev/kb-report`)).json()) as { unanswered: { question: string }[] };
    const stored = report.unanswered.map((u) => u.question).join('\n');
    assert.ok(stored.length > 0, 'the unanswered question is stored');
    assert.ok(!stored.includes('jo.bloggs@example.org'), `email removed: ${stored}`);
  });

  it('records "was this helpful?" answers for curators', async () => {
    const c = await chat();
    const reply = replyText(await c.say({ value: { action: 'feedback', articleId: 'mediation', helpful: 'no' } }));
    assert.match(reply, /Thank you for telling us/);
    const report = (await (await fetch(`${suite.service.url}/dev/kb-report`)).json()) as { feedback: Record<string, { notHelpful: number }> };
    assert.equal(report.feedback.mediation?.notHelpful, 1);
  });

  it('groups unanswered, clarified and "not helpful" questions by nearest topic for curators, without personal data', async () => {
    const c = await chat();
    const question = 'my email is sam.jones@example.org, how do i go to mediation before tribunal';
    const replies = await c.say(question);
    const no = replies.flatMap((r) => r.attachments ?? []).flatMap((a) => JSON.stringify(a.content).match(/\{"action":"feedback"[^}]*"helpful":"no"[^}]*\}/g) ?? []);
    assert.equal(no.length, 1, 'the answer has a "No" button');
    const data = JSON.parse(no[0]!) as { action: string; articleId: string; helpful: string; question?: string };
    assert.equal(data.question, question, 'the button carries the question');
    await c.say({ value: data });
    const clarifyQuestion = firstWith(suite.kb, 'clarify', ['appeal', 'review', 'plan timescales', 'school', 'complain', 'deadline', 'assessment']);
    await c.say(clarifyQuestion);
    const report = (await (await fetch(`${suite.service.url}/dev/kb-report`)).json()) as {
      byTopic: { topic: string; unanswered: { question: string }[]; clarified: { question: string }[]; notHelpful: { question: string; count: number }[] }[];
    };
    const group = report.byTopic.find((g) => g.topic === data.articleId);
    assert.ok(group, `a group for ${data.articleId}`);
    const stored = group.notHelpful.map((q) => q.question).join('\n');
    assert.match(stored, /mediation before tribunal/);
    assert.ok(!stored.includes('sam.jones@example.org'), `email removed: ${stored}`);
    const nearest = suite.kb.ask(clarifyQuestion, { today: '2026-11-22' }).alternatives[0];
    const clarified = report.byTopic.find((g) => g.topic === nearest)?.clarified.map((q) => q.question) ?? [];
    assert.ok(clarified.includes(clarifyQuestion), `"${clarifyQuestion}" listed under ${nearest}`);
  });

  it('refuses a forged or stale submission and changes nothing', async () => {
    const c = await chat();
    const reply = replyText(await c.say({ value: { action: 'feedback', articleId: '../../etc/passwd', helpful: 'yes' } }));
    assert.match(reply, /could not use that/);
    const unknown = replyText(await c.say({ value: { action: 'deleteEverything' } }));
    assert.match(unknown, /could not use that/);
    const report = (await (await fetch(`${suite.service.url}/dev/kb-report`)).json()) as { feedback: Record<string, unknown> };
    assert.equal(
      Object.keys(report.feedback).some((k) => k.includes('passwd')),
      false,
    );
  });

  it('puts safeguarding first, even in the middle of a dialog, then lets the user carry on', async () => {
    const c = await chat();
    await c.say({ value: { action: 'askQuestion' } });
    const reply = replyText(await c.say('I am scared, my daughter says a teacher hits her'));
    assert.match(reply, /call 999/);
    assert.match(reply, /Childline free on 0800 1111/);
    assert.match(reply, /NHS 111 and choose option 2/);
    assert.doesNotMatch(reply, /confidential|secret/i, 'never promises secrecy');
    assert.match(reply, /carry on where you were/);
    assert.match(reply, /What would you like to know\?/);
    const answer = replyText(await c.say('what is an EHC plan'));
    assert.match(answer, /legal document/);
  });

  it('signposts SENDIAS and IPSEA instead of predicting an outcome', async () => {
    const c = await chat();
    const reply = replyText(await c.say('should I accept the council offer or will I win at tribunal'));
    assert.match(reply, /cannot give advice about your own case/);
    assert.match(reply, /IPSEA/);
  });

  it('says kindly when a question is not about SEND, and where to go instead', async () => {
    const c = await chat();
    const reply = replyText(await c.say('how do I pay my council tax'));
    assert.match(reply, /only help with special educational needs and disabilities/);
    assert.match(reply, /example\.org\/contact-us/);
  });
});
