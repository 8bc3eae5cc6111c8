/**
 * Removes personal data from a question before it is stored (for example in the log of questions
 * the knowledge base could not answer). It errs towards removing too much: the stored text is for
 * improving articles, not for casework.
 */

interface Rule {
  readonly pattern: RegExp;
  readonly replace: string | ((match: string, ...groups: string[]) => string);
}

const NAME_WORD = '[A-Z][a-zA-Z\\-]+';
/** One to three capitalised words, or a single lower-case word (people often type "my son is called jack"). */
const NAME = `(?:${NAME_WORD}(?: ${NAME_WORD}){0,2}|[a-z][a-z'\\-]+)`;

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE = `(?:\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},? \\d{2,4}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{2,4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})`;

const RULES: readonly Rule[] = [
  // Case references: EHC-000123, CMP-2026-00042, ENQ-2026-00017 and similar.
  { pattern: /\b[A-Z]{2,5}-(?:\d{4}-)?\d{3,8}\b/gi, replace: '[reference]' },
  // Email addresses.
  { pattern: /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g, replace: '[email]' },
  // Dates of birth: "born on 3 March 2015", "DOB 03/03/2015", "date of birth is 3.3.15".
  {
    pattern: new RegExp(`\\b(born(?: on)?|d\\.?o\\.?b\\.?:?|date of birth(?: is|:)?|birthday(?: is)?)\\s*${DATE}`, 'gi'),
    replace: (_m, lead: string) => `${lead} [date of birth]`,
  },
  // UK postcodes: LU1 2AB, SW1A 1AA, lu12ab.
  { pattern: /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/gi, replace: '[postcode]' },
  // UK phone numbers: 07700 900123, +44 7700 900123, (01582) 546000, 0800 1111 is kept (helpline, 8 digits).
  { pattern: /(?:\+44\s?\(?0?\)?\s?|\(?\b0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g, replace: '[phone]' },
  // NHS numbers and other 10-digit identifiers: 485 777 3456.
  { pattern: /\b\d{3} ?\d{3} ?\d{4}\b/g, replace: '[number]' },
  // Names: "my son is called Jack", "her name is Mia Smith", "I'm Sarah", "my daughter Amy's plan".
  {
    pattern: new RegExp(`\\b((?:is|are|was) called|(?:is|was) named|[Nn]ame(?:'s| is| was)|called|named|[Ii] am|[Ii]['\u2019]m|[Ii]m|[Tt]his is)\\s+(${NAME})`, 'g'),
    replace: (m: string, lead: string, name: string) => (isNameLike(name, lead) ? `${lead} [name]` : m),
  },
  {
    pattern: new RegExp(
      `\\b((?:[Mm]y|[Oo]ur) (?:son|daughter|child|boy|girl|grandson|granddaughter|nephew|niece|foster (?:son|daughter|child)))(,? )(${NAME_WORD}(?: ${NAME_WORD})?)`,
      'g',
    ),
    replace: (m: string, lead: string, sep: string, name: string) => (isNameLike(name, 'child') ? `${lead}${sep}[name]` : m),
  },
];

/** Words that follow "I'm" or "called" but are not names. */
const NOT_NAMES = new Set(
  `a an the his her their my our worried concerned writing asking looking trying not so very really just also still
   going getting having being in at on from here there a parent parents mum dad mother father carer grandparent
   senco teacher sendiass sendias adviser advisor social worker the sorry unsure confused struggling desperate
   about after before because that this what which who when where why how ok okay fine new please it
   currently now me us him them you section ehcp ehcna sen send school year age aged nursery college autistic disabled`.split(/\s+/),
);

function isNameLike(candidate: string, lead: string): boolean {
  const firstWord = (candidate.split(' ')[0] ?? '').toLowerCase();
  if (NOT_NAMES.has(firstWord)) return false;
  if (/^\d/.test(firstWord)) return false;
  // After "I'm" only a capitalised word is taken as a name ("I'm Sarah", not "I'm tired").
  if (/^(?:i am|i['\u2019]m|im|this is)$/i.test(lead)) return /^[A-Z]/.test(candidate);
  return true;
}

/** Returns `text` with names, contact details, references and dates of birth replaced by [placeholders]. */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const rule of RULES) {
    const { pattern, replace } = rule;
    out = typeof replace === 'string' ? out.replace(pattern, replace) : out.replace(pattern, replace);
  }
  return out;
}
