import { z } from 'zod';

/** Topic ids are snake_case, as listed in KB-TOPICS.md. */
export const ArticleId = z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'must be a snake_case topic id');

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const Audience = z.enum(['parents', 'young people', 'staff', 'advisers']);

export const SourceKind = z.enum(['statute', 'regulation', 'code', 'case', 'guidance', 'ombudsman', 'policy']);

export const Source = z
  .object({
    kind: SourceKind,
    /** How a person would cite it: "Children and Families Act 2014, section 36(8)". */
    citation: z.string().min(5),
    url: z.string().url().optional(),
  })
  .strict();

export const ArticleFrontMatter = z
  .object({
    id: ArticleId,
    title: z.string().min(5).max(120),
    /** One or two sentences: the short answer a chat reply leads with. */
    summary: z.string().min(20).max(400),
    audience: z.array(Audience).min(1),
    sources: z.array(Source).min(1, 'every article needs at least one source'),
    lastReviewed: IsoDate,
    reviewDue: IsoDate,
    owner: z.string().min(3),
    related: z.array(ArticleId).default([]),
    /** Several ways people ask it, including everyday words and common misspellings. */
    questions: z.array(z.string().min(3)).min(4),
  })
  .strict();

export type ArticleFrontMatter = z.infer<typeof ArticleFrontMatter>;
export type Source = z.infer<typeof Source>;

export interface Article extends ArticleFrontMatter {
  /** Markdown body, without the front matter. */
  readonly body: string;
  /** Path the article was loaded from, for error messages. */
  readonly file: string;
}
