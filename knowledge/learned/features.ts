import { normaliseText } from '../analysis';

/**
 * What the learned classifiers see of a question: sparse, named features, so a model trained on
 * one vocabulary can be read back and applied without the training data.
 *
 * - `w:` the analysed words (stop words dropped, SEND synonyms made canonical, misspellings
 *   corrected against the articles' vocabulary, stemmed): the same analysis the search uses;
 * - `b:` adjacent pairs of those words ("draft_plan"), which carry phrases ("start cut");
 * - `r:` the raw words before analysis, stop words included, so function words that matter for
 *   safety ("again", "herself", "anymore") are seen;
 * - `c:` character 3- to 5-grams inside each raw word (with word-boundary marks), so misspellings
 *   and chat spellings ("tribnal", "cuttin", "slef") share most of their grams with the right word.
 * Each feature counts once; the vector is scaled to unit length, so long messages do not dominate.
 */
export interface AnalysedWords {
  /** Analysed words (query side, unigrams), e.g. from Analyzer.queryWords. */
  readonly words: readonly string[];
}

export function featureNames(text: string, analysed: AnalysedWords): string[] {
  const raw = normaliseText(text)
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 400);
  const names = new Set<string>();
  for (const w of analysed.words) names.add(`w:${w}`);
  for (let i = 0; i + 1 < analysed.words.length; i++) names.add(`b:${analysed.words[i]}_${analysed.words[i + 1]}`);
  for (const w of raw) {
    names.add(`r:${w}`);
    const marked = `<${w}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= marked.length; i++) names.add(`c:${marked.slice(i, i + n)}`);
    }
  }
  for (let i = 0; i + 1 < raw.length; i++) names.add(`rb:${raw[i]}_${raw[i + 1]}`);
  return [...names];
}

/** A sparse feature vector: indices into a vocabulary, and one value each (unit length). */
export interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
}

export function vectorise(names: readonly string[], vocabulary: ReadonlyMap<string, number>): SparseVector {
  const index: number[] = [];
  for (const n of names) {
    const i = vocabulary.get(n);
    if (i !== undefined) index.push(i);
  }
  const v = index.length > 0 ? 1 / Math.sqrt(index.length) : 0;
  return { index: Int32Array.from(index), value: new Float32Array(index.length).fill(v) };
}
