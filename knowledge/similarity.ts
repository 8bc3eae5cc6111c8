/**
 * Nearest example question. Every article lists several ways people ask about it (`questions`
 * in the front matter); a new question that closely matches one of them is strong evidence for
 * that article. Similarity is the cosine between IDF-weighted term vectors (unigrams and
 * bigrams from the shared analyser), so "what is an ehcp" matches the stored "what is an ehcp"
 * perfectly even though "ehcp" occurs in every article.
 */

export interface ExampleQuestion {
  readonly articleId: string;
  readonly terms: readonly string[];
}

export interface QuestionMatcher {
  /** Best cosine similarity (0..1) per article for the given query terms; articles with 0 are omitted. */
  bestPerArticle(queryTerms: readonly string[]): Map<string, number>;
}

/**
 * @param weight IDF-like weight of a term; must be positive. Terms the corpus never uses should
 *   get a weight too, so that unknown words lower the similarity of every candidate alike.
 */
export function createQuestionMatcher(examples: readonly ExampleQuestion[], weight: (term: string) => number): QuestionMatcher {
  // Inverted index: term → [example index, term weight]; plus each example's vector norm.
  const postings = new Map<string, [number, number][]>();
  const norms = examples.map((e, i) => {
    let norm = 0;
    for (const t of new Set(e.terms)) {
      const w = weight(t);
      norm += w * w;
      const list = postings.get(t) ?? [];
      list.push([i, w]);
      postings.set(t, list);
    }
    return Math.sqrt(norm);
  });
  return {
    bestPerArticle(queryTerms) {
      const dots = new Map<number, number>();
      let qNorm = 0;
      for (const t of new Set(queryTerms)) {
        const w = weight(t);
        qNorm += w * w;
        for (const [i, dw] of postings.get(t) ?? []) dots.set(i, (dots.get(i) ?? 0) + w * dw);
      }
      qNorm = Math.sqrt(qNorm);
      const best = new Map<string, number>();
      for (const [i, dot] of dots) {
        const example = examples[i];
        const norm = norms[i] ?? 0;
        if (!example || norm === 0 || qNorm === 0) continue;
        const cos = dot / (qNorm * norm);
        if (cos > (best.get(example.articleId) ?? 0)) best.set(example.articleId, cos);
      }
      return best;
    },
  };
}
