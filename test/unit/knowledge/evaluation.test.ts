import assert from 'node:assert/strict';
import { computeMetrics, parseLabelledTsv, utility, type Prediction } from '../../../knowledge/evaluation';

const answer = (id: string): Prediction => ({ outcome: 'answer', articleId: id, alternatives: [] });
const clarify = (...ids: string[]): Prediction => ({ outcome: 'clarify', articleId: null, alternatives: ids });
const other = (outcome: 'escalate' | 'out_of_scope' | 'no_match'): Prediction => ({ outcome, articleId: null, alternatives: [] });

describe('parseLabelledTsv()', () => {
  it('skips the header and blank lines and keeps line numbers', () => {
    const rows = parseLabelledTsv('question\texpected\nwhat is an ehcp\tehcp_overview\n\nhi\tOUT_OF_SCOPE\n');
    assert.deepEqual(rows, [
      { question: 'what is an ehcp', expected: 'ehcp_overview', line: 2 },
      { question: 'hi', expected: 'OUT_OF_SCOPE', line: 4 },
    ]);
  });
  it('names the file and line of a malformed row', () => {
    assert.throws(() => parseLabelledTsv('no tab here', 'dev.tsv'), /dev\.tsv:1/);
  });
});

describe('computeMetrics()', () => {
  const rows = parseLabelledTsv(['a\tx', 'b\tx', 'c\ty', 'd\tESCALATE', 'e\tOUT_OF_SCOPE', 'f\tOUT_OF_SCOPE'].join('\n'));
  const predictions = [answer('x'), clarify('x', 'y'), answer('x'), other('escalate'), other('out_of_scope'), other('no_match')];
  const m = computeMetrics(rows, predictions);

  it('counts top-1 on article rows only', () => assert.deepEqual(m.top1, { hits: 1, of: 3 }));
  it('counts clarify hits among clarify outcomes', () => assert.deepEqual(m.clarifyContains, { hits: 1, of: 1 }));
  it('counts wrong answers', () => assert.deepEqual(m.wrongAnswers, { hits: 1, of: 3 }));
  it('computes escalate recall and precision', () => {
    assert.deepEqual(m.escalateRecall, { hits: 1, of: 1 });
    assert.deepEqual(m.escalatePrecision, { hits: 1, of: 1 });
  });
  it('scores out-of-scope strictly and leniently', () => {
    assert.deepEqual(m.outOfScope, { hits: 1, of: 2 });
    assert.deepEqual(m.outOfScopeLenient, { hits: 2, of: 2 });
  });
  it('lists every miss with what was expected and what came back', () => {
    assert.deepEqual(
      m.misses.map((x) => [x.expected, x.got]),
      [
        ['x', 'clarify[x, y]'],
        ['y', 'x'],
        ['OUT_OF_SCOPE', 'no_match'],
      ],
    );
  });
  it('gives utility +1 right, +0.5 useful clarify, −1 wrong', () => {
    assert.equal(utility(rows, predictions), 1 + 0.5 - 1 + 1 + 1 + 1);
  });
});
