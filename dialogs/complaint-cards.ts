/**
 * Small pieces the complaint dialog uses that do not belong in the shared form helpers: which of
 * a verified parent's own children a complaint is about, and the note on complaints about a plan's content.
 */
import { formatLongDate } from '../bot/statutory';

export const NOT_ABOUT_A_CHILD = 'No, not about one child';

/** The question that offers to link a verified parent's own children: Yes/No for one child, names for several. */
export function linkChildQuestion(names: readonly string[]): { question: string; options: string[] } {
  if (names.length === 1) return { question: `Is this complaint about ${names[0]}?`, options: ['Yes', 'No'] };
  return { question: 'Is this complaint about one of your children?', options: [...names, NOT_ABOUT_A_CHILD] };
}

/** Which of the offered children (by index) an answer to `linkChildQuestion` picked, if any. */
export function pickedChild(names: readonly string[], answer: unknown): number | undefined {
  if (typeof answer !== 'string') return undefined;
  if (names.length === 1) return answer === 'Yes' ? 0 : undefined;
  const i = names.indexOf(answer);
  return i >= 0 ? i : undefined;
}

/**
 * Names as shown on the buttons: given names, with the family name added where two children
 * share a given name, so every button is different.
 */
export function childButtonNames(children: readonly { givenName: string; familyName: string }[]): string[] {
  const names = children.map((c) => c.givenName);
  return children.map((c, i) => {
    const same = names.filter((n) => n === names[i]).length > 1;
    const full = `${c.givenName} ${c.familyName}`;
    return same ? `${full} (${i + 1})` : c.givenName;
  });
}

/** The article facts the plan-content note cites (a knowledge `Article` fits). */
export interface CitedArticle {
  readonly title: string;
  readonly summary: string;
  readonly sources: readonly { readonly citation: string }[];
  readonly lastReviewed: string;
}

/**
 * The note for a complaint about what an EHC plan says: a complaint cannot change a plan; an appeal
 * to the SEND Tribunal can. Cites the knowledge article (title, legal source, when it was checked).
 */
export function planContentNote(article: CitedArticle | undefined): string {
  const lead =
    'Decisions about what an EHC plan says (the needs in section B, the help in section F, or the school named in section I) may be better appealed: ' +
    'you can appeal to the SEND Tribunal. A complaint cannot change a plan, but you can still complain about how the council handled it.';
  if (!article) return lead;
  const source = article.sources[0]?.citation;
  return `${lead}\n\n${article.title}: ${article.summary}${source ? ` (Source: ${source}. Checked ${formatLongDate(article.lastReviewed)}.)` : ''}`;
}
