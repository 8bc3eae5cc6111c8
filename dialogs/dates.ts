/**
 * Dates people type in chat, read the British way: "5/3/2026" is 5 March 2026. Also "5 March",
 * "5th March 2026", "next Thursday", "tomorrow", and ISO "2026-03-05". Impossible dates such as
 * "31/2/2026" are refused with a reason, never rolled over into March.
 */
import * as chrono from 'chrono-node';
import { formatLongDate, formatLongDateWithWeekday } from '../bot/statutory';

export type ParsedDate = { readonly ok: true; readonly date: string } | { readonly ok: false; readonly message: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NUMERIC = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})\s*$/;
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
const DAY_MONTH_NAME = /^\s*(?:on\s+)?(?:[a-z]+day\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?\s*$/i;

const parser = chrono.en.GB.clone();

const pad = (n: number): string => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | undefined {
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function impossible(d: number, m: number, y?: number): ParsedDate {
  const month = MONTHS[m - 1];
  const name = month ? `${d} ${month[0]!.toUpperCase()}${month.slice(1)}${y ? ` ${y}` : ''}` : `${d}/${m}${y ? `/${y}` : ''}`;
  return { ok: false, message: `${name} is not a real date. Please check the day and month, for example 5/3/2026 for 5 March 2026.` };
}

/**
 * Reads one date. `today` (YYYY-MM-DD, England) anchors "next Thursday"; a day and month without a
 * year mean the next such day on or after today when `future` is set, else this year.
 */
export function parseUkDate(text: string, today: string, options: { future?: boolean } = {}): ParsedDate {
  const input = text.trim();
  const iso = ISO.exec(input);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? { ok: true, date: input } : impossible(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const numeric = NUMERIC.exec(input);
  if (numeric) {
    const [d, m] = [Number(numeric[1]), Number(numeric[2])];
    const y = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    const date = realDate(y, m, d);
    return date ? { ok: true, date } : impossible(d, m, y);
  }
  const named = DAY_MONTH_NAME.exec(input);
  if (named) {
    const m = monthNumber(named[2]!);
    if (m) {
      const d = Number(named[1]);
      const thisYear = Number(today.slice(0, 4));
      const y = named[3] ? Number(named[3]) : thisYear;
      const date = realDate(y, m, d);
      if (!date) return impossible(d, m, named[3] ? y : undefined);
      if (!named[3] && options.future && date < today) {
        const next = realDate(y + 1, m, d);
        return next ? { ok: true, date: next } : impossible(d, m, y + 1);
      }
      return { ok: true, date };
    }
  }
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const results = parser.parse(input, { instant: new Date(y, m - 1, d, 12), timezone: undefined }, { forwardDate: options.future ?? false });
  const found = results[0];
  if (found && (found.start.isCertain('day') || /\b(today|tomorrow|yesterday|next|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i.test(found.text))) {
    const at = found.start.date();
    return { ok: true, date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` };
  }
  return { ok: false, message: 'I could not read that as a date. Please type it like 5/3/2026 or 5 March 2026.' };
}

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(w) || (w.startsWith(m.slice(0, 3)) && m.startsWith(w.slice(0, Math.min(w.length, m.length)))));
  return index >= 0 ? index + 1 : undefined;
}

/** "5 March 2026". */
export function longDate(iso: string): string {
  return formatLongDate(iso);
}

/** "Thursday 5 March 2026". */
export function dayAndDate(iso: string): string {
  return formatLongDateWithWeekday(iso);
}
