import { loadArticles, KnowledgeLoadError } from '../loader';
import { evaluationOverlaps, loadCorpus } from '../learned/corpus';
import { loadLearnedModel } from '../learned/store';
import { articlesHash, corpusHash } from '../learned/training';

/**
 * `npm run kb:check`: validates every article and the training corpus, checks that no corpus
 * question is also in an evaluation set, and that the committed learned model was trained on the
 * current articles and corpus (otherwise: `npm run kb:train`). Exits non-zero on any problem.
 */
async function main(): Promise<void> {
  try {
    const { articles, warnings } = await loadArticles();
    for (const w of warnings) console.warn(`warning: ${w}`);
    console.log(`${articles.length} articles are valid.`);
    const corpus = await loadCorpus(undefined, new Set(articles.map((a) => a.id)));
    const overlaps = await evaluationOverlaps(corpus);
    if (overlaps.length > 0) throw new Error(`corpus questions also in an evaluation set:\n- ${overlaps.join('\n- ')}`);
    console.log(`${corpus.length} corpus rows are valid and apart from the evaluation sets.`);
    const { model } = await loadLearnedModel();
    if (model.meta.articlesHash !== articlesHash(articles) || model.meta.corpusHash !== corpusHash(corpus)) {
      throw new Error('the learned model (knowledge/model/learned-model.json) is out of date with the articles or the corpus: run `npm run kb:train` and commit it');
    }
    console.log('The learned model matches the articles and the corpus.');
  } catch (err) {
    console.error(err instanceof KnowledgeLoadError || !(err instanceof Error) ? err : err.message);
    process.exitCode = 1;
  }
}
void main();
