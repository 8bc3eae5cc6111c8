import assert from 'node:assert/strict';
import { detectEscalation, hasSendMarker, isOutOfScope, mentionsUncoveredTopic, withoutSafeguardingWords } from '../../../knowledge/guards';
import { loadKnowledgeBase, type KnowledgeBase } from '../../../knowledge';
import { createAnalyzer } from '../../../knowledge/analysis';
import { loadArticles } from '../../../knowledge/loader';
import { knowledgeReply } from '../../../dialogs/knowledge-replies';
import type { CouncilContacts } from '../../../bot/config';

function reasonOf(message: string): string | null {
  return detectEscalation(message)?.reason ?? null;
}

describe('detectEscalation(): general safeguarding vocabulary', () => {
  // Everyday phrasing, misspellings, first and third person, any tense; none of these is a dev-set question.
  for (const message of [
    'he said he wants to die',
    "she's been cutting",
    'my dad hits him',
    'he is scared to go home',
    'someone touched her at school',
    'he hasnt been fed properly for days',
    'my son ran away last night',
    'he threatened to kill himself',
    'she took an overdose',
    'i think hes suicidle',
    'im going to end it tonight',
    'he tried to hang himself',
    'my son said hed rather be dead than go back to that school',
    'nobody would miss me if i was gone',
    'scratches herself until she bleeds',
    'he was slapped by a member of staff',
    'my son got punched at school and they did nothing',
    "mum's boyfriend is hurting my little brother",
    'my daughter told me her uncle does things to her',
    'older boys are making him sell drugs',
    'i think my daughter is being exploited',
    'my 14 year old has been staying out all night with older men',
    'my partner is violent and the kids see it',
    'my husband threatens us',
    'there is DV in our house',
    'the children next door are always dirty and hungry',
    'the foster carer doesnt feed her properly',
    'my daughter hasnt come home and its midnight',
    'he has gone missing from his residential school',
    'i think a child is at risk',
    'i cant keep him safe',
    'he says life isnt worth living',
    'she drank bleach',
    'my son was put in a dark room on his own for hours',
    'the teacher dragged him across the floor',
    'a man online asked my son for nudes',
    'she wrote a goodbye note',
    'he said he would be better off if he wasnt here',
    'a teacher has been messaging my daughter on snapchat',
    'he keeps coming home with new phones and wont say where they came from',
    'the carer at his respite slapped his face',
    'the ta pulls his hair',
    'he has said he will jump from the window',
    'my son keeps googling ways to die',
    'my daughter is being blackmailed online',
    'my 9 year old keeps wetting himself and is scared of his uncle',
    'he is covered in scratches and wont say why',
    'she has stopped eating and is losing loads of weight',
    'my son sed he wants to kil himself',
    'the taxi escort grabbed my sons arm so hard it left marks',
    'he put a belt round his neck',
    'i feel like i might harm my baby',
  ]) {
    it(`escalates "${message}"`, () => assert.equal(reasonOf(message), 'safeguarding'));
  }

  for (const message of [
    'the waiting is killing me',
    'school has been cutting his hours',
    'section F is missing from the plan',
    'he is missing a lot of school because of anxiety',
    'hes at risk of exclusion',
    'our plan went missing in the post',
    'my son is hungry for learning but school wont help',
    'is a stranger allowed to attend the annual review',
    'can the ehcp include help with personal care like washing and dressing',
  ]) {
    it(`does not escalate the SEND question "${message}"`, () => assert.equal(reasonOf(message), null));
  }
});

describe('detectEscalation(): general legal-advice and third-party rules', () => {
  for (const message of [
    'shud we accept what the council offered',
    'do i have a case against the council',
    'is it worth going to tribunal over section I',
    'how likely am i to win',
    'do we stand a chance at tribunal',
    'do you think the tribunal will agree with us',
    'is there any point appealing',
    'is the councils offer a good deal',
    'i need a solicitor for tribunal',
    'would you recommend i appeal',
    "would it be better to accept the council's offer or go to tribunal",
    'do you reckon wed win',
    'advise me on whether to sign the mediation agreement',
    'can you act as my representative at the hearing',
  ]) {
    it(`sends "${message}" to SENDIAS and IPSEA (legal_advice)`, () => assert.equal(reasonOf(message), 'legal_advice'));
  }
  for (const message of ['how do I appeal', 'what can i appeal', 'what happens at a tribunal hearing', 'can you recommend a good primary']) {
    it(`leaves "${message}" alone`, () => assert.notEqual(reasonOf(message), 'legal_advice'));
  }
  for (const message of [
    'i am his grandmother, what does his ehcp say',
    'can you tell me which school my nephew is going to',
    'does the girl next door have an ehcp',
    'is there a child in my daughters class with an ehcp',
    "i want details of another family's ehcp",
    'please email me the ehcp for Jayden Brown',
    "my friend's son has an ehcp, what school is he at",
    'can you give me a list of children with ehcps at my sons school',
    "what's in my ex-wife's son's EHCP",
  ]) {
    it(`treats "${message}" as a request for someone else's data`, () => assert.equal(reasonOf(message), 'third_party_data'));
  }
  for (const message of ['can i get a copy of my sons plan', 'my ex wont let me see our sons ehcp, can I get a copy', 'my nephew is 2 can he have an ehcp']) {
    it(`does not treat "${message}" as a third-party request`, () => assert.equal(reasonOf(message), null));
  }
});

describe("detectEscalation() and isOutOfScope() on the articles' own example questions", () => {
  it('never escalates or rules out a question the articles list as a way people ask', async () => {
    const { articles } = await loadArticles();
    const flagged = articles.flatMap((a) => a.questions).filter((q) => detectEscalation(q) !== null || isOutOfScope(q));
    assert.deepEqual(flagged, []);
  });
});

describe('withoutSafeguardingWords()', () => {
  it('keeps the SEND question and drops the harm phrase', () => {
    const rest = withoutSafeguardingWords('my son said he wants to die, the LA refused to assess him for an ehcp');
    assert.ok(!/die/.test(rest), rest);
    assert.match(rest, /refused to assess him for an ehcp/);
  });
});

describe('isOutOfScope(): council services without a SEND marker', () => {
  for (const message of [
    'how do I appeal a parking fine',
    'my daughters school place appeal',
    'when does the autumn term start',
    'which primary has the best results',
    'how do i get a bus pass',
    'how do I contact adult social care for my elderly mum',
    'how do I apply to be a foster carer',
    'where is the nearest food bank',
    'what benefits can I get',
    'when will my road be gritted',
    'how do i apply for a job at the council',
    'I need a copy of my birth certificate',
    'I need help finding somewhere to live',
    'which nursery should I choose',
    'what time does school finish on the last day of term',
  ]) {
    it(`is true for "${message}"`, () => assert.equal(isOutOfScope(message), true));
  }
  for (const message of [
    'my son has an EHCP, do we get priority for social housing',
    'school admissions for a child with an ehcp',
    'what are the term dates for the special school',
    'which is the best school for autistic kids',
    'can i get council tax reduction because my son is disabled',
    'parking at the special school is terrible',
    'can we get DLA for our son with ADHD',
  ]) {
    it(`is false when a SEND marker is present: "${message}"`, () => assert.equal(isOutOfScope(message), false));
  }
  it('does not take "add" or "appeal" on their own as SEND markers', () => {
    assert.equal(hasSendMarker('how do I add my partner to the council tax bill'), false);
    assert.equal(hasSendMarker('how do I appeal a parking fine'), false);
  });
});

describe('mentionsUncoveredTopic()', () => {
  for (const message of ['can i get DLA for my son with autism', 'can my autistic son get a blue badge', 'how do i get an autism diagnosis', 'we need a wheelchair from the NHS']) {
    it(`is true for "${message}"`, () => assert.equal(mentionsUncoveredTopic(message), true));
  }
  for (const message of ['do we need a diagnosis before asking for an EHC needs assessment', 'school wont let her go on the trip because of her wheelchair']) {
    it(`is false for the covered question "${message}"`, () => assert.equal(mentionsUncoveredTopic(message), false));
  }
});

describe('analysis: general vocabulary', () => {
  const analyzer = createAnalyzer();
  it("reads a young person's age, not a number of weeks", () => {
    assert.ok(analyzer.queryWords('my son is 19, does his plan stop').includes('post19'));
    assert.ok(analyzer.queryWords('she is 17 and at college').includes('post16'));
    assert.ok(!analyzer.queryWords('it is 20 weeks since we applied').includes('post19'));
  });
  it("reads a young child's age, not a school year", () => {
    assert.ok(analyzer.queryWords('my daughter is 4, how often is her plan reviewed').includes('under5'));
    assert.ok(!analyzer.queryWords('he is in year 4').includes('under5'));
  });
  it('treats time that has passed as elapsed, not as a statutory period', () => {
    const words = analyzer.queryWords('its been 8 weeks and no decision');
    assert.ok(words.includes('elapsed') && words.includes('week') && !words.includes('8'), words.join(' '));
  });
  it('reads "testing my son" as an assessment, not the legal test', () => {
    assert.ok(analyzer.queryWords('the council said no to testing my son').includes('assess'));
  });
  it('reads "the school isn\'t doing what the EHCP says" as provision not delivered', () => {
    assert.ok(analyzer.queryWords('the school isnt doing what the ehcp says').includes('deliver'));
  });
  it('reads "only in school 2 hours a day" as a part-time timetable', () => {
    assert.ok(analyzer.queryWords('my daughter is only in school 2 hours a day').includes('parttime'));
  });
  it('recognises help that is not being given', () => {
    assert.ok(analyzer.queryWords('he hasnt had a single session of SALT').includes('deliver'));
    assert.ok(analyzer.queryWords('the council cant provide the OT').includes('deliver'));
  });
  it('recognises being treated worse because of a disability', () => {
    assert.ok(analyzer.queryWords('they wont let her go on the residential trip because of her wheelchair').includes('discrimin'));
  });
});

describe('KnowledgeBase.ask(): safeguarding with a SEND question, and uncovered topics', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await loadKnowledgeBase();
  });

  it('escalates first and also names the SEND article for the rest of the message', () => {
    const r = kb.ask('my son said he wants to die, the LA refused to assess him for an ehcp, what can I do');
    assert.equal(r.outcome, 'escalate');
    if (r.outcome !== 'escalate') return;
    assert.equal(r.reason, 'safeguarding');
    assert.equal(r.articleId, null);
    assert.equal(r.alsoAnswer, 'refusal_to_assess');
  });

  it('adds no article to a disclosure with no SEND question', () => {
    for (const message of ['my son says he wants to kill himself', 'she came home with bruises and says the TA hurts her']) {
      const r = kb.ask(message);
      assert.equal(r.outcome, 'escalate');
      assert.equal(r.outcome === 'escalate' ? r.alsoAnswer : 'x', undefined, message);
    }
  });

  it('adds no article to a legal-advice escalation', () => {
    const r = kb.ask("should I accept the council's offer at tribunal");
    assert.equal(r.outcome === 'escalate' && r.reason, 'legal_advice');
    assert.equal(r.outcome === 'escalate' ? r.alsoAnswer : 'x', undefined);
  });

  for (const question of ['can i get DLA for my son with autism', 'can my autistic son get a blue badge', 'what medication is best for ADHD']) {
    it(`says no_match, not an article and not out of scope, for "${question}"`, () => assert.equal(kb.ask(question).outcome, 'no_match'));
  }
});

describe('knowledgeReply() for an escalation with a SEND answer', () => {
  const council: CouncilContacts = {
    name: 'Test Borough Council',
    sendEmail: 'send@example.gov.uk',
    contactUrl: 'https://example.gov.uk/contact',
    frontDoorPhone: '01234 000000',
    sendiasEmail: 'sendias@example.org',
    sendiasPhone: '01234 111111',
  };
  let kb: KnowledgeBase;
  before(async () => {
    kb = await loadKnowledgeBase();
  });

  it('puts the safety contacts before the article summary and never promises secrecy', () => {
    const result = kb.ask('my son said he wants to die, the LA refused to assess him for an ehcp, what can I do');
    const text = knowledgeReply(result, (id) => kb.article(id), council).text ?? '';
    const summary = kb.article('refusal_to_assess')?.summary ?? '';
    assert.ok(summary.length > 0);
    const contacts = text.indexOf('999');
    assert.ok(contacts >= 0, text);
    assert.ok(text.indexOf(summary) > contacts, 'the SEND answer comes after the contacts');
    assert.ok(text.includes(council.frontDoorPhone));
    assert.ok(!/\b(?:secret|confidential|won'?t tell anyone|between us)\b/i.test(text.slice(0, text.indexOf(summary))), text);
  });

  it('renders the contacts alone when there is nothing else to answer', () => {
    const result = kb.ask('my son says he wants to kill himself');
    const reply = knowledgeReply(result, (id) => kb.article(id), council);
    assert.ok((reply.text ?? '').startsWith('If anyone is in immediate danger, call 999 now.'));
    assert.equal(reply.attachments, undefined);
  });
});
