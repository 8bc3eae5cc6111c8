/**
 * The conversation script format (test/conversations/*.yaml), validated with zod so a typo in a
 * script fails loudly instead of passing silently.
 */
import { z } from 'zod';

export const Expectation = z.union([
  z.object({ contains: z.string().min(1) }).strict(),
  z.object({ contains_any: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ contains_all: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ not_contains: z.string().min(1) }).strict(),
  z.object({ matches: z.string().min(1) }).strict(),
  z.object({ not_matches: z.string().min(1) }).strict(),
]);
export type Expectation = z.infer<typeof Expectation>;

const expect = z.array(Expectation).min(1, 'every step needs at least one expectation');

export const Step = z.union([
  z.object({ user: z.union([z.string(), z.number()]).transform(String), expect }).strict(),
  z.object({ submit: z.record(z.unknown()), expect }).strict(),
  z
    .object({
      outbox: z
        .object({
          capture: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
          pattern: z.string().min(1),
          /** Whose messages to read; defaults to the persona's contact. */
          to: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
  /** Sends raw bytes to the local Direct Line endpoint and checks the HTTP status (bad input). */
  z.object({ raw: z.string(), status: z.number().int().min(100).max(599) }).strict(),
]);
export type Step = z.infer<typeof Step>;

export const Script = z
  .object({
    title: z.string().min(3),
    persona: z.string().regex(/^(anonymous|parent:P\d{4}|staff:S\d{3})$/, 'persona must be anonymous, parent:Pnnnn or staff:Snnn'),
    steps: z.array(Step).min(1),
  })
  .strict();
export type Script = z.infer<typeof Script>;

export type Check = { ok: true } | { ok: false; message: string };

/** Checks one expectation against the text of all the bot's replies to a step (case-insensitive). */
export function check(expectation: Expectation, text: string): Check {
  const haystack = text.toLowerCase();
  const fail = (message: string): Check => ({ ok: false, message });
  if ('contains' in expectation) {
    return haystack.includes(expectation.contains.toLowerCase()) ? { ok: true } : fail(`expected the replies to contain "${expectation.contains}"`);
  }
  if ('contains_any' in expectation) {
    return expectation.contains_any.some((s) => haystack.includes(s.toLowerCase()))
      ? { ok: true }
      : fail(`expected the replies to contain any of ${JSON.stringify(expectation.contains_any)}`);
  }
  if ('contains_all' in expectation) {
    const missing = expectation.contains_all.filter((s) => !haystack.includes(s.toLowerCase()));
    return missing.length === 0 ? { ok: true } : fail(`expected the replies to contain all of ${JSON.stringify(missing)}`);
  }
  if ('not_contains' in expectation) {
    return haystack.includes(expectation.not_contains.toLowerCase()) ? fail(`expected the replies NOT to contain "${expectation.not_contains}"`) : { ok: true };
  }
  if ('matches' in expectation) {
    return new RegExp(expectation.matches, 'i').test(text) ? { ok: true } : fail(`expected the replies to match /${expectation.matches}/i`);
  }
  return new RegExp(expectation.not_matches, 'i').test(text) ? fail(`expected the replies NOT to match /${expectation.not_matches}/i`) : { ok: true };
}

/** Replaces `{{name}}` and `{{persona.field}}` placeholders; an unknown name is an error. */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.+-]+)\s*\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`unknown placeholder {{${name}}}; known: ${Object.keys(vars).sort().join(', ')}`);
    return value;
  });
}

export function fillDeep(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, vars)]));
  return value;
}
