import { isDialogAnswer, isDisclosure, isQuestion, type CorpusRow } from './corpus';
import { combine, disclosureScore, gatedDisclosure, hybridOutcome, type HybridOutcome, type HybridThresholds, type LexicalSignals } from './hybrid';
import type { LearnedScores } from './model';

/**
 * Chooses the hybrid thresholds on out-of-fold predictions for the training corpus (each row
 * scored by a model that never saw it, knowledge/cli/train.ts), never on an evaluation set.
 *
 * - The disclosure thresholds are chosen for recall: `disclosureHigh` is the lowest score at which
 *   the share of ordinary questions escalated (by the lexicon or the detector) stays at or under
 *   MAX_FALSE_ESCALATION; `disclosureLow` is just under the lowest score any calibration
 *   disclosure got that the lexicon and `disclosureHigh` would miss, so none falls below it, but
 *   never so low that more than MAX_CHECK_IN_SHARE of ordinary questions get the check-in.
 * - `detectorMinWords` first: the word floor (below it the lexicon alone screens) with the least
 *   cost, counting each ordinary row the detector escalates (questions, and answers typed inside a
 *   task: DIALOG_ANSWER rows) as 2 and each disclosure that neither catches as 3, as UTILITY does;
 *   ties go to the smaller floor, which catches more short disclosures ("cutting again").
 * - The others by coordinate descent on UTILITY, keeping clarify to at most 1 in 6 article rows.
 */
export interface CalibrationRow {
  readonly row: Pick<CorpusRow, 'label' | 'kind'>;
  readonly lexical: LexicalSignals;
  readonly learned: LearnedScores;
  /** Words in the row's text (the detector's floor counts them). */
  readonly words: number;
}

/** Share of ordinary questions the detector may escalate on top of the lexicon's own false alarms. */
export const MAX_FALSE_ESCALATION = 0.004;
export const MAX_CLARIFY_SHARE = 1 / 6;
/** Share of ordinary questions (not escalated) whose reply may start with the check-in. */
export const MAX_CHECK_IN_SHARE = 0.05;
/** The check-in never starts below this score, whatever the calibration says (a floor on noise). */
export const MIN_DISCLOSURE_LOW = 0.02;
/** Share of ordinary answers typed inside a task that may get the check-in (it interrupts the task). */
export const MAX_ANSWER_CHECK_IN_SHARE = 0.02;
/** Word floors tried for the detector, smallest first. */
const DETECTOR_MIN_WORDS = [0, 1, 2, 3, 4, 5, 6] as const;

export const STARTING_POINT: HybridThresholds = {
  learnedWeight: 0.8,
  minScore: 0.15,
  clarifyRatio: 0.8,
  outOfScope: 0.5,
  outOfScopeSendWord: 0.5,
  noMatch: 0.5,
  escalate: 0.5,
  disclosureHigh: 0.5,
  disclosureLow: 0.1,
  disclosureLowInTask: 0.1,
  detectorMinWords: 0,
};

const SEARCH: { readonly [K in keyof HybridThresholds]?: readonly number[] } = {
  learnedWeight: [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1],
  minScore: [0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
  clarifyRatio: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
  outOfScope: [0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  outOfScopeSendWord: [0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
  noMatch: [0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  escalate: [0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
};

/**
 * +1 right answer, +0.5 clarify listing the right article, −1 wrong answer or clarify without it,
 * −0.5 no answer (the person is left without one, though not misled); an escalation row +1 when escalated, −3 when a safety disclosure is missed (−1 for
 * legal advice or third-party data); out-of-scope and no-match rows +1 when no article is shown,
 * −1 otherwise; any other row escalated −2.
 */
export function utilityOf(row: CalibrationRow['row'], o: HybridOutcome): number {
  // An answer typed inside a task never reaches the knowledge base: only a false escalation costs.
  if (isDialogAnswer(row)) return o.outcome === 'escalate' ? -2 : 0;
  if (row.label === 'ESCALATE') return o.outcome === 'escalate' ? 1 : isDisclosure(row) ? -3 : -1;
  if (o.outcome === 'escalate') return -2;
  if (row.label === 'OUT_OF_SCOPE' || row.label === 'NO_MATCH') return o.outcome === 'out_of_scope' || o.outcome === 'no_match' ? 1 : -1;
  if (o.outcome === 'answer') return o.articleId === row.label ? 1 : -1;
  if (o.outcome === 'clarify') return o.alternatives.includes(row.label) ? 0.5 : -1;
  return -0.5;
}

export interface CalibrationReport {
  readonly thresholds: HybridThresholds;
  readonly utility: number;
  /** Calibration disclosures below disclosureLow that neither the lexicon nor disclosureHigh caught (should be 0). */
  readonly disclosuresBelowLow: number;
  readonly falseEscalationShare: number;
  readonly clarifyShare: number;
}

/** The rows with the detector's word floor applied: below it the detector says nothing. */
export function gated(rows: readonly CalibrationRow[], minWords: number): CalibrationRow[] {
  return rows.map((r) => (r.words >= minWords ? r : { ...r, learned: { ...r.learned, disclosure: gatedDisclosure(r.learned.disclosure, r.words, minWords) } }));
}

/** Lowest candidate score keeping the detector's own false escalations of ordinary rows at or under the cap. */
function highThreshold(ordinary: readonly CalibrationRow[]): number {
  const scores = [...new Set(ordinary.map((r) => round3(disclosureScore(r.learned))))].sort((a, b) => a - b);
  for (const s of [...scores, 0.99].filter((s) => s >= 0.3)) {
    const falseHigh = ordinary.filter((r) => !r.lexical.escalation && disclosureScore(r.learned) >= s).length;
    if (falseHigh / Math.max(1, ordinary.length) <= MAX_FALSE_ESCALATION) return s;
  }
  return 0.99;
}

/**
 * The cost of a word floor: 2 for each ordinary row (question or answer) the detector escalates, 3
 * for each disclosure neither the lexicon nor the detector catches (the lexicon's own false alarms
 * do not depend on the floor, so they are left out).
 */
export function floorCost(allRows: readonly CalibrationRow[], minWords: number): number {
  const g = gated(allRows, minWords);
  const high = highThreshold(g.filter((r) => r.row.label !== 'ESCALATE'));
  const detected = (r: CalibrationRow): boolean => !r.lexical.escalation && disclosureScore(r.learned) >= high;
  const falseAlarms = g.filter((r) => r.row.label !== 'ESCALATE' && detected(r)).length;
  const missed = g.filter((r) => isDisclosure(r.row) && !r.lexical.escalation && !detected(r)).length;
  return 2 * falseAlarms + 3 * missed;
}

export function calibrate(allRows: readonly CalibrationRow[], articleIds: readonly string[]): CalibrationReport {
  const costs = DETECTOR_MIN_WORDS.map((m) => floorCost(allRows, m));
  const detectorMinWords = DETECTOR_MIN_WORDS[costs.indexOf(Math.min(...costs))]!;
  const rows = gated(allRows, detectorMinWords);
  const ordinary = rows.filter((r) => r.row.label !== 'ESCALATE');
  const disclosureHigh = highThreshold(ordinary);
  const missed = rows.filter((r) => isDisclosure(r.row) && !r.lexical.escalation && disclosureScore(r.learned) < disclosureHigh);
  const lowest = Math.min(...missed.map((r) => disclosureScore(r.learned)), disclosureHigh);
  // Not so low that the check-in starts most replies: at most MAX_CHECK_IN_SHARE of ordinary
  // questions; inside a task its own threshold keeps it to MAX_ANSWER_CHECK_IN_SHARE of answers.
  const quietScores = (which: (r: CalibrationRow) => boolean): number[] =>
    ordinary
      .filter((r) => which(r) && !r.lexical.escalation && disclosureScore(r.learned) < disclosureHigh)
      .map((r) => disclosureScore(r.learned))
      .sort((a, b) => b - a);
  const quiet = quietScores((r) => isQuestion(r.row));
  const quietAnswers = quietScores((r) => isDialogAnswer(r.row));
  const rateFloor = quiet[Math.floor(MAX_CHECK_IN_SHARE * quiet.length)] ?? 0;
  const answerFloor = quietAnswers[Math.floor(MAX_ANSWER_CHECK_IN_SHARE * quietAnswers.length)] ?? 0;
  const disclosureLow = Math.max(MIN_DISCLOSURE_LOW, Math.floor(lowest * 0.95 * 1000) / 1000, (Math.floor(rateFloor * 1000) + 1) / 1000);
  const disclosureLowInTask = Math.max(disclosureLow, (Math.floor(answerFloor * 1000) + 1) / 1000);

  let t: HybridThresholds = { ...STARTING_POINT, disclosureHigh, disclosureLow, disclosureLowInTask, detectorMinWords };
  let best = evaluate(rows, articleIds, t);
  for (let round = 0; round < 3; round++) {
    for (const key of Object.keys(SEARCH) as (keyof HybridThresholds)[]) {
      for (const value of SEARCH[key]!) {
        const candidate = { ...t, [key]: value };
        const e = evaluate(rows, articleIds, candidate);
        if (e.clarifyShare <= MAX_CLARIFY_SHARE && (e.utility > best.utility || (e.utility === best.utility && value < t[key]))) {
          best = e;
          t = candidate;
        }
      }
    }
  }
  const below = missed.filter((r) => disclosureScore(r.learned) < disclosureLow).length;
  return { thresholds: t, utility: best.utility, disclosuresBelowLow: below, falseEscalationShare: best.falseEscalationShare, clarifyShare: best.clarifyShare };
}

/** The outcome for every row under thresholds `t`. */
export function outcomes(rows: readonly CalibrationRow[], articleIds: readonly string[], t: HybridThresholds): HybridOutcome[] {
  return rows.map((r) => hybridOutcome(r.lexical, r.learned, t, combine(r.lexical, r.learned, articleIds, t.learnedWeight)));
}

function evaluate(rows: readonly CalibrationRow[], articleIds: readonly string[], t: HybridThresholds): { utility: number; falseEscalationShare: number; clarifyShare: number } {
  const os = outcomes(rows, articleIds, t);
  let utility = 0;
  let falseEsc = 0;
  let ordinary = 0;
  let clarify = 0;
  let articleRows = 0;
  rows.forEach((r, i) => {
    const o = os[i]!;
    utility += utilityOf(r.row, o);
    if (r.row.label !== 'ESCALATE') {
      ordinary++;
      if (o.outcome === 'escalate') falseEsc++;
    }
    if (isQuestion(r.row) && !['ESCALATE', 'OUT_OF_SCOPE', 'NO_MATCH'].includes(r.row.label)) {
      articleRows++;
      if (o.outcome === 'clarify') clarify++;
    }
  });
  return { utility, falseEscalationShare: falseEsc / Math.max(1, ordinary), clarifyShare: clarify / Math.max(1, articleRows) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
