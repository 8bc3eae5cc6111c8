/**
 * "Compliance report" / "how are we doing": the statutory figures a council must be able to give
 * (how many annual reviews were held, how many on time, the decisions after them, what is overdue
 * now), for a team manager across every plan and for a caseworker on their caseload.
 */
import type { Activity } from 'botbuilder';
import type { ComplianceReport, ReviewFigures } from '../bot/casework/compliance';
import { REVIEW_STEPS } from '../bot/casework/review-deadlines';
import type { UsageSummary } from '../bot/usage';
import { identityOf } from '../bot/identity/identity';
import { formatLongDate } from '../bot/statutory';
import { factsMessage, type FactSection } from './cards';
import { monthsChartAltText, monthsChartPng } from './report-chart';
import { OneStepDialog } from './one-step';
import type { DialogServices } from './services';

export const COMPLIANCE_REPORT = 'complianceReport';

const percent = (part: number, whole: number): string => (whole === 0 ? 'none' : `${Math.round((part / whole) * 100)}%`);
const period = (f: { from: string; to: string }): string => `${formatLongDate(f.from)} to ${formatLongDate(f.to)}`;

type Section = FactSection & { readonly heading: string };

function reviewFacts(f: ReviewFigures): [string, string][] {
  return [
    ['Meetings held', String(f.held)],
    ['Held on time', `${f.heldOnTime} (${percent(f.heldOnTime, f.held)})`],
    ['Held late', f.heldLate > 0 ? `${f.heldLate} (median ${f.daysLateMedian} days late, worst ${f.daysLateWorst})` : '0'],
  ];
}

function complaintsSection(r: ComplianceReport): Section {
  const c = r.complaints;
  return {
    heading: `Complaints received, last 12 months, against the council’s targets (its complaints procedure)`,
    facts: [
      ...c.stages.flatMap((s): [string, string][] => [
        [`Stage ${s.stage} received`, String(s.received)],
        [`Stage ${s.stage} acknowledged on time`, `${s.acknowledgedOnTime} (${percent(s.acknowledgedOnTime, s.received)})`],
        [`Stage ${s.stage} answered on time`, `${s.respondedOnTime} (${percent(s.respondedOnTime, s.received)}); late ${s.respondedLate}; not due yet ${s.pending}`],
      ]),
      ['Taken to the Local Government and Social Care Ombudsman', String(c.ombudsmanReferrals)],
    ],
  };
}

function phaseSection(r: ComplianceReport): Section | undefined {
  if (r.phaseTransfers.transfers.length === 0) return undefined;
  return {
    heading: 'Phase transfers: plans reviewed and amended by the date the law sets (SEND Regulations 2014, regulation 18)',
    facts: r.phaseTransfers.transfers.map((t): [string, string] => [
      `By ${formatLongDate(t.deadline)}`,
      `${t.plans} ${t.plans === 1 ? 'plan' : 'plans'}: ${t.done} done, ${t.late} late, ${t.pending} still to do`,
    ]),
  };
}

/** How the assistant itself was used: from counts that hold no personal data. */
function assistantSection(a: UsageSummary): Section {
  const q = a.questions;
  const asked = q.answer + q.clarify + q.no_match + q.escalate + q.out_of_scope;
  const tasks = Object.values(a.dialogs).reduce((t, d) => ({ started: t.started + d.started, finished: t.finished + d.finished }), { started: 0, finished: 0 });
  return {
    heading: 'How the assistant was used, last 12 months',
    facts: [
      ['Conversations started', String(a.conversations)],
      ['Questions asked', String(asked)],
      ['Answered', `${q.answer} (${percent(q.answer, asked)})`],
      ['Offered a choice of topics', String(q.clarify)],
      ['No answer found', String(q.no_match)],
      ['Given safety or advice contacts instead', String(q.escalate)],
      ['Not about SEND', String(q.out_of_scope)],
      ['Answers marked helpful', `${a.helpful.yes} of ${a.helpful.yes + a.helpful.no} (${percent(a.helpful.yes, a.helpful.yes + a.helpful.no)})`],
      ['Asked to talk to a person', String(a.handoffs)],
      ['Tasks started (checking a plan, booking, complaints…)', String(tasks.started)],
      ['Tasks finished', `${tasks.finished} (${percent(tasks.finished, tasks.started)})`],
    ],
  };
}

/** The report's sections, figures first, each headed by the law it measures. */
export function reportSections(r: ComplianceReport): Section[] {
  const y = r.year;
  const n = r.newPlans;
  return [
    { heading: `Annual review meetings, last 12 months (${period(y)}). The law: ${REVIEW_STEPS.meeting.rule} (${REVIEW_STEPS.meeting.source})`, facts: reviewFacts(y) },
    { heading: `Annual review meetings, last month (${period(r.lastMonth)})`, facts: reviewFacts(r.lastMonth) },
    {
      heading: `Annual reviews that fell due in the last 12 months (${period(r.reviewsDue.year)}), and what became of them`,
      facts: [
        ['Reviews due', String(r.reviewsDue.year.due)],
        ['Meeting held by the date it was due', `${r.reviewsDue.year.heldOnTime} (${percent(r.reviewsDue.year.heldOnTime, r.reviewsDue.year.due)})`],
        ['Meeting held late', String(r.reviewsDue.year.heldLate)],
        ['No meeting held yet', String(r.reviewsDue.year.notHeld)],
      ],
    },
    {
      heading: `Decisions after the meetings held in the last 12 months. The law: ${REVIEW_STEPS.decision.rule} of the meeting (${REVIEW_STEPS.decision.source})`,
      facts: [
        ['Decided on time', `${y.decisionsOnTime} (${percent(y.decisionsOnTime, y.held)})`],
        ['Late or still not made', String(y.decisionsLate)],
        ['Not due yet', String(y.decisionsPending)],
        ['Keep the plan', String(y.byDecision.maintain)],
        ['Change the plan', String(y.byDecision.amend)],
        ['End the plan', String(y.byDecision.cease)],
      ],
    },
    {
      heading: `New EHC plans, last 12 months. The law: SEND Regulations 2014, regulations 5(1), 10(1) and 13(2)`,
      facts: [
        ['Decisions whether to assess within 6 weeks', `${n.decisionsToAssessOnTime} of ${n.decisionsToAssess} (${percent(n.decisionsToAssessOnTime, n.decisionsToAssess)})`],
        ['Decisions not to issue a plan within 16 weeks', `${n.noticesNotToIssueOnTime} of ${n.noticesNotToIssue} (${percent(n.noticesNotToIssueOnTime, n.noticesNotToIssue)})`],
        ['Final plans within 20 weeks', `${n.finalPlansOnTime} of ${n.finalPlans} (${percent(n.finalPlansOnTime, n.finalPlans)})`],
        ['Final plans with a regulation 13(3) exception (counted apart)', `${n.finalPlansWithExceptionOnTime} of ${n.finalPlansWithException} within 20 weeks`],
      ],
    },
    complaintsSection(r),
    ...(phaseSection(r) ? [phaseSection(r)!] : []),
    ...(r.assistant ? [assistantSection(r.assistant)] : []),
    {
      heading: `Overdue on ${formatLongDate(r.today)}`,
      facts: [
        ['Annual reviews not held', String(r.now.reviewsOverdue)],
        ['…of which a meeting was booked but is not recorded', String(r.now.reviewsOverdueNotRecorded)],
        ['Meetings booked, not recorded (the date passed, no record either way)', String(r.now.meetingsNotRecorded)],
        ['Decisions after a meeting', String(r.now.decisionsOverdue)],
        ['Final amended plans', String(r.now.amendedPlansOverdue)],
        ['Assessments past a statutory point', String(r.now.assessmentsOverdue)],
        ['Complaint responses', String(r.now.complaintsOverdue)],
      ],
    },
  ];
}

/**
 * The report as a message: the headline, a chart of the meetings held each month (on time and late),
 * then each section as a FactSet with the same words as text, and a button to the report page.
 */
export function complianceReportMessage(r: ComplianceReport, reportsUrl?: string): Partial<Activity> {
  const who = r.caseloadOnly ? 'your caseload' : 'all plans';
  const headline = `Compliance report for ${who}: in the last 12 months ${r.year.held} annual review ${r.year.held === 1 ? 'meeting was' : 'meetings were'} held, ${r.year.heldOnTime} on time (${percent(r.year.heldOnTime, r.year.held)}).`;
  const bars = r.months.map((m) => ({ month: m.from.slice(0, 7), onTime: m.heldOnTime, late: m.heldLate }));
  return factsMessage('Compliance report', headline, reportSections(r), undefined, {
    image: { url: `data:image/png;base64,${monthsChartPng(bars).toString('base64')}`, altText: monthsChartAltText(bars) },
    ...(reportsUrl ? { link: { title: 'Open the full report (charts, filters, the plans behind each figure, CSV)', url: reportsUrl } } : {}),
  });
}

export class ComplianceReportDialog extends OneStepDialog {
  constructor(services: DialogServices) {
    super(COMPLIANCE_REPORT, async (context) => {
      const identity = identityOf(context);
      const report = await services.casework.compliance.report(identity);
      if (report) return complianceReportMessage(report, services.reportsUrl?.());
      const adviser = identity.kind === 'staff' && identity.roles.includes('sendias_adviser');
      return `Sorry, the compliance report is only for the council’s SEND caseworkers and team managers.${adviser ? ' For SENDIAS’s own figures, ask for "SENDIAS figures".' : ''}`;
    });
  }
}

/** The monthly send: each caseworker's and manager's report into their personal chat on the first working day. */
export function sendMonthlyReport(services: DialogServices): Promise<number> {
  return services.casework.compliance.sendMonthlyReport((report) => complianceReportMessage(report, services.reportsUrl?.()));
}
