import { z } from 'zod';
import { vectorise, type SparseVector } from './features';
import { DEFAULT_TRAINING, predictSoftmax, trainSoftmax, type SoftmaxModel, type TrainingOptions } from './softmax';
import type { HybridThresholds } from './hybrid';

/**
 * The learned layer: a topic classifier (every article, out of scope, no match and three kinds of
 * escalation) and a disclosure detector (risk to someone's safety, or not), over one vocabulary.
 * Trained by `npm run kb:train` from knowledge/corpus and the articles' example questions; stored
 * in knowledge/model/learned-model.json with weights quantised to 8 bits.
 */
export interface LearnedModel {
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly topic: SoftmaxModel;
  readonly safety: SoftmaxModel;
  readonly meta: ModelMeta;
}

export interface ModelMeta {
  readonly trainedRows: number;
  readonly seed: number;
  readonly articlesHash: string;
  readonly corpusHash: string;
}

export interface LabelledFeatures {
  readonly names: readonly string[];
  /** The topic class; null for a row the detector learns from but the topic classifier does not (a dialog answer). */
  readonly topicClass: string | null;
  readonly disclosure: boolean;
}

/** Features seen in fewer training questions than this are dropped (noise, and model size). */
export const MIN_FEATURE_COUNT = 2;
/** Disclosures count this much more than other questions in the detector: a miss costs most. */
export const DISCLOSURE_WEIGHT = 3;

export const SAFETY_CLASSES = ['other', 'disclosure'] as const;

/**
 * The detector sees words and word pairs, not character grams: in cross-validation, character
 * grams let it fire on short unrelated messages ("hi" shares "<hi" with "himself"); without them
 * it caught 223 of the 249 corpus disclosures the lexicon missed, against 212 with them, at the
 * same false-alarm rate (0.4%). Its L2 is stronger for the same reason (1e-6 → 3e-3: 200 → 221).
 */
export function safetyFeature(name: string): boolean {
  return !name.startsWith('c:');
}
export const SAFETY_L2 = 3e-3;

export function buildVocabulary(rows: readonly { names: readonly string[] }[], minCount = MIN_FEATURE_COUNT): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const n of r.names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const kept = [...counts]
    .filter(([, c]) => c >= minCount)
    .map(([n]) => n)
    .sort();
  return new Map(kept.map((n, i) => [n, i] as const));
}

export function trainModel(
  rows: readonly LabelledFeatures[],
  classes: readonly string[],
  meta: Omit<ModelMeta, 'trainedRows' | 'seed'>,
  options: TrainingOptions = DEFAULT_TRAINING,
): LearnedModel {
  const vocabulary = buildVocabulary(rows);
  const classIndex = new Map(classes.map((c, i) => [c, i] as const));
  const vectors = rows.map((r) => vectorise(r.names, vocabulary));
  const topic = trainSoftmax(
    classes,
    vocabulary.size,
    rows.flatMap((r, i) => {
      if (r.topicClass === null) return [];
      const y = classIndex.get(r.topicClass);
      if (y === undefined) throw new Error(`trainModel(): unknown class "${r.topicClass}"`);
      return [{ x: vectors[i]!, y }];
    }),
    options,
  );
  const safety = trainSoftmax(
    SAFETY_CLASSES,
    vocabulary.size,
    rows.map((r) => ({ x: vectorise(r.names.filter(safetyFeature), vocabulary), y: r.disclosure ? 1 : 0, weight: r.disclosure ? DISCLOSURE_WEIGHT : 1 })),
    { ...options, l2: SAFETY_L2, seed: options.seed + 1 },
  );
  return { vocabulary, topic, safety, meta: { ...meta, trainedRows: rows.length, seed: options.seed } };
}

export interface LearnedScores {
  /** Probability per topic class (article ids, OUT_OF_SCOPE, NO_MATCH, ESC_*). */
  readonly topic: ReadonlyMap<string, number>;
  /** Probability that the message discloses a risk to someone's safety. */
  readonly disclosure: number;
}

export function score(model: LearnedModel, names: readonly string[]): LearnedScores {
  const x: SparseVector = vectorise(names, model.vocabulary);
  const p = predictSoftmax(model.topic, x);
  const topic = new Map<string, number>();
  model.topic.classes.forEach((c, i) => topic.set(c, p[i]!));
  return { topic, disclosure: predictSoftmax(model.safety, vectorise(names.filter(safetyFeature), model.vocabulary))[1]! };
}

// --- storage -------------------------------------------------------------------------------

const StoredSoftmax = z.object({
  classes: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  /** One scale per class: weight = int8 × scale / 127. */
  scale: z.array(z.number()),
  /** base64 of Int8Array(dims × classes), feature-major. */
  weights: z.string(),
});

const StoredThresholds = z.object({
  learnedWeight: z.number(),
  minScore: z.number(),
  clarifyRatio: z.number(),
  outOfScope: z.number(),
  outOfScopeSendWord: z.number(),
  noMatch: z.number(),
  escalate: z.number(),
  disclosureHigh: z.number(),
  disclosureLow: z.number(),
  disclosureLowInTask: z.number(),
  detectorMinWords: z.number().int().min(0).max(10),
});

const StoredModel = z.object({
  format: z.literal('send-assistant-learned-model/1'),
  meta: z.object({ trainedRows: z.number().int(), seed: z.number().int(), articlesHash: z.string(), corpusHash: z.string() }),
  /** Chosen by cross-validation on the corpus when the model was trained (calibrate.ts). */
  thresholds: StoredThresholds,
  /** What `kb:train` measured: the 5-fold cross-validation of the whole pipeline, as printed lines. */
  crossValidation: z.array(z.string()),
  vocabulary: z.array(z.string()),
  topic: StoredSoftmax,
  safety: StoredSoftmax,
});

/** A trained model as stored: the model, the thresholds calibrated with it, and its cross-validation. */
export interface StoredLearnedModel {
  readonly model: LearnedModel;
  readonly thresholds: HybridThresholds;
  readonly crossValidation: readonly string[];
}

function packSoftmax(m: SoftmaxModel): z.infer<typeof StoredSoftmax> {
  const k = m.classes.length;
  const scale = new Array<number>(k).fill(0);
  for (let i = 0; i < m.weights.length; i++) scale[i % k] = Math.max(scale[i % k]!, Math.abs(m.weights[i]!));
  const q = new Int8Array(m.weights.length);
  for (let i = 0; i < m.weights.length; i++) {
    const s = scale[i % k]!;
    q[i] = s === 0 ? 0 : Math.round((m.weights[i]! / s) * 127);
  }
  return {
    classes: [...m.classes],
    bias: [...m.bias].map((b) => Number(b.toFixed(6))),
    scale: scale.map((s) => Number(s.toPrecision(8))),
    weights: Buffer.from(q.buffer).toString('base64'),
  };
}

function unpackSoftmax(s: z.infer<typeof StoredSoftmax>, dims: number): SoftmaxModel {
  const k = s.classes.length;
  const bytes = Buffer.from(s.weights, 'base64');
  if (bytes.length !== dims * k || s.bias.length !== k || s.scale.length !== k) throw new Error('readModel(): weights do not match the vocabulary and classes');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float32Array(dims * k);
  for (let i = 0; i < weights.length; i++) weights[i] = (q[i]! * s.scale[i % k]!) / 127;
  return { classes: s.classes, dims, weights, bias: Float32Array.from(s.bias) };
}

export function writeModel({ model, thresholds, crossValidation }: StoredLearnedModel): string {
  const vocabulary = [...model.vocabulary.keys()];
  return JSON.stringify({
    format: 'send-assistant-learned-model/1',
    meta: model.meta,
    thresholds,
    crossValidation,
    vocabulary,
    topic: packSoftmax(model.topic),
    safety: packSoftmax(model.safety),
  });
}

export function readModel(json: string): StoredLearnedModel {
  const stored = StoredModel.parse(JSON.parse(json));
  const dims = stored.vocabulary.length;
  return {
    model: {
      vocabulary: new Map(stored.vocabulary.map((n, i) => [n, i] as const)),
      topic: unpackSoftmax(stored.topic, dims),
      safety: unpackSoftmax(stored.safety, dims),
      meta: stored.meta,
    },
    thresholds: stored.thresholds,
    crossValidation: stored.crossValidation,
  };
}
