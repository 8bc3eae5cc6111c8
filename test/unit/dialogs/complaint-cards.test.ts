import assert from 'node:assert/strict';
import { complaintReplyLines } from '../../../bot/casework/complaints';
import { childButtonNames, linkChildQuestion, NOT_ABOUT_A_CHILD, pickedChild, planContentNote } from '../../../dialogs/complaint-cards';

describe('complaintReplyLines(): the reply once a complaint is made', () => {
  const input = { ref: 'CMP-2026-00042', acknowledgeBy: '2026-03-09', respondBy: '2026-03-30' };

  it('leads with the reference, then both deadlines as long dates', () => {
    const [first, second] = complaintReplyLines(input);
    assert.equal(first, 'Your complaint has been sent. Your reference is CMP-2026-00042.');
    assert.equal(second, 'The council must acknowledge it by 9 March 2026 and send you a full response by 30 March 2026.');
  });

  it('says the Ombudsman comes after the council’s own process has ended', () => {
    const last = complaintReplyLines(input).at(-1) ?? '';
    assert.match(last, /stage 2/);
    assert.match(last, /When the council’s complaints process has ended, you can complain to the Local Government and Social Care Ombudsman/);
  });

  it('talks about "them" when staff log a complaint for someone else', () => {
    const lines = complaintReplyLines({ ...input, forSomeoneElse: true });
    assert.equal(lines[0], 'The complaint has been logged. The reference is CMP-2026-00042.');
    assert.match(lines[1] ?? '', /send them a full response by 30 March 2026/);
    assert.ok(
      lines.every((l) => !/\byou\b/i.test(l)),
      lines.join('\n'),
    );
  });
});

describe('planContentNote(): complaints about what a plan says point to an appeal', () => {
  const article = {
    title: 'Appealing to the SEND Tribunal',
    summary: 'You can appeal to the SEND Tribunal against some council decisions.',
    sources: [{ citation: 'Children and Families Act 2014, section 51 (appeals)' }],
    lastReviewed: '2026-11-22',
  };

  it('says a complaint cannot change a plan and cites the article, its source and when it was checked', () => {
    const note = planContentNote(article);
    assert.match(note, /you can appeal to the SEND Tribunal/);
    assert.match(note, /A complaint cannot change a plan/);
    assert.match(note, /Appealing to the SEND Tribunal: You can appeal/);
    assert.match(note, /Source: Children and Families Act 2014, section 51 \(appeals\)\. Checked 22 November 2026\./);
  });

  it('still gives the appeal route when the article is missing', () => {
    const note = planContentNote(undefined);
    assert.match(note, /appeal to the SEND Tribunal/);
    assert.doesNotMatch(note, /Source:/);
  });
});

describe('linking a verified parent’s own child', () => {
  it('asks Yes or No for one child, by name', () => {
    assert.deepEqual(linkChildQuestion(['Orla']), { question: 'Is this complaint about Orla?', options: ['Yes', 'No'] });
    assert.equal(pickedChild(['Orla'], 'Yes'), 0);
    assert.equal(pickedChild(['Orla'], 'No'), undefined);
  });

  it('offers each child by name, and "not about one child", for several', () => {
    const { options } = linkChildQuestion(['Orla', 'Finn']);
    assert.deepEqual(options, ['Orla', 'Finn', NOT_ABOUT_A_CHILD]);
    assert.equal(pickedChild(['Orla', 'Finn'], 'Finn'), 1);
    assert.equal(pickedChild(['Orla', 'Finn'], NOT_ABOUT_A_CHILD), undefined);
  });

  it('links nothing for an answer that is not one of the offered children', () => {
    assert.equal(pickedChild(['Orla', 'Finn'], 'Somebody else'), undefined);
    assert.equal(pickedChild(['Orla', 'Finn'], undefined), undefined);
  });

  it('keeps button names different when two children share a given name', () => {
    const names = childButtonNames([
      { givenName: 'Sam', familyName: 'Ali' },
      { givenName: 'Sam', familyName: 'Ali-Jones' },
      { givenName: 'Ruby', familyName: 'Ali' },
    ]);
    assert.deepEqual(names, ['Sam Ali (1)', 'Sam Ali-Jones (2)', 'Ruby']);
    assert.equal(new Set(names).size, names.length);
  });
});
