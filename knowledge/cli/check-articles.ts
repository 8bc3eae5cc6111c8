import { loadArticles, KnowledgeLoadError } from '../loader';

/** `npm run kb:check`: validates every article; exits non-zero on any problem. */
async function main(): Promise<void> {
  try {
    const { articles, warnings } = await loadArticles();
    for (const w of warnings) console.warn(`warning: ${w}`);
    console.log(`${articles.length} articles are valid.`);
  } catch (err) {
    console.error(err instanceof KnowledgeLoadError ? err.message : err);
    process.exitCode = 1;
  }
}
void main();
