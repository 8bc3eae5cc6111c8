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
  const vectors = examples.map((e) => {
    const v = new Map<string, number>();
    for (const t of new Set(e.terms)) v.set(t, weight(t));
    let norm = 0;
    for (const w of v.values()) norm += w * w;
    return { articleId: e.articleId, v, norm: Math.sqrt(norm) };
  });
  return {
    bestPerArticle(queryTerms) {
      const q = new Map<string, number>();
      for (const t of new Set(queryTerms)) q.set(t, weight(t));
      let qNorm = 0;
      for (const w of q.values()) qNorm += w * w;
      qNorm = Math.sqrt(qNorm);
      const best = new Map<string, number>();
      if (qNorm === 0) return best;
      for (const e of vectors) {
        if (e.norm === 0) continue;
        let dot = 0;
        for (const [t, w] of q) {
          const dw = e.v.get(t);
          if (dw !== undefined) dot += w * dw;
        }
        if (dot === 0) continue;
        const cos = dot / (qNorm * e.norm);
        if (cos > (best.get(e.articleId) ?? 0)) best.set(e.articleId, cos);
      }
      return best;
    },
  };
}
