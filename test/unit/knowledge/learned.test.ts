import assert from 'node:assert/strict';
import { featureNames, vectorise } from '../../../knowledge/learned/features';
import { predictSoftmax, trainSoftmax, DEFAULT_TRAINING } from '../../../knowledge/learned/softmax';
import { readModel, score, trainModel, writeModel, type LabelledFeatures } from '../../../knowledge/learned/model';
import { calibrate, type CalibrationRow } from '../../../knowledge/learned/calibrate';
import { combine, hybridOutcome, screenOf, type HybridThresholds, type LexicalSignals } from '../../../knowledge/learned/hybrid';
import { foldsOf } from '../../../knowledge/learned/training';
import type { LearnedScores } from '../../../knowledge/learned/model';
import type { CorpusRow } from '../../../knowledge/learned/corpus';

const T: HybridThresholds = {
  learnedWeight: 0.8,
  minScore: 0.15,
  clarifyRatio: 0.8,
  outOfScope: 0.5,
  outOfScopeSendWord: 0.7,
  noMatch: 0.5,
  escalate: 0.5,
  disclosureHigh: 0.6,
  disclosureLow: 0.2,
  disclosureLowInTask: 0.2,
  detectorMinWords: 0,
};
const IDS = ['a', 'b', 'c'];

function learned(topic: Record<string, number>, disclosure = 0): LearnedScores {
  return { topic: new Map(Object.entries(topic)), disclosure };
}
function lexical(ranked: Record<string, number> = {}, extra: Partial<LexicalSignals> = {}): LexicalSignals {
  return { escalation: null, outOfScope: false, sendMarker: true, ranked: Object.entries(ranked).map(([id, score]) => ({ id, score })), ...extra };
}
function decide(lex: LexicalSignals, l: LearnedScores, t = T) {
  return hybridOutcome(lex, l, t, combine(lex, l, IDS, t.learnedWeight));
}

describe('learned layer', () => {
  describe('features', () => {
    it('sees the analysed words, word pairs, raw words and character grams, once each', () => {
      const names = featureNames('Started cutting again', { words: ['start', 'cut'] });
      for (const n of ['w:start', 'w:cut', 'b:start_cut', 'r:again', 'rb:cutting_again', 'c:<cu', 'c:ting>']) assert.ok(names.includes(n), n);
      assert.equal(new Set(names).size, names.length);
    });

    it('gives the same features whatever the case, and unit-length vectors however long the message', () => {
      assert.deepEqual(featureNames('HOW LONG', { words: ['long'] }), featureNames('how long', { words: ['long'] }));
      const vocab = new Map([
        ['w:a', 0],
        ['w:b', 1],
        ['w:c', 2],
      ]);
      const v = vectorise(['w:a', 'w:b', 'w:c', 'w:unknown'], vocab);
      assert.equal(v.index.length, 3);
      assert.ok(Math.abs([...v.value].reduce((s, x) => s + x * x, 0) - 1) < 1e-6);
      assert.equal(vectorise([], vocab).index.length, 0);
    });
  });

  describe('softmax classifier', () => {
    const vocab = new Map([
      ['x', 0],
      ['y', 1],
      ['z', 2],
    ]);
    const examples = [
      ...Array.from({ length: 20 }, () => ({ x: vectorise(['x'], vocab), y: 0 })),
      ...Array.from({ length: 20 }, () => ({ x: vectorise(['y'], vocab), y: 1 })),
      ...Array.from({ length: 20 }, () => ({ x: vectorise(['z', 'y'], vocab), y: 2 })),
    ];

    it('learns a separable problem', () => {
      const m = trainSoftmax(['p', 'q', 'r'], 3, examples);
      const top = (names: string[]) => {
        const p = predictSoftmax(m, vectorise(names, vocab));
        return p.indexOf(Math.max(...p));
      };
      assert.equal(top(['x']), 0);
      assert.equal(top(['y']), 1);
      assert.equal(top(['z', 'y']), 2);
    });

    it('is deterministic: the same data and seed give the same weights; another seed other weights', () => {
      const a = trainSoftmax(['p', 'q', 'r'], 3, examples);
      const b = trainSoftmax(['p', 'q', 'r'], 3, examples);
      const c = trainSoftmax(['p', 'q', 'r'], 3, examples, { ...DEFAULT_TRAINING, seed: DEFAULT_TRAINING.seed + 99 });
      assert.deepEqual([...a.weights], [...b.weights]);
      assert.notDeepEqual([...a.weights], [...c.weights]);
    });
  });

  describe('stored model', () => {
    it('survives writing and reading (8-bit weights) with the same predictions and thresholds', () => {
      const rows: LabelledFeatures[] = [
        ...Array.from({ length: 6 }, (_, i) => ({ names: ['w:tribunal', 'w:appeal', `c:${i % 2}`], topicClass: 'a', disclosure: false })),
        ...Array.from({ length: 6 }, (_, i) => ({ names: ['w:review', 'w:annual', `c:${i % 2}`], topicClass: 'b', disclosure: false })),
        ...Array.from({ length: 6 }, (_, i) => ({ names: ['w:cut', 'r:again', `c:${i % 2}`], topicClass: 'c', disclosure: true })),
      ];
      const model = trainModel(rows, IDS, { articlesHash: 'h1', corpusHash: 'h2' });
      const back = readModel(writeModel({ model, thresholds: T, crossValidation: ['line'] }));
      assert.deepEqual(back.thresholds, T);
      assert.deepEqual(back.crossValidation, ['line']);
      assert.equal(back.model.meta.articlesHash, 'h1');
      for (const names of [['w:tribunal'], ['w:review', 'w:annual'], ['w:cut', 'r:again']]) {
        const before = score(model, names);
        const after = score(back.model, names);
        for (const id of IDS) assert.ok(Math.abs((before.topic.get(id) ?? 0) - (after.topic.get(id) ?? 0)) < 0.02, id);
        assert.ok(Math.abs(before.disclosure - after.disclosure) < 0.02);
      }
      assert.ok(score(back.model, ['w:cut', 'r:again']).disclosure > 0.5);
      assert.ok(score(back.model, ['w:tribunal']).disclosure < 0.5);
    });

    it('refuses a file whose weights do not match its vocabulary', () => {
      const model = trainModel(
        [
          { names: ['w:a', 'w:b'], topicClass: 'a', disclosure: false },
          { names: ['w:a', 'w:b'], topicClass: 'b', disclosure: true },
        ],
        IDS,
        { articlesHash: '', corpusHash: '' },
      );
      const json = JSON.parse(writeModel({ model, thresholds: T, crossValidation: [] })) as { vocabulary: string[] };
      json.vocabulary.push('w:extra');
      assert.throws(() => readModel(JSON.stringify(json)), /do not match/);
    });
  });

  describe('hybrid decision', () => {
    it('the lexicon escalates whatever the classifier says', () => {
      const o = decide(lexical({ a: 1 }, { escalation: { reason: 'safeguarding' } }), learned({ a: 0.99 }));
      assert.equal(o.outcome, 'escalate');
    });

    it('the detector escalates at or above the high threshold, checks in between the two, and says nothing below', () => {
      assert.equal(decide(lexical({ a: 1 }), learned({ a: 0.9 }, 0.6)).outcome, 'escalate');
      const unsure = decide(lexical({ a: 1 }), learned({ a: 0.9 }, 0.3));
      assert.equal(unsure.outcome, 'answer');
      assert.equal(unsure.checkIn, true);
      const calm = decide(lexical({ a: 1 }), learned({ a: 0.9 }, 0.1));
      assert.equal(calm.checkIn, false);
    });

    it('escalates legal advice and third-party requests from the classifier', () => {
      const o = decide(lexical({ a: 1 }), learned({ a: 0.3, ESC_THIRD_PARTY_DATA: 0.6 }));
      assert.deepEqual(o.outcome === 'escalate' && o.reason, 'third_party_data');
    });

    it('asks which one when the runner-up is close, and answers when it is not', () => {
      const close = decide(lexical({ a: 0.9, b: 0.85 }), learned({ a: 0.45, b: 0.44 }));
      assert.equal(close.outcome, 'clarify');
      assert.deepEqual(close.outcome === 'clarify' && close.alternatives.slice(0, 2), ['a', 'b']);
      const clear = decide(lexical({ a: 0.9, b: 0.2 }), learned({ a: 0.9, b: 0.05 }));
      assert.deepEqual(clear.outcome === 'answer' && clear.articleId, 'a');
    });

    it('out of scope and no match when the classifier says so or the best is too weak', () => {
      assert.equal(decide(lexical({ a: 0.2 }), learned({ a: 0.1, OUT_OF_SCOPE: 0.8 })).outcome, 'out_of_scope');
      assert.equal(decide(lexical({ a: 0.2 }), learned({ a: 0.1, NO_MATCH: 0.8 })).outcome, 'no_match');
      assert.equal(decide(lexical({ a: 0.1 }, { sendMarker: true }), learned({ NO_MATCH: 0.3, OUT_OF_SCOPE: 0.3 })).outcome, 'no_match');
      assert.equal(decide(lexical({ a: 0.1 }, { sendMarker: false }), learned({ NO_MATCH: 0.3, OUT_OF_SCOPE: 0.3 })).outcome, 'out_of_scope');
    });

    it('needs a surer classifier to call a message with a SEND word out of scope', () => {
      const unsure = learned({ a: 0.3, OUT_OF_SCOPE: 0.6 });
      assert.equal(decide(lexical({ a: 0.2 }, { sendMarker: false }), unsure).outcome, 'out_of_scope');
      assert.equal(decide(lexical({ a: 0.2 }, { sendMarker: true }), unsure).outcome, 'answer');
    });

    it("weighs the classifier by each article's share of the probability it gives articles", () => {
      const ranked = combine(lexical({}), learned({ a: 0.3, b: 0.1, OUT_OF_SCOPE: 0.6 }), IDS, 0.8);
      assert.deepEqual(
        ranked.map((c) => [c.id, Math.round(c.score * 100) / 100]),
        [
          ['a', 0.6],
          ['b', 0.2],
          ['c', 0],
        ],
      );
    });
  });

  describe('calibration', () => {
    function row(label: string, kind: CorpusRow['kind'] | undefined, disclosure: number, topic: Record<string, number>, words = 10): CalibrationRow {
      return { row: { label, ...(kind ? { kind } : {}) }, lexical: lexical({ a: 0.5 }), learned: learned(topic, disclosure), words };
    }

    it('puts the check-in threshold under every disclosure the lexicon and the escalation threshold miss', () => {
      const rows: CalibrationRow[] = [
        ...Array.from({ length: 300 }, (_, i) => row('a', undefined, (i % 50) / 1000, { a: 0.9 })),
        row('ESCALATE', 'self_harm', 0.95, { ESC_SAFEGUARDING: 0.9 }),
        row('ESCALATE', 'self_harm', 0.31, { a: 0.5 }),
        row('ESCALATE', 'neglect', 0.12, { a: 0.5 }),
      ];
      const r = calibrate(rows, IDS);
      assert.ok(r.thresholds.disclosureLow <= 0.12 && r.thresholds.disclosureLow > 0.049, `low ${r.thresholds.disclosureLow}`);
      assert.ok(r.thresholds.disclosureHigh > 0.049, `high ${r.thresholds.disclosureHigh} keeps false escalations down`);
      assert.equal(r.disclosuresBelowLow, 0);
      assert.ok(r.falseEscalationShare <= 0.004);
    });

    it('keeps the check-in off most ordinary replies, and counts the disclosures that leaves below it', () => {
      const rows: CalibrationRow[] = [
        ...Array.from({ length: 300 }, (_, i) => row('a', undefined, (i % 50) / 100, { a: 0.9 })),
        row('ESCALATE', 'self_harm', 0.95, { ESC_SAFEGUARDING: 0.9 }),
        row('ESCALATE', 'neglect', 0.03, { a: 0.5 }),
      ];
      const r = calibrate(rows, IDS);
      const checkedIn = rows.filter((x) => x.row.label === 'a' && x.learned.disclosure >= r.thresholds.disclosureLow && x.learned.disclosure < r.thresholds.disclosureHigh);
      assert.ok(checkedIn.length <= 0.05 * 300, `${checkedIn.length} ordinary questions checked in (low ${r.thresholds.disclosureLow})`);
      assert.equal(r.disclosuresBelowLow, 1);
    });
  });

  describe('the detector’s word floor and answers typed inside a task', () => {
    function row(label: string, kind: CorpusRow['kind'] | undefined, disclosure: number, words: number): CalibrationRow {
      return { row: { label, ...(kind ? { kind } : {}) }, lexical: lexical({ a: 0.5 }), learned: learned({ a: 0.9 }, disclosure), words };
    }
    const questions = Array.from({ length: 1000 }, (_, i) => row('a', undefined, (i % 50) / 1000, 8));
    const disclosures = [row('ESCALATE', 'self_harm', 0.995, 2), row('ESCALATE', 'abuse', 0.95, 9)];

    it('has no floor when short answers do not look like disclosures, so a two-word disclosure is caught', () => {
      const answers = Array.from({ length: 400 }, (_, i) => row('DIALOG_ANSWER', undefined, (i % 40) / 1000, 1 + (i % 5)));
      const r = calibrate([...questions, ...answers, ...disclosures], IDS);
      assert.equal(r.thresholds.detectorMinWords, 0);
      assert.ok(r.thresholds.disclosureHigh <= 0.995, 'the two-word disclosure escalates');
    });

    it('chooses the floor that costs least: short answers the detector mistakes for disclosures are left to the lexicon', () => {
      // Two-word answers ("Update our address") that the detector scores high; longer answers are quiet.
      const answers = [
        ...Array.from({ length: 40 }, () => row('DIALOG_ANSWER', undefined, 0.99, 2)),
        ...Array.from({ length: 360 }, (_, i) => row('DIALOG_ANSWER', undefined, (i % 40) / 1000, 3 + (i % 5))),
      ];
      const r = calibrate([...questions, ...answers, ...disclosures], IDS);
      assert.equal(r.thresholds.detectorMinWords, 3);
    });

    it('keeps the check-in off all but a few answers typed inside a task', () => {
      const answers = Array.from({ length: 400 }, (_, i) => row('DIALOG_ANSWER', undefined, (i % 100) / 400, 8));
      const r = calibrate([...questions, ...answers, ...disclosures], IDS);
      const checkedIn = answers.filter((x) => x.learned.disclosure >= r.thresholds.disclosureLowInTask && x.learned.disclosure < r.thresholds.disclosureHigh);
      assert.ok(r.thresholds.disclosureLowInTask >= r.thresholds.disclosureLow);
      assert.ok(checkedIn.length <= 0.02 * 400, `${checkedIn.length} answers checked in (low ${r.thresholds.disclosureLow})`);
    });
  });

  describe('the screen', () => {
    it('uses the higher check-in threshold for an answer typed inside a task, the same escalation threshold for both', () => {
      const t = { disclosureHigh: 0.6, disclosureLow: 0.1, disclosureLowInTask: 0.3 };
      assert.equal(screenOf(false, 0.2, t), 'check_in');
      assert.equal(screenOf(false, 0.2, t, true), null);
      assert.equal(screenOf(false, 0.35, t, true), 'check_in');
      assert.equal(screenOf(false, 0.6, t, true), 'escalate');
      assert.equal(screenOf(true, 0, t, true), 'escalate', 'the lexicon escalates whatever the score');
    });
  });

  describe('cross-validation folds', () => {
    it('deals every class round the folds, the same way each time', () => {
      const corpus: CorpusRow[] = [
        ...Array.from({ length: 10 }, () => ({ question: 'q', label: 'a', source: 's' })),
        ...Array.from({ length: 5 }, () => ({ question: 'q', label: 'b', source: 's' })),
      ];
      const folds = foldsOf(corpus, 5);
      assert.deepEqual(folds, foldsOf(corpus, 5));
      for (let f = 0; f < 5; f++) {
        assert.equal(folds.slice(0, 10).filter((x) => x === f).length, 2, `fold ${f} has two of a`);
        assert.equal(folds.slice(10).filter((x) => x === f).length, 1, `fold ${f} has one of b`);
      }
    });
  });
});
