/**
 * Reading the answers typed in the review dialogs: a start time, the extra people to invite, and
 * who came to a meeting. Pure, so each is unit-tested (test/unit/dialogs/review-helpers.test.ts).
 */
import { Invitee as InviteeSchema, type Invitee } from '../bot/records';

const TIME = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$/i;
const NAME = /^[\p{L}][\p{L}' .,()-]{1,99}$/u;
const MAX_OTHERS = 10;
const NO_OTHERS = /^(no|none|no one|nobody|done|skip|no thanks)$/i;

/** "10am", "2.30pm", "14:00" → "14:00"; undefined when not a time. */
export function parseTime(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const half = m[3]?.toLowerCase();
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59 || (!half && !m[2])) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** A meeting's start time, or "skip" when it is not decided (then no value is kept). */
export function readTime(text: string): { ok: true; value?: string } | { ok: false; message: string } {
  if (/^(skip|none|no time|not sure)$/i.test(text)) return { ok: true };
  const time = parseTime(text);
  return time ? { ok: true, value: time } : { ok: false, message: 'Please type a time like 10am or 14:30, or "skip".' };
}

export type OthersParse = { readonly ok: true; readonly invitees: Invitee[] } | { readonly ok: false; readonly message: string };

/**
 * People to invite besides the regulation 20(2) roles: "no", or one or more entries separated by
 * ";" or new lines, each a name with an optional email address after a comma
 * ("Dr Sam Lee, sam.lee@example.org; Jo Khan"). Each is checked with the records' Invitee schema.
 */
export function parseOtherInvitees(text: string): OthersParse {
  const value = text.trim();
  if (NO_OTHERS.test(value)) return { ok: true, invitees: [] };
  const entries = value.split(/\s*[;\n]\s*/).filter((e) => e.length > 0);
  const bad: OthersParse = {
    ok: false,
    message: 'Please type a name, and an email address if you have one, like "Dr Sam Lee, sam.lee@example.org". Put a ; between people. Or type "no".',
  };
  if (entries.length === 0) return bad;
  if (entries.length > MAX_OTHERS) return { ok: false, message: `Please add up to ${MAX_OTHERS} people. You can invite more people yourself later.` };
  const invitees: Invitee[] = [];
  for (const entry of entries) {
    const pieces = entry.split(/\s*,\s*/);
    const last = pieces.at(-1) ?? '';
    const email = last.includes('@') ? last : undefined;
    const name = (email ? pieces.slice(0, -1) : pieces).join(', ').trim();
    if (!NAME.test(name)) return bad;
    const parsed = InviteeSchema.safeParse({ role: 'other', name, ...(email ? { email } : {}) });
    if (!parsed.success) return bad;
    invitees.push(parsed.data);
  }
  return { ok: true, invitees };
}

/**
 * Who came, as invitee numbers (1-based): "1, 2 4", "all" or "none". Undefined when a number is
 * outside 1..count or the text is not a list of numbers.
 */
export function parseAttendance(text: string, count: number): number[] | undefined {
  const value = text.trim().toLowerCase();
  if (/^(none|nobody|no one)$/.test(value)) return [];
  if (/^(all|everyone|everybody)$/.test(value)) return Array.from({ length: count }, (_, i) => i + 1);
  if (!/^\d+(\s*(,|and|\s)\s*\d+)*$/.test(value)) return undefined;
  const numbers = [...new Set((value.match(/\d+/g) ?? []).map(Number))];
  if (numbers.some((n) => n < 1 || n > count)) return undefined;
  return numbers.sort((a, b) => a - b);
}
