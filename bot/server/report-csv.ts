/**
 * The compliance report as CSV: the period, the scope and the legal source of each measure in the
 * rows above the figures, so the file still says what it counts when it is opened elsewhere.
 */
import type { ComplianceReport, ReviewFigures } from '../casework/compliance';
import { REVIEW_STEPS } from '../casework/review-deadlines';
import type { UsageSummary } from '../usage';
import { SCHOOL_PHASE_NAMES, addDays } from '../statutory';

const cell = (value: string | number): string => {
  const text = String(value);
  // Quote what needs it, and stop a spreadsheet reading a cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
/** One cell of the report's table: text, or a number a spreadsheet can add up. */
export type Cell = string | number;
const row = (...cells: Cell[]): Cell[] => cells;
const pct = (part: number, whole: number): string => (whole === 0 ? '' : String(Math.round((part / whole) * 1000) / 10));

function assistantRows(a: UsageSummary): Cell[][] {
  const first = a.months[0] ?? '';
  const last = a.months.at(-1) ?? '';
  const q = a.questions;
  const started = Object.values(a.dialogs).reduce((n, d) => n + d.started, 0);
  const finished = Object.values(a.dialogs).reduce((n, d) => n + d.finished, 0);
  return [
    [],
    row('The assistant (months)', 'Counted without personal data', first, last, 'Count'),
    row('Conversations started', '', first, last, a.conversations),
    row('Questions answered', '', first, last, q.answer),
    row('Questions offered a choice of topics', '', first, last, q.clarify),
    row('Questions with no answer', '', first, last, q.no_match),
    row('Questions given safety or advice contacts', '', first, last, q.escalate),
    row('Questions not about SEND', '', first, last, q.out_of_scope),
    row('Answers marked helpful', '', first, last, a.helpful.yes),
    row('Answers marked not helpful', '', first, last, a.helpful.no),
    row('Asked to talk to a person', '', first, last, a.handoffs),
    row('Tasks started', '', first, last, started),
    row('Tasks finished', '', first, last, finished),
  ];
}

/** The report as one table (header rows, then each measure with its legal source), for the CSV and the spreadsheet. */
export function complianceTable(r: ComplianceReport, councilName: string): Cell[][] {
  const reviews = (label: string, f: ReviewFigures): Cell[][] => [
    row(`Annual review meetings held (${label})`, REVIEW_STEPS.meeting.source, f.from, f.to, f.held, f.heldOnTime, pct(f.heldOnTime, f.held)),
  ];
  const n = r.newPlans;
  const y = r.year;
  const f = r.filters;
  const lines = [
    row('Compliance report', councilName),
    row('Scope', r.caseloadOnly ? 'one caseworker’s caseload' : 'all plans'),
    row('Period', f.from, f.to),
    ...(f.school ? [row('School', f.school)] : []),
    ...(f.phase ? [row('Phase of education', SCHOOL_PHASE_NAMES[f.phase])] : []),
    row('Made on', r.today),
    [],
    row('Measure', 'Legal source', 'From', 'To', 'Count', 'On time', 'Per cent on time'),
    ...reviews(y.from === addDays(r.today, -364) && y.to === r.today ? 'last 12 months' : 'the period', y),
    ...reviews('last month', r.lastMonth),
    row('Meetings held late: days late, median and worst', REVIEW_STEPS.meeting.source, y.from, y.to, y.heldLate, y.daysLateMedian ?? '', y.daysLateWorst ?? ''),
    row('Review reports within 2 weeks of the meeting', REVIEW_STEPS.report.source, y.from, y.to, y.held, y.reportsOnTime, pct(y.reportsOnTime, y.held)),
    row('Decisions after the meeting (within 4 weeks)', REVIEW_STEPS.decision.source, y.from, y.to, y.held, y.decisionsOnTime, pct(y.decisionsOnTime, y.held)),
    row(
      'Final amended plans within 12 weeks of the meeting',
      REVIEW_STEPS.amendedPlan.source,
      y.from,
      y.to,
      y.amendDecisions,
      y.amendedOnTime,
      pct(y.amendedOnTime, y.amendDecisions),
    ),
    row(
      'Decisions whether to assess (within 6 weeks)',
      'SEND Regulations 2014, regulation 5(1)',
      n.from,
      n.to,
      n.decisionsToAssess,
      n.decisionsToAssessOnTime,
      pct(n.decisionsToAssessOnTime, n.decisionsToAssess),
    ),
    row(
      'Decisions not to issue a plan (within 16 weeks)',
      'SEND Regulations 2014, regulation 10(1)',
      n.from,
      n.to,
      n.noticesNotToIssue,
      n.noticesNotToIssueOnTime,
      pct(n.noticesNotToIssueOnTime, n.noticesNotToIssue),
    ),
    row('Final plans (within 20 weeks)', 'SEND Regulations 2014, regulation 13(2)', n.from, n.to, n.finalPlans, n.finalPlansOnTime, pct(n.finalPlansOnTime, n.finalPlans)),
    row(
      'Final plans with a regulation 13(3) exception',
      'SEND Regulations 2014, regulation 13(3)',
      n.from,
      n.to,
      n.finalPlansWithException,
      n.finalPlansWithExceptionOnTime,
      pct(n.finalPlansWithExceptionOnTime, n.finalPlansWithException),
    ),
    [],
    row('Complaints', 'The council’s complaints procedure', 'From', 'To', 'Received', 'On time', 'Late', 'Not due yet'),
    ...r.complaints.stages.flatMap((s) => [
      row(`Stage ${s.stage}: acknowledged`, '', r.complaints.from, r.complaints.to, s.received, s.acknowledgedOnTime, s.acknowledgedLate, ''),
      row(`Stage ${s.stage}: answered`, '', r.complaints.from, r.complaints.to, s.received, s.respondedOnTime, s.respondedLate, s.pending),
    ]),
    row('Taken to the Ombudsman', 'Local Government and Social Care Ombudsman', r.complaints.from, r.complaints.to, r.complaints.ombudsmanReferrals),
    [],
    row('Phase transfers by deadline', 'SEND Regulations 2014, regulation 18', 'Deadline', '', 'Plans', 'Done', 'Late', 'Still to do'),
    ...r.phaseTransfers.transfers.map((t) => row('Plans reviewed and amended by the deadline', '', t.deadline, '', t.plans, t.done, t.late, t.pending)),
    [],
    row('Annual reviews due', REVIEW_STEPS.meeting.source, 'From', 'To', 'Due', 'Held on time', 'Held late', 'Not held yet', 'Per cent on time'),
    ...[['In the period', r.reviewsDue.year] as const, ['Last month', r.reviewsDue.lastMonth] as const, ...r.reviewsDue.months.map((m) => [m.from.slice(0, 7), m] as const)].map(
      ([label, d]) => row(label, '', d.from, d.to, d.due, d.heldOnTime, d.heldLate, d.notHeld, pct(d.heldOnTime, d.due)),
    ),
    [],
    row('Annual review meetings by month', REVIEW_STEPS.meeting.source, 'From', 'To', 'Held', 'On time', 'Per cent on time'),
    ...r.months.map((m) => row(m.from.slice(0, 7), '', m.from, m.to, m.held, m.heldOnTime, pct(m.heldOnTime, m.held))),
    ...(r.assistant ? assistantRows(r.assistant) : []),
    [],
    row('Overdue now', 'Legal source', 'On', '', 'Count'),
    row('Annual reviews not held', REVIEW_STEPS.meeting.source, r.today, '', r.now.reviewsOverdue),
    row('…of which a meeting was booked but is not recorded', REVIEW_STEPS.meeting.source, r.today, '', r.now.reviewsOverdueNotRecorded),
    row('Meetings booked, not recorded', 'SEND Regulations 2014, regulation 20 (the meeting and its report)', r.today, '', r.now.meetingsNotRecorded),
    row('Decisions after a meeting', REVIEW_STEPS.decision.source, r.today, '', r.now.decisionsOverdue),
    row('Final amended plans', REVIEW_STEPS.amendedPlan.source, r.today, '', r.now.amendedPlansOverdue),
    row('Assessments past a statutory point', 'SEND Regulations 2014, regulations 5, 10 and 13', r.today, '', r.now.assessmentsOverdue),
    row('Complaint responses', 'The council’s complaints procedure', r.today, '', r.now.complaintsOverdue),
  ];
  return lines;
}

export function complianceCsv(r: ComplianceReport, councilName: string): string {
  return `${complianceTable(r, councilName)
    .map((cells) => cells.map(cell).join(','))
    .join('\r\n')}\r\n`;
}
