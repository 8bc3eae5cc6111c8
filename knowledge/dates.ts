import * as chrono from 'chrono-node';
import {
  annualReviewDue,
  assessmentDeadlines,
  complaintDeadlines,
  draftPlanCommentsPeriodEnds,
  finalAmendedPlanDeadline,
  reviewMeetingDeadlines,
  StatutoryInputError,
  tribunalAppealDeadline,
} from '../bot/statutory';
import type { Deadline, DeadlineSet } from './types';

/** A calendar date found in a question. */
export interface FoundDate {
  /** ISO YYYY-MM-DD. */
  readonly date: string;
  /** The words chrono matched, e.g. "on 3 February 2026". */
  readonly text: string;
  /** Offset of `text` in the question. */
  readonly index: number;
}

/** Cheap pre-check before running chrono: a digit, or a month, weekday or relative day name. */
const MIGHT_HAVE_DATE =
  /\d|\b(?:january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight|ago)\b/i;

const DOB_BEFORE = /\b(?:born|birth|dob|d\.o\.b\.?|birthday)\b[^.?!]{0,12}$/i;

/**
 * chrono's "3 weeks ago" / "in 3 weeks" parsers use very large regular expressions that cost
 * about 250 ms to compile the first time they run; "N days/weeks/months ago" is handled by
 * UNITS_AGO below instead.
 */
const SLOW_PARSERS = new Set(['ENTimeUnitAgoFormatParser', 'ENTimeUnitLaterFormatParser']);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const UNITS_AGO = /\b(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month)s? ago\b/gi;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface DateFinder {
  /**
   * Finds calendar dates in British order (5/3/2026 is 5 March), relative to `today` (YYYY-MM-DD):
   * "3 February 2026", "12th Jan", "5/3/2026", "yesterday", "last Tuesday", "6 weeks ago".
   * Skips dates of birth and phrases with no day ("in March").
   */
  find(question: string, today: string): FoundDate[];
}

/** Builds the date finder (a trimmed copy of chrono's en-GB parser). Create once and reuse. */
export function createDateFinder(): DateFinder {
  const parser = chrono.en.GB.clone();
  parser.parsers = parser.parsers.filter((p) => !SLOW_PARSERS.has(p.constructor.name));
  return {
    find(question, today) {
      if (!MIGHT_HAVE_DATE.test(question)) return [];
      const [y, m, d] = today.split('-').map(Number);
      const reference = new Date(y ?? 2000, (m ?? 1) - 1, d ?? 1, 12);
      const found: FoundDate[] = [];
      for (const r of parser.parse(question, reference)) {
        const start = r.start;
        if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
        if (DOB_BEFORE.test(question.slice(0, r.index))) continue;
        const year = start.get('year');
        const month = start.get('month');
        const day = start.get('day');
        if (year === null || month === null || day === null) continue;
        found.push({ date: `${year}-${pad(month)}-${pad(day)}`, text: r.text, index: r.index });
      }
      for (const match of question.matchAll(UNITS_AGO)) {
        const count = Number(match[1]) || NUMBER_WORDS[(match[1] ?? '').toLowerCase()] || 0;
        const unit = (match[2] ?? '').toLowerCase();
        const date = new Date(reference);
        if (unit === 'day') date.setDate(date.getDate() - count);
        else if (unit === 'week') date.setDate(date.getDate() - 7 * count);
        else date.setMonth(date.getMonth() - count);
        found.push({ date: iso(date), text: match[0], index: match.index ?? 0 });
      }
      return found.sort((a, b) => a.index - b.index);
    },
  };
}

/** One-off convenience for tests and scripts; the engine keeps its own finder. */
export function findDates(question: string, today: string): FoundDate[] {
  return createDateFinder().find(question, today);
}

/** Removes found dates from the question so "3 February 2026" does not steer the search. */
export function withoutDates(question: string, dates: readonly FoundDate[]): string {
  let out = question;
  for (const f of [...dates].sort((a, b) => b.index - a.index)) {
    out = `${out.slice(0, f.index)} ${out.slice(f.index + f.text.length)}`;
  }
  return out;
}

/** Asks "when", "by when", "deadline", "how long", "last day"... */
const ASKS_WHEN = /\b(?:when|deadline|deadlines|due|by when|how long|last day|what date|which date|time limit|timescale|timescales|until|latest|how many (?:days|weeks))\b/i;

export function asksForDeadline(question: string): boolean {
  return ASKS_WHEN.test(question);
}

type Calculator = (dates: readonly FoundDate[], question: string) => DeadlineSet | null;

const first = (dates: readonly FoundDate[]): FoundDate | undefined => dates[0];

const assessment: Calculator = (dates) => {
  const from = first(dates);
  if (!from) return null;
  const d = assessmentDeadlines(from.date);
  return {
    from: { date: from.date, meaning: 'request for an EHC needs assessment received' },
    deadlines: [
      { label: 'Decision on whether to assess', date: d.decisionToAssess },
      { label: 'Notice if the council decides not to issue a plan', date: d.noticeNotToIssue },
      { label: 'Final EHC plan', date: d.finalPlan },
    ],
  };
};

const reviewMeeting: Calculator = (dates) => {
  const from = first(dates);
  if (!from) return null;
  const d = reviewMeetingDeadlines(from.date);
  return {
    from: { date: from.date, meaning: 'annual review meeting' },
    deadlines: [
      { label: 'Invitations sent (at least 2 weeks before)', date: d.noticeBy },
      { label: 'Advice and reports circulated (at least 2 weeks before)', date: d.adviceCirculatedBy },
      { label: 'Review report sent to the council and everyone invited', date: d.reportBy },
      { label: "Council's decision (keep, amend or cease the plan)", date: d.decisionBy },
      { label: 'Final amended plan, if the plan is being amended', date: d.finalAmendedPlanBy },
    ],
  };
};

const reviewTiming: Calculator = (dates, question) => {
  const from = first(dates);
  if (!from) return null;
  const afterReview = /\b(?:last|previous) (?:annual )?review\b|\breview (?:was|meeting was)\b/i.test(question);
  return {
    from: { date: from.date, meaning: afterReview ? 'last annual review meeting' : 'plan first issued' },
    deadlines: [{ label: 'Next annual review due by', date: afterReview ? annualReviewDue(from.date, from.date) : annualReviewDue(from.date) }],
  };
};

const CERTIFICATE_NEAR = /\bcertificate\b/i;

const tribunalAppeal: Calculator = (dates, question) => {
  // With two dates, the one next to "certificate" is the mediation certificate and the other the decision letter.
  const nearCertificate = (f: FoundDate): boolean => CERTIFICATE_NEAR.test(question.slice(Math.max(0, f.index - 40), f.index + f.text.length + 15));
  const certificate = dates.length > 1 ? dates.find(nearCertificate) : undefined;
  const decision = dates.find((f) => f !== certificate);
  if (!decision) return null;
  if (dates.length === 1 && nearCertificate(decision) && !/\b(?:decision|letter)\b/i.test(question)) return null;
  const deadlines: Deadline[] = [{ label: 'Last day to appeal to the SEND Tribunal', date: tribunalAppealDeadline(decision.date, certificate?.date) }];
  return {
    from: { date: decision.date, meaning: certificate ? `decision letter (mediation certificate ${certificate.date})` : 'decision letter' },
    deadlines,
  };
};

const complaint: Calculator = (dates, question) => {
  const from = first(dates);
  if (!from) return null;
  const stage = /\bstage (?:2|two)\b/i.test(question) ? 2 : 1;
  const d = complaintDeadlines(from.date, stage);
  return {
    from: { date: from.date, meaning: `stage ${stage} complaint received` },
    deadlines: [
      { label: 'Complaint acknowledged by', date: d.acknowledgeBy },
      { label: `Stage ${stage} response due`, date: d.respondBy },
    ],
  };
};

const draftPlan: Calculator = (dates) => {
  const from = first(dates);
  if (!from) return null;
  return {
    from: { date: from.date, meaning: 'draft plan received' },
    deadlines: [{ label: 'Last day to send comments on the draft plan (at least 15 days)', date: draftPlanCommentsPeriodEnds(from.date) }],
  };
};

const amendments: Calculator = (dates, question) => {
  const from = first(dates);
  if (!from) return null;
  // A date given as the review meeting counts from the meeting (decision + 8 weeks); otherwise from the proposed amendments.
  if (/\b(?:review|meeting)\b/i.test(question) && !/\bproposed\b|\bamendments? (?:were |was )?(?:sent|received|came)/i.test(question)) {
    return reviewMeeting(dates, question);
  }
  return {
    from: { date: from.date, meaning: 'proposed amendments sent' },
    deadlines: [{ label: 'Final amended plan (8 weeks after the proposed amendments)', date: finalAmendedPlanDeadline(from.date) }],
  };
};

/** Which calculator applies to which article. Articles not listed get no deadlines. */
const CALCULATORS: Readonly<Record<string, Calculator>> = {
  ehcna_decision_6_weeks: assessment,
  final_plan_20_weeks: assessment,
  decision_not_to_issue: assessment,
  ehcna_who_can_request: assessment,
  draft_plan_15_days: draftPlan,
  amending_ehcp: amendments,
  annual_review_meeting: reviewMeeting,
  annual_review_after_meeting: reviewMeeting,
  annual_review_timing: reviewTiming,
  tribunal_appeals: tribunalAppeal,
  la_complaints: complaint,
};

/** Article ids for which deadlines can be worked out. */
export const DEADLINE_ARTICLES: readonly string[] = Object.keys(CALCULATORS);

/**
 * Works out the statutory dates for `articleId` when the question contains a date and asks when
 * something is due. Returns undefined otherwise, or if the date is not one the calculators accept.
 */
export function deadlinesFor(articleId: string, question: string, dates: readonly FoundDate[]): DeadlineSet | undefined {
  const calculator = CALCULATORS[articleId];
  if (!calculator || dates.length === 0 || !asksForDeadline(question)) return undefined;
  try {
    return calculator(dates, question) ?? undefined;
  } catch (err) {
    // A date the rules reject (e.g. outside the supported years) means no dates, not a failed answer.
    if (err instanceof StatutoryInputError) return undefined;
    throw err;
  }
}
