import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ArticleFrontMatter, type Article } from './schema';
import { splitFrontMatter } from './frontmatter';
import { englandDateOf } from '../bot/statutory';

export const ARTICLES_DIR = resolve(__dirname, 'articles');

export class KnowledgeLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'KnowledgeLoadError';
  }
}

export interface LoadedKnowledge {
  readonly articles: readonly Article[];
  /** Non-fatal findings, such as a review date in the past. */
  readonly warnings: readonly string[];
}

/**
 * Loads and validates every article. Throws KnowledgeLoadError listing every invalid article,
 * broken `related` id or article without a source; returns warnings for reviews that are due.
 */
export async function loadArticles(dir = ARTICLES_DIR, today: string = englandDateOf(new Date())): Promise<LoadedKnowledge> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const problems: string[] = [];
  const warnings: string[] = [];
  const articles: Article[] = [];
  for (const name of files) {
    const file = join(dir, name);
    try {
      const { data, body } = splitFrontMatter(await readFile(file, 'utf8'), name);
      const parsed = ArticleFrontMatter.safeParse(data);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join('.') || '(front matter)'}: ${issue.message}`);
        continue;
      }
      if (parsed.data.id !== basename(name, '.md')) problems.push(`${name}: id "${parsed.data.id}" does not match the file name`);
      if (body.length < 200) problems.push(`${name}: the body is too short to be an article`);
      if (parsed.data.reviewDue < today) warnings.push(`${name}: review was due on ${parsed.data.reviewDue}`);
      articles.push({ ...parsed.data, body, file });
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  const ids = new Set(articles.map((a) => a.id));
  for (const a of articles) {
    for (const r of a.related) if (!ids.has(r)) problems.push(`${a.id}.md: related id "${r}" is not an article`);
    if (a.related.includes(a.id)) problems.push(`${a.id}.md: an article cannot be related to itself`);
  }
  if (problems.length > 0) throw new KnowledgeLoadError(problems);
  return { articles, warnings };
}
