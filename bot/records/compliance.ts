/**
 * Compliance views: the questions the Ombudsman asked of Luton (LGSCO 18 012 490), answered from
 * the records. Which reviews are overdue? Which are due soon with nothing booked? Which meetings
 * have no decision, which amended plans are late, which assessments and complaints are past
 * their deadlines, and how many reviews were held on time?
 *
 * Each view takes `today` explicitly and returns the records with the deadline missed (kind,
 * date, legal source) and by how many days. Queries narrow by state in Cosmos; every date test
 * uses the bot/statutory functions, in code (the local server has no GROUP BY, so counts are
 * made here too). Pass `caseworkerId` to limit a view to one caseworker's caseload.
 */
import {
  addDays,
  addWeeks,
  assessmentDeadlines,
  complaintDeadlines,
  daysBetween,
  phaseTransferDeadline,
  earlierOf,
  finalAmendedPlanDeadline,
  reviewMeetingDeadlines,
  schoolPhaseOn,
  type SchoolPhase,
} from '../statutory';
import type { ChildRepository } from './children';
import type { ChildId, IsoDateString, PlanRef, StaffId } from './common';
import { deadlinesOf, type Complaint, type ComplaintRepository } from './complaints';
import { nextReviewDue, type Plan, type PlanRepository } from './plans';
import { isBookedNotRecorded, type Review, type ReviewOutcome, type ReviewRepository } from './reviews';
import type { Stored } from './store';

/**
 * What the views read of each record: dates, states and the fields the filters use, never names,
 * contact details or free text. A stored record is one of these; so is the compact copy the
 * report keeps (bot/records/report-facts.ts), and the same functions count both.
 */
export type PlanFacts = Pick<Plan, 'id' | 'childId' | 'status' | 'keyDates' | 'caseworkerId' | 'schoolName' | 'phaseTransfer'> & {
  readonly timescaleException?: { readonly kind: NonNullable<Plan['timescaleException']>['kind'] };
};
export type ReviewFacts = Pick<
  Review,
  'id' | 'childId' | 'planRef' | 'status' | 'dueDate' | 'proposedDate' | 'meetingHeld' | 'reportReceived' | 'laDecision' | 'amendmentNoticeSent' | 'finalAmendedPlanIssued'
> & { readonly history: readonly Pick<Review['history'][number], 'change' | 'to'>[] };
export type ComplaintFacts = Pick<Complaint, 'id' | 'childId' | 'stage' | 'received' | 'acknowledged' | 'responded' | 'ombudsmanReferred'> & {
  readonly previousStages: readonly Pick<Complaint['previousStages'][number], 'stage' | 'received' | 'acknowledged' | 'responded'>[];
};

export const DEADLINE_KINDS = [
  'annual_review',
  'review_decision',
  'final_amended_plan',
  'decision_to_assess',
  'decision_whether_to_issue',
  'final_plan',
  'complaint_response',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The legal source of each deadline, for replies that name it. */
export const DEADLINE_SOURCES: Readonly<Record<Exclude<DeadlineKind, 'complaint_response'>, string>> = {
  annual_review: 'Children and Families Act 2014, section 44(1)',
  review_decision: 'SEND Regulations 2014, regulation 20(10)',
  final_amended_plan: 'SEND Regulations 2014, regulation 22(3); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)',
  decision_to_assess: 'SEND Regulations 2014, regulation 5(1)',
  decision_whether_to_issue: 'SEND Regulations 2014, regulation 10(1)',
  final_plan: 'SEND Regulations 2014, regulation 13(2)',
};

export interface Deadline {
  readonly kind: DeadlineKind;
  readonly date: IsoDateString;
  readonly source: string;
}

/** A deadline missed by a record (or by the facts the report keeps of it). */
export interface Missed<T> {
  readonly record: T;
  readonly deadline: Deadline;
  /** Whole days since the deadline (at least 1). */
  readonly daysLate: number;
}

export type MissedDeadline<R> = Missed<Stored<R>>;

export type UpcomingDeadline<R> = Upcoming<Stored<R>>;
export interface Upcoming<T> {
  readonly record: T;
  readonly deadline: Deadline;
  /** Whole days until the deadline (0 when it is today). */
  readonly daysLeft: number;
}

export interface OverdueReviewOf<P extends PlanFacts, R extends ReviewFacts> extends Missed<P> {
  /** A meeting booked for this cycle that has not been recorded as held, if any. */
  readonly bookedMeeting?: R;
}
export type OverdueReview = OverdueReviewOf<Stored<Plan>, Stored<Review>>;

/** A meeting whose date has passed with no record of whether it was held ("booked, not recorded"). */
export type UnrecordedMeeting = UnrecordedMeetingOf<Stored<Plan>, Stored<Review>>;
export interface UnrecordedMeetingOf<P extends PlanFacts, R extends ReviewFacts> {
  readonly record: R;
  readonly plan: P;
  /** Whole days since the meeting's date (at least 1). */
  readonly daysSince: number;
  /** When the review is due (CFA 2014 s44(1)), and how late it is when that has passed. */
  readonly reviewDue: IsoDateString;
  readonly reviewDaysLate?: number;
  /** Reminders sent to the caseworker so far, and when the school was last asked for the report. */
  readonly reminders: number;
  readonly schoolAsked?: IsoDateString;
}

export interface CaseloadFilter {
  /** Limit to plans whose named caseworker is this staff member. */
  readonly caseworkerId?: StaffId;
}

/** The report's filters: a caseload, a school (as named on the plan) and a phase of education. */
export interface ReportFilter extends CaseloadFilter {
  readonly school?: string;
  /** The phase the child's age put them in when it happened (the meeting, the request), or today for what is overdue now. */
  readonly phase?: SchoolPhase;
}

export interface ReviewTimeliness {
  readonly from: IsoDateString;
  readonly to: IsoDateString;
  /** Review meetings held in the period. */
  readonly held: number;
  /** …held on or before the date the review was due. */
  readonly heldOnTime: number;
  readonly heldLate: number;
  /** Decisions made within 4 weeks of the meeting. */
  readonly decisionsOnTime: number;
  /** Decisions made after 4 weeks, or still not made 4 weeks after the meeting. */
  readonly decisionsLate: number;
  /** No decision yet, and the 4 weeks have not run out. */
  readonly decisionsPending: number;
  /** The council's decision after each meeting held in the period. */
  readonly byDecision: Readonly<Record<ReviewOutcome | 'pending', number>>;
  /** Days late of the meetings held late: the median and the worst (null when none was late). */
  readonly daysLateMedian: number | null;
  readonly daysLateWorst: number | null;
  /** The review report within 2 weeks of the meeting (reg 20(7)): received on time, late or still missing after 2 weeks, not due yet. */
  readonly reportsOnTime: number;
  readonly reportsLate: number;
  readonly reportsPending: number;
  /** Decisions to amend, and the final amended plan within 12 weeks of the meeting (reg 22 with Devon [2022]). */
  readonly amendDecisions: number;
  readonly amendedOnTime: number;
  readonly amendedLate: number;
  readonly amendedPending: number;
}

/**
 * Annual reviews that fell due in a period (12 months from the last review or the plan's first
 * issue, CFA 2014 s44(1)) and what became of each: a meeting held by the due date, held after it
 * (perhaps after the period), or none held yet.
 */
export interface ReviewsDue {
  readonly from: IsoDateString;
  readonly to: IsoDateString;
  readonly due: number;
  readonly heldOnTime: number;
  readonly heldLate: number;
  /** Still no meeting held (the review is overdue today). */
  readonly notHeld: number;
}

/** New plans in a period: the 6-, 16- and 20-week limits (SEND Regulations 2014 regs 5(1), 10(1), 13(2)). */
export interface NewPlanTimeliness {
  readonly from: IsoDateString;
  readonly to: IsoDateString;
  /** Decisions whether to assess made in the period, and how many within 6 weeks of the request. */
  readonly decisionsToAssess: number;
  readonly decisionsToAssessOnTime: number;
  /** Notices that no plan will be issued, made in the period, and how many within 16 weeks. */
  readonly noticesNotToIssue: number;
  readonly noticesNotToIssueOnTime: number;
  /** Final plans first issued in the period with no reg 13(3) exception recorded, and how many within 20 weeks. */
  readonly finalPlans: number;
  readonly finalPlansOnTime: number;
  /** Final plans first issued in the period where a reg 13(3) exception was recorded (counted apart), and how many within 20 weeks anyway. */
  readonly finalPlansWithException: number;
  readonly finalPlansWithExceptionOnTime: number;
}

/** The figures whose plans can be listed: each the "late" (or "late or not yet") or "overdue" part of a figure. */
export const PLAN_LIST_MEASURES = [
  'held_late',
  'due_late',
  'reports_late',
  'decisions_late',
  'amended_late',
  'reviews_overdue',
  'meetings_not_recorded',
  'assessments_overdue',
  'phase_transfers_late',
] as const;
export type PlanListMeasure = (typeof PLAN_LIST_MEASURES)[number];

/** One plan behind a figure: the date that counts (the meeting, the deadline) and the days late. */
export interface PlanListItem {
  readonly planRef: PlanRef;
  readonly childId: ChildId;
  readonly date: IsoDateString;
  readonly daysLate?: number;
}

/** Complaints at each stage received in a period, against the council's targets, and Ombudsman referrals. */
export interface ComplaintTimeliness {
  readonly from: IsoDateString;
  readonly to: IsoDateString;
  readonly stages: readonly {
    readonly stage: 1 | 2;
    readonly received: number;
    readonly acknowledgedOnTime: number;
    readonly acknowledgedLate: number;
    readonly respondedOnTime: number;
    /** Answered after the target, or still not answered and past it. */
    readonly respondedLate: number;
    readonly pending: number;
  }[];
  /** Complaints taken to the Local Government and Social Care Ombudsman in the period. */
  readonly ombudsmanReferrals: number;
}

/** Plans whose child moves phase, against the reg 18 dates (15 February; 31 March for post-16). */
export interface PhaseTransferFigures {
  readonly transfers: readonly {
    readonly deadline: IsoDateString;
    readonly plans: number;
    /** Reviewed, decided and (where amended) the amended plan issued by the deadline. */
    readonly done: number;
    readonly late: number;
    readonly pending: number;
  }[];
}

export interface ComplianceSummary {
  readonly today: IsoDateString;
  readonly reviewsOverdue: number;
  /** Of the overdue reviews, those with a meeting booked whose date has passed, not recorded either way. */
  readonly reviewsOverdueNotRecorded: number;
  /** Every meeting booked whose date has passed with no record (overdue review or not). */
  readonly meetingsNotRecorded: number;
  readonly reviewsDueWithoutMeeting: number;
  readonly decisionsOverdue: number;
  readonly amendedPlansOverdue: number;
  readonly assessmentsOverdue: number;
  readonly complaintsOverdue: number;
}

const OPEN_ASSESSMENT: readonly Plan['status'][] = ['requested', 'assessing', 'draft_issued'];

/** What the views read, loaded once per call (or once for `summary()`): stored records, or the report's facts of them. */
export interface Snapshot<P extends PlanFacts = Stored<Plan>, R extends ReviewFacts = Stored<Review>, C extends ComplaintFacts = Stored<Complaint>> {
  /** Plans in the statuses asked for, limited to the caseload when filtered. */
  readonly plans: readonly P[];
  readonly held: readonly R[];
  /** Meetings booked or rescheduled, not yet held. */
  readonly active: readonly R[];
  readonly openComplaints: readonly C[];
  /** Every complaint, open or answered (only when asked for). */
  readonly allComplaints: readonly C[];
}
export type FactsSnapshot = Snapshot<PlanFacts, ReviewFacts, ComplaintFacts>;

/**
 * What the report reads, each part from the records it needs: a recount gives the same snapshot
 * for every part; the report's facts (bot/records/report-facts.ts) give each part only the
 * records that can count in it.
 */
export interface ReportSources {
  /** Meetings held in the report's months, with their children's plans. */
  readonly reviewed: FactsSnapshot;
  /** Meetings held whose review fell due in the report's months, with their children's plans. */
  readonly dueReviewed: FactsSnapshot;
  /** Plans with a decision, notice or final plan in the report's months. */
  readonly requested: FactsSnapshot;
  /** Complaints with a stage received or an Ombudsman referral in the report's months, with their children's plans. */
  readonly complained: FactsSnapshot;
  /** Children with something overdue or falling due within the report's horizon today. */
  readonly current: FactsSnapshot;
  /** Final plans with a phase transfer, with the meetings of the year before its deadline. */
  readonly transfers: FactsSnapshot;
  /** Dates of birth, for the phase filter (only when it is used). */
  readonly births?: ReadonlyMap<string, IsoDateString>;
}

/** How many weeks ahead the report counts reviews due with no meeting booked. */
export const REPORT_DUE_WITHIN_WEEKS = 8;

/** The report's periods: the months asked for (default the last 12) and the month just ended. */
export interface ReportPeriods {
  readonly year: { from: IsoDateString; to: IsoDateString };
  readonly month: { from: IsoDateString; to: IsoDateString };
}

export interface ReportFigures {
  readonly year: ReviewTimeliness;
  readonly lastMonth: ReviewTimeliness;
  readonly months: ReviewTimeliness[];
  /** Annual reviews by the date they fell due: in the period, the month just ended, and each month. */
  readonly reviewsDue: { readonly year: ReviewsDue; readonly lastMonth: ReviewsDue; readonly months: ReviewsDue[] };
  readonly newPlans: NewPlanTimeliness;
  readonly complaints: ComplaintTimeliness;
  readonly phaseTransfers: PhaseTransferFigures;
  readonly now: ComplianceSummary;
}

/** Where the report's records come from: the facts kept up to date as records change, when they are there. */
export interface ReportSourceProvider {
  /** The sources for a report on `today` over `periods`, or undefined when the facts are not built (the views recount). */
  sources(today: IsoDateString, periods: ReportPeriods, births: boolean): Promise<ReportSources | undefined>;
}

type Need = 'plans' | 'held' | 'active' | 'complaints' | 'allComplaints';

export class ComplianceViews {
  constructor(
    private readonly plans: PlanRepository,
    private readonly reviews: ReviewRepository,
    private readonly complaints: ComplaintRepository,
    private readonly children: ChildRepository,
    /** The report's facts, kept up to date as records change; without them every report recounts. */
    private readonly facts?: ReportSourceProvider,
  ) {}

  /** Final plans whose annual review date has passed without a meeting held (CFA 2014 s44(1)). */
  async reviewsOverdue(today: IsoDateString, filter: CaseloadFilter = {}): Promise<OverdueReview[]> {
    return overdueReviews(await this.load(filter, ['plans', 'held', 'active']), today);
  }

  /** Meetings booked whose date has passed, with no record of whether they were held; oldest first. */
  async meetingsNotRecorded(today: IsoDateString, filter: CaseloadFilter = {}): Promise<UnrecordedMeeting[]> {
    return unrecordedMeetings(await this.load(filter, ['plans', 'held', 'active']), today);
  }

  /** Final plans whose review falls due within `weeks` weeks (today included) with no meeting booked. */
  async reviewsDueWithoutMeeting(today: IsoDateString, weeks: number, filter: CaseloadFilter = {}): Promise<UpcomingDeadline<Plan>[]> {
    return reviewsDueSoon(await this.load(filter, ['plans', 'held', 'active']), today, weeks);
  }

  /** Meetings held more than 4 weeks ago with no council decision recorded (reg 20(10)). */
  async decisionsOverdue(today: IsoDateString, filter: CaseloadFilter = {}): Promise<MissedDeadline<Review>[]> {
    return overdueDecisions(await this.load(filter, ['held']), today);
  }

  /**
   * Decisions to amend with no final amended plan by the deadline: 12 weeks from the meeting, or
   * 8 weeks from the proposed amendments if those went out earlier (reg 22(3); Devon [2022]).
   */
  async amendedPlansOverdue(today: IsoDateString, filter: CaseloadFilter = {}): Promise<MissedDeadline<Review>[]> {
    return overdueAmendedPlans(await this.load(filter, ['held']), today);
  }

  /**
   * Assessments past a statutory point without the next step, one item per missed deadline:
   * week 6 with no decision whether to assess (status requested); week 16 with neither a draft
   * nor a notice not to issue (status assessing); week 20 with no final plan (any open status).
   * A recorded T4 exception is on the plan (`timescaleException`); the item is still listed.
   */
  async assessmentsOverdue(today: IsoDateString, filter: CaseloadFilter = {}): Promise<MissedDeadline<Plan>[]> {
    return overdueAssessments(await this.load(filter, ['plans']), today);
  }

  /** Complaints not answered by their response date at the current stage (complaints procedure). */
  async complaintsOverdue(today: IsoDateString, filter: CaseloadFilter = {}): Promise<MissedDeadline<Complaint>[]> {
    return overdueComplaints(await this.load(filter, ['complaints']), today);
  }

  /**
   * How many review meetings were held between `from` and `to` (inclusive), how many on time,
   * how many decisions were made within 4 weeks, and what was decided.
   */
  async reviewTimeliness(period: { from: IsoDateString; to: IsoDateString; today: IsoDateString }, filter: CaseloadFilter = {}): Promise<ReviewTimeliness> {
    return timeliness(await this.load(filter, ['held']), period);
  }

  /** New plans: decisions to assess, no-plan notices and final plans made in a period, and how many on time. */
  async newPlanTimeliness(period: { from: IsoDateString; to: IsoDateString }, filter: CaseloadFilter = {}): Promise<NewPlanTimeliness> {
    return newPlans((await this.load(filter, ['plans'])).plans, period);
  }

  /** Counts from every view, for a manager's overview (the records are read once). */
  async summary(today: IsoDateString, options: CaseloadFilter & { dueWithinWeeks?: number } = {}): Promise<ComplianceSummary> {
    return summarise(await this.load(caseloadOf(options), ['plans', 'held', 'active', 'complaints']), today, options.dueWithinWeeks ?? 8);
  }

  /**
   * The compliance report's figures: reviews in each period, new plans and complaints in the first,
   * phase transfers, and what is overdue today. From the report's facts when they are built (a
   * bounded number of reads, whatever the number of plans), otherwise from one read of every
   * record; `recount` forces the second, and the two always agree (test/integration/report-facts.test.ts).
   */
  async report(today: IsoDateString, periods: ReportPeriods, filter: ReportFilter = {}, options: { recount?: boolean } = {}): Promise<ReportFigures> {
    return reportFigures(await this.sources(today, periods, filter, options), today, periods, filter);
  }

  /**
   * The plans behind one of the report's figures, with the date that counts and how late: the
   * same records and rules as the figure, so the list's length equals it.
   */
  async planList(
    today: IsoDateString,
    period: { from: IsoDateString; to: IsoDateString },
    filter: ReportFilter,
    measure: PlanListMeasure,
    options: { recount?: boolean } = {},
  ): Promise<PlanListItem[]> {
    return planListOf(await this.sources(today, { year: period, month: period }, filter, options), today, period, filter, measure);
  }

  private async sources(today: IsoDateString, periods: ReportPeriods, filter: ReportFilter, options: { recount?: boolean }): Promise<ReportSources> {
    const facts = options.recount ? undefined : await this.facts?.sources(today, periods, filter.phase !== undefined);
    return facts ?? this.recount(filter);
  }

  /** Every record (of the caseload, when filtered), read once: the same snapshot for every part of the report. */
  private async recount(filter: ReportFilter): Promise<ReportSources> {
    const all = await this.load(caseloadOf(filter), ['plans', 'held', 'active', 'complaints', 'allComplaints']);
    const births = filter.phase ? await this.children.datesOfBirth() : undefined;
    return { reviewed: all, dueReviewed: all, requested: all, complained: all, current: all, transfers: all, ...(births ? { births } : {}) };
  }

  /** The schools named on plans in a caseload (every plan without one), for the report's filter. */
  async schools(filter: CaseloadFilter = {}): Promise<string[]> {
    const plans = await this.plans.list(filter.caseworkerId ? { caseworkerId: filter.caseworkerId } : {});
    return [...new Set(plans.flatMap((p) => (p.schoolName ? [p.schoolName] : [])))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  }

  private async load(filter: CaseloadFilter, needs: readonly Need[]): Promise<Snapshot> {
    const want = new Set(needs);
    const caseworker = filter.caseworkerId ? { caseworkerId: filter.caseworkerId } : {};
    // A caseload filter needs the caseworker's plans to filter reviews and complaints by.
    const loadPlans = want.has('plans') || filter.caseworkerId !== undefined;
    const [plans, held, active, everyComplaint] = await Promise.all([
      loadPlans ? this.plans.list(caseworker) : Promise.resolve([]),
      want.has('held') ? this.reviews.list({ statuses: ['held'] }) : Promise.resolve([]),
      want.has('active') ? this.reviews.list({ statuses: ['booked', 'rescheduled'] }) : Promise.resolve([]),
      want.has('allComplaints') ? this.complaints.all() : want.has('complaints') ? this.complaints.open() : Promise.resolve([]),
    ]);
    const openComplaints = want.has('complaints') ? everyComplaint.filter((c) => c.responded === undefined).sort((a, b) => a.received.localeCompare(b.received)) : [];
    const allComplaints = want.has('allComplaints') ? everyComplaint : [];
    const snapshot = { plans, held, active, openComplaints, allComplaints };
    return filter.caseworkerId ? inCaseload(snapshot, filter.caseworkerId) : snapshot;
  }
}

/** A snapshot limited to one caseworker's plans, their meetings, and complaints about their children. */
function inCaseload<P extends PlanFacts, R extends ReviewFacts, C extends ComplaintFacts>(snapshot: Snapshot<P, R, C>, caseworkerId: StaffId): Snapshot<P, R, C> {
  const plans = snapshot.plans.filter((p) => p.caseworkerId === caseworkerId);
  return withPlans(snapshot, plans);
}

/** A snapshot narrowed to some of its plans: their meetings, and the complaints about their children. */
function withPlans<P extends PlanFacts, R extends ReviewFacts, C extends ComplaintFacts>(snapshot: Snapshot<P, R, C>, plans: readonly P[]): Snapshot<P, R, C> {
  const refs = new Set(plans.map((p) => p.id));
  const children = new Set<string>(plans.map((p) => p.childId));
  const ofChild = (c: C): boolean => c.childId !== undefined && children.has(c.childId);
  return {
    plans,
    held: snapshot.held.filter((r) => refs.has(r.planRef)),
    active: snapshot.active.filter((r) => refs.has(r.planRef)),
    openComplaints: snapshot.openComplaints.filter(ofChild),
    allComplaints: snapshot.allComplaints.filter(ofChild),
  };
}

/** The report's sources narrowed by its filters: reviews by the plan when held, new plans by the request, the rest by today. */
function narrow(sources: ReportSources, filter: ReportFilter, today: IsoDateString): Omit<ReportSources, 'births'> {
  const caseload = (s: FactsSnapshot): FactsSnapshot => (filter.caseworkerId ? inCaseload(s, filter.caseworkerId) : s);
  const matches = planMatcher(filter, sources.births);
  const byToday = (s: FactsSnapshot): FactsSnapshot =>
    matches
      ? withPlans(
          s,
          s.plans.filter((p) => matches(p, today)),
        )
      : s;
  const reviewed = caseload(sources.reviewed);
  const dueReviewed = caseload(sources.dueReviewed);
  const requested = caseload(sources.requested);
  if (!matches) {
    return { reviewed, dueReviewed, requested, complained: caseload(sources.complained), current: caseload(sources.current), transfers: caseload(sources.transfers) };
  }
  // A meeting counts in the phase the child was in when it was held (or, counted by due date, when the review fell due).
  const heldAt = (s: FactsSnapshot, at: (r: ReviewFacts) => IsoDateString): FactsSnapshot => {
    const byRef = new Map(s.plans.map((p) => [p.id, p] as const));
    return {
      ...s,
      held: s.held.filter((r) => {
        const plan = byRef.get(r.planRef);
        return plan !== undefined && matches(plan, at(r));
      }),
    };
  };
  return {
    reviewed: heldAt(reviewed, (r) => r.meetingHeld ?? r.proposedDate),
    dueReviewed: heldAt(dueReviewed, (r) => r.dueDate),
    requested: { ...requested, plans: requested.plans.filter((p) => matches(p, p.keyDates.requestReceived ?? today)) },
    complained: byToday(caseload(sources.complained)),
    current: byToday(caseload(sources.current)),
    transfers: byToday(caseload(sources.transfers)),
  };
}

/** The report's figures from its sources (pure: the facts and a recount give the same answer). */
export function reportFigures(sources: ReportSources, today: IsoDateString, periods: ReportPeriods, filter: ReportFilter): ReportFigures {
  const { reviewed, dueReviewed, requested, complained, current, transfers } = narrow(sources, filter, today);
  const overdue = overdueReviews(current, today);
  const due = (period: { from: IsoDateString; to: IsoDateString }): ReviewsDue => reviewsDueIn(dueReviewed, overdue, period);
  return {
    year: timeliness(reviewed, { ...periods.year, today }),
    lastMonth: timeliness(reviewed, { ...periods.month, today }),
    months: monthsOf(periods.year).map((m) => timeliness(reviewed, { ...m, today })),
    reviewsDue: { year: due(periods.year), lastMonth: due(periods.month), months: monthsOf(periods.year).map(due) },
    newPlans: newPlans(requested.plans, periods.year),
    complaints: complaintTimeliness(complained.allComplaints, periods.year, today),
    phaseTransfers: phaseTransfers(transfers, today),
    now: summarise(current, today, REPORT_DUE_WITHIN_WEEKS),
  };
}

/** The plans behind one of the report's figures (pure, like {@link reportFigures}). */
export function planListOf(
  sources: ReportSources,
  today: IsoDateString,
  period: { from: IsoDateString; to: IsoDateString },
  filter: ReportFilter,
  measure: PlanListMeasure,
): PlanListItem[] {
  // The latest first, then by date and reference, whatever order the records were read in.
  return plansBehind(narrow(sources, filter, today), today, period, measure).sort(
    (a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0) || a.date.localeCompare(b.date) || a.planRef.localeCompare(b.planRef),
  );
}

function plansBehind(
  { reviewed, dueReviewed, current, transfers }: Omit<ReportSources, 'births'>,
  today: IsoDateString,
  period: { from: IsoDateString; to: IsoDateString },
  measure: PlanListMeasure,
): PlanListItem[] {
  const item = (plan: Pick<Plan, 'id' | 'childId'>, date: IsoDateString, daysLate?: number): PlanListItem => ({
    planRef: plan.id,
    childId: plan.childId,
    date,
    ...(daysLate !== undefined && daysLate > 0 ? { daysLate } : {}),
  });
  const afterMeeting = (step: 'report' | 'decision' | 'amended'): PlanListItem[] =>
    heldIn(reviewed, period).flatMap((r) => {
      const s = reviewSteps(r, today);
      // The figure's "late or not yet": late ones with their days late, those not yet due without.
      if (s[step] === undefined || s[step] === 'onTime') return [];
      if (s[step] === 'pending') return [item({ id: r.planRef, childId: r.childId }, r.meetingHeld!)];
      const by = reviewMeetingDeadlines(r.meetingHeld!);
      const due = step === 'report' ? by.reportBy : step === 'decision' ? by.decisionBy : by.finalAmendedPlanBy;
      const done = step === 'report' ? r.reportReceived : step === 'decision' ? r.laDecision?.decidedOn : r.finalAmendedPlanIssued;
      return [item({ id: r.planRef, childId: r.childId }, r.meetingHeld!, daysBetween(due, done ?? today))];
    });
  switch (measure) {
    case 'held_late':
      return heldIn(reviewed, period).flatMap((r) =>
        daysBetween(r.dueDate, r.meetingHeld!) > 0 ? [item({ id: r.planRef, childId: r.childId }, r.meetingHeld!, daysBetween(r.dueDate, r.meetingHeld!))] : [],
      );
    case 'due_late':
      // Reviews due in the period not held by their due date: held late (with the days late), or still not held.
      return [
        ...dueReviewed.held.flatMap((r) =>
          r.meetingHeld && inPeriod(r.dueDate, period) && r.meetingHeld > r.dueDate
            ? [item({ id: r.planRef, childId: r.childId }, r.dueDate, daysBetween(r.dueDate, r.meetingHeld))]
            : [],
        ),
        ...overdueReviews(current, today).flatMap((o) => (inPeriod(o.deadline.date, period) ? [item(o.record, o.deadline.date, o.daysLate)] : [])),
      ];
    case 'reports_late':
      return afterMeeting('report');
    case 'decisions_late':
      return afterMeeting('decision');
    case 'amended_late':
      return afterMeeting('amended');
    case 'reviews_overdue':
      return overdueReviews(current, today).map((o) => item(o.record, o.deadline.date, o.daysLate));
    case 'meetings_not_recorded':
      return unrecordedMeetings(current, today).map((u) => item(u.plan, u.record.proposedDate, u.daysSince));
    case 'assessments_overdue':
      return overdueAssessments(current, today).map((o) => item(o.record, o.deadline.date, o.daysLate));
    case 'phase_transfers_late':
      return phaseTransferPlans(transfers, today).flatMap((t) => (t.state === 'late' ? [item(t.plan, t.deadline, daysBetween(t.deadline, today))] : []));
  }
}

// ---------------------------------------------------------------------------------------------
// The views as pure functions of a snapshot
// ---------------------------------------------------------------------------------------------

interface ReviewCycle<P, R> {
  readonly plan: P;
  readonly due: IsoDateString;
  readonly booked?: R;
}

type Any = Snapshot<PlanFacts, ReviewFacts, ComplaintFacts>;
type PlanOf<S extends Any> = S['plans'][number];
type ReviewOf<S extends Any> = S['held'][number];
type ComplaintOf<S extends Any> = S['openComplaints'][number];

/** For each final plan: the next review date, and an unheld meeting booked for that cycle. */
function reviewCycles<S extends Any>(snapshot: S): ReviewCycle<PlanOf<S>, ReviewOf<S>>[] {
  const heldByPlan = groupBy(snapshot.held, (r) => r.planRef);
  const activeByPlan = groupBy(snapshot.active, (r) => r.planRef);
  const cycles: ReviewCycle<PlanOf<S>, ReviewOf<S>>[] = [];
  for (const plan of snapshot.plans) {
    if (plan.status !== 'final_issued') continue;
    const heldDates = (heldByPlan.get(plan.id) ?? []).flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : []));
    const due = nextReviewDue(plan, heldDates);
    if (due === undefined) continue;
    const lastHeld = [plan.keyDates.lastReviewMeeting ?? '', ...heldDates].reduce((max, d) => (d > max ? d : max), '');
    const booked = (activeByPlan.get(plan.id) ?? []).filter((r) => r.proposedDate > lastHeld).sort((a, b) => a.proposedDate.localeCompare(b.proposedDate))[0];
    cycles.push(booked ? { plan, due, booked } : { plan, due });
  }
  return cycles;
}

function overdueReviews<S extends Any>(snapshot: S, today: IsoDateString): OverdueReviewOf<PlanOf<S>, ReviewOf<S>>[] {
  const items: OverdueReviewOf<PlanOf<S>, ReviewOf<S>>[] = [];
  for (const { plan, due, booked } of reviewCycles(snapshot)) {
    const daysLate = daysBetween(due, today);
    if (daysLate > 0) {
      items.push({ record: plan, deadline: deadline('annual_review', due), daysLate, ...(booked ? { bookedMeeting: booked } : {}) });
    }
  }
  return byLateness(items);
}

function unrecordedMeetings<S extends Any>(snapshot: S, today: IsoDateString): UnrecordedMeetingOf<PlanOf<S>, ReviewOf<S>>[] {
  const items: UnrecordedMeetingOf<PlanOf<S>, ReviewOf<S>>[] = [];
  for (const { plan, due, booked } of reviewCycles(snapshot)) {
    if (!booked || !isBookedNotRecorded(booked, today)) continue;
    const reviewDaysLate = daysBetween(due, today);
    const schoolAsked = booked.history.filter((h) => h.change === 'school_asked').at(-1)?.to;
    items.push({
      record: booked,
      plan,
      daysSince: daysBetween(booked.proposedDate, today),
      reviewDue: due,
      ...(reviewDaysLate > 0 ? { reviewDaysLate } : {}),
      reminders: booked.history.filter((h) => h.change === 'reminder_sent').length,
      ...(schoolAsked ? { schoolAsked } : {}),
    });
  }
  return items.sort((a, b) => b.daysSince - a.daysSince || a.plan.id.localeCompare(b.plan.id));
}

function reviewsDueSoon<S extends Any>(snapshot: S, today: IsoDateString, weeks: number): Upcoming<PlanOf<S>>[] {
  const horizon = addWeeks(today, weeks);
  const items: Upcoming<PlanOf<S>>[] = [];
  for (const { plan, due, booked } of reviewCycles(snapshot)) {
    const daysLeft = daysBetween(today, due);
    if (daysLeft >= 0 && daysBetween(due, horizon) >= 0 && !booked) {
      items.push({ record: plan, deadline: deadline('annual_review', due), daysLeft });
    }
  }
  return items.sort((a, b) => a.daysLeft - b.daysLeft || a.record.id.localeCompare(b.record.id));
}

function overdueDecisions<S extends Any>(snapshot: S, today: IsoDateString): Missed<ReviewOf<S>>[] {
  const items: Missed<ReviewOf<S>>[] = [];
  for (const review of snapshot.held) {
    if (review.laDecision || !review.meetingHeld) continue;
    const due = reviewMeetingDeadlines(review.meetingHeld).decisionBy;
    const daysLate = daysBetween(due, today);
    if (daysLate > 0) items.push({ record: review, deadline: deadline('review_decision', due), daysLate });
  }
  return byLateness(items);
}

function overdueAmendedPlans<S extends Any>(snapshot: S, today: IsoDateString): Missed<ReviewOf<S>>[] {
  const items: Missed<ReviewOf<S>>[] = [];
  for (const review of snapshot.held) {
    if (review.laDecision?.decision !== 'amend' || review.finalAmendedPlanIssued || !review.meetingHeld) continue;
    const fromMeeting = reviewMeetingDeadlines(review.meetingHeld).finalAmendedPlanBy;
    const due = review.amendmentNoticeSent ? earlierOf(fromMeeting, finalAmendedPlanDeadline(review.amendmentNoticeSent)) : fromMeeting;
    const daysLate = daysBetween(due, today);
    if (daysLate > 0) items.push({ record: review, deadline: deadline('final_amended_plan', due), daysLate });
  }
  return byLateness(items);
}

function overdueAssessments<S extends Any>(snapshot: S, today: IsoDateString): Missed<PlanOf<S>>[] {
  const items: Missed<PlanOf<S>>[] = [];
  for (const plan of snapshot.plans) {
    const received = plan.keyDates.requestReceived;
    if (!OPEN_ASSESSMENT.includes(plan.status) || received === undefined) continue;
    const d = assessmentDeadlines(received);
    const check = (kind: Exclude<DeadlineKind, 'complaint_response'>, due: IsoDateString): void => {
      const daysLate = daysBetween(due, today);
      if (daysLate > 0) items.push({ record: plan, deadline: deadline(kind, due), daysLate });
    };
    if (plan.status === 'requested') check('decision_to_assess', d.decisionToAssess);
    if (plan.status === 'assessing') check('decision_whether_to_issue', d.noticeNotToIssue);
    check('final_plan', d.finalPlan);
  }
  return byLateness(items);
}

function overdueComplaints<S extends Any>(snapshot: S, today: IsoDateString): Missed<ComplaintOf<S>>[] {
  const items: Missed<ComplaintOf<S>>[] = [];
  for (const complaint of snapshot.openComplaints) {
    const deadlines = deadlinesOf(complaint);
    const daysLate = daysBetween(deadlines.respondBy, today);
    if (daysLate > 0) {
      items.push({ record: complaint, deadline: { kind: 'complaint_response', date: deadlines.respondBy, source: deadlines.source }, daysLate });
    }
  }
  return byLateness(items);
}

export type StepState = 'onTime' | 'late' | 'pending';

/** How one held meeting stands against each step the law sets after it (the report counts these, its plan lists show them). */
export interface ReviewSteps {
  /** Days after the due date the meeting was held (0 or less: on time). */
  readonly daysLate: number;
  readonly report: StepState;
  readonly decision: StepState;
  /** Only for a decision to amend. */
  readonly amended?: StepState;
}

/** A step done by its date is on time; not done and past its date is late; not done and not yet due is pending. */
function stepState(done: IsoDateString | undefined, by: IsoDateString, today: IsoDateString): StepState {
  return done ? (done <= by ? 'onTime' : 'late') : by < today ? 'late' : 'pending';
}

export function reviewSteps(review: ReviewFacts, today: IsoDateString): ReviewSteps {
  const meeting = review.meetingHeld as IsoDateString;
  const after = reviewMeetingDeadlines(meeting);
  return {
    daysLate: daysBetween(review.dueDate, meeting),
    report: stepState(review.reportReceived, after.reportBy, today),
    decision: stepState(review.laDecision?.decidedOn, after.decisionBy, today),
    ...(review.laDecision?.decision === 'amend' ? { amended: stepState(review.finalAmendedPlanIssued, after.finalAmendedPlanBy, today) } : {}),
  };
}

function heldIn<S extends Pick<Any, 'held'>>(snapshot: S, period: { from: IsoDateString; to: IsoDateString }): S['held'][number][] {
  return snapshot.held.filter((r) => r.meetingHeld !== undefined && r.meetingHeld >= period.from && r.meetingHeld <= period.to);
}

function timeliness(snapshot: Pick<Any, 'held'>, period: { from: IsoDateString; to: IsoDateString; today: IsoDateString }): ReviewTimeliness {
  const held = heldIn(snapshot, period);
  const byDecision: Record<ReviewOutcome | 'pending', number> = { maintain: 0, amend: 0, cease: 0, pending: 0 };
  const late: number[] = [];
  const n = {
    decisionsOnTime: 0,
    decisionsLate: 0,
    decisionsPending: 0,
    reportsOnTime: 0,
    reportsLate: 0,
    reportsPending: 0,
    amendDecisions: 0,
    amendedOnTime: 0,
    amendedLate: 0,
    amendedPending: 0,
  };
  const key = (prefix: 'decisions' | 'reports' | 'amended', state: StepState) => `${prefix}${state === 'onTime' ? 'OnTime' : state === 'late' ? 'Late' : 'Pending'}` as const;
  for (const review of held) {
    const s = reviewSteps(review, period.today);
    if (s.daysLate > 0) late.push(s.daysLate);
    n[key('reports', s.report)] += 1;
    n[key('decisions', s.decision)] += 1;
    if (s.amended) {
      n.amendDecisions += 1;
      n[key('amended', s.amended)] += 1;
    }
    byDecision[review.laDecision?.decision ?? 'pending'] += 1;
  }
  return {
    from: period.from,
    to: period.to,
    held: held.length,
    heldOnTime: held.length - late.length,
    heldLate: late.length,
    byDecision,
    daysLateMedian: median(late),
    daysLateWorst: late.length ? Math.max(...late) : null,
    ...n,
  };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Each stage of each complaint received in the period, against its acknowledgement and response targets. */
export function complaintTimeliness(complaints: readonly ComplaintFacts[], period: { from: IsoDateString; to: IsoDateString }, today: IsoDateString): ComplaintTimeliness {
  const blank = () => ({ received: 0, acknowledgedOnTime: 0, acknowledgedLate: 0, respondedOnTime: 0, respondedLate: 0, pending: 0 });
  const stages = { 1: blank(), 2: blank() };
  let ombudsmanReferrals = 0;
  for (const c of complaints) {
    if (c.ombudsmanReferred && c.ombudsmanReferred >= period.from && c.ombudsmanReferred <= period.to) ombudsmanReferrals++;
    for (const s of stagesOf(c)) {
      if (s.received < period.from || s.received > period.to) continue;
      const due = complaintDeadlines(s.received, s.stage, s.acknowledged);
      const t = stages[s.stage];
      t.received++;
      if (s.acknowledged) {
        if (s.acknowledged <= due.acknowledgeBy) t.acknowledgedOnTime++;
        else t.acknowledgedLate++;
      } else if (due.acknowledgeBy < today) t.acknowledgedLate++;
      if (s.responded) {
        if (s.responded <= due.respondBy) t.respondedOnTime++;
        else t.respondedLate++;
      } else if (due.respondBy < today) t.respondedLate++;
      else t.pending++;
    }
  }
  return { from: period.from, to: period.to, stages: ([1, 2] as const).map((stage) => ({ stage, ...stages[stage] })), ombudsmanReferrals };
}

const inPeriod = (d: IsoDateString, period: { from: IsoDateString; to: IsoDateString }): boolean => d >= period.from && d <= period.to;

/** Reviews due in a period: each meeting held for a review due then, on time or late, and each review due then still overdue. */
function reviewsDueIn(held: Pick<Any, 'held'>, overdue: readonly Missed<PlanFacts>[], period: { from: IsoDateString; to: IsoDateString }): ReviewsDue {
  const met = held.held.filter((r) => r.meetingHeld !== undefined && inPeriod(r.dueDate, period));
  const heldOnTime = met.filter((r) => r.meetingHeld! <= r.dueDate).length;
  const notHeld = overdue.filter((o) => inPeriod(o.deadline.date, period)).length;
  return { from: period.from, to: period.to, due: met.length + notHeld, heldOnTime, heldLate: met.length - heldOnTime, notHeld };
}

/** Each stage of a complaint, the earlier one first. */
function stagesOf(c: ComplaintFacts): ComplaintFacts['previousStages'] {
  return [...c.previousStages, { stage: c.stage, received: c.received, acknowledged: c.acknowledged, responded: c.responded }];
}

/** The dates {@link complaintTimeliness} counts a complaint on: each stage received, and the Ombudsman referral. */
export function complaintEventDates(c: ComplaintFacts): IsoDateString[] {
  return [...stagesOf(c).map((s) => s.received), ...(c.ombudsmanReferred ? [c.ombudsmanReferred] : [])];
}

/** The reg 18 deadline of a plan's phase transfer, when {@link phaseTransfers} counts the plan. */
export function transferDeadlineOf(plan: PlanFacts): IsoDateString | undefined {
  const t = plan.phaseTransfer;
  return plan.status === 'final_issued' && t && t.kind !== 'post16ToPost16' ? phaseTransferDeadline(t.year, t.kind) : undefined;
}

/** The first day of the 12 months before a phase transfer deadline in which the review that completes it must be held. */
export function transferWindowStart(deadline: IsoDateString): IsoDateString {
  return addDays(deadline, -365);
}

/**
 * The first day on which anything in a snapshot can count in the report's "now" figures: the
 * earliest deadline it could miss (a review, a meeting with no record, a decision, an amended plan,
 * an assessment step, a complaint), less the weeks ahead the report looks for reviews due.
 * Found by asking the views themselves on a far-off day, when every deadline not met has passed.
 * Undefined when nothing can ever count (a ceased plan, answered complaints).
 */
export function relevantFrom(snapshot: FactsSnapshot): IsoDateString | undefined {
  const far = '2999-12-31';
  const dates = [
    ...overdueReviews(snapshot, far).map((o) => addWeeks(o.deadline.date, -REPORT_DUE_WITHIN_WEEKS)),
    ...unrecordedMeetings(snapshot, far).map((u) => u.record.proposedDate),
    ...[overdueDecisions, overdueAmendedPlans, overdueAssessments, overdueComplaints].flatMap((view) => view(snapshot, far).map((o) => o.deadline.date)),
  ];
  return dates.reduce<IsoDateString | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);
}

/**
 * Plans whose child moves phase, by deadline: done when, in the 12 months before the deadline, a
 * review meeting was held and decided (and, for an amendment, the amended plan issued) by then
 * (SEND Regulations 2014 reg 18).
 */
export function phaseTransfers(snapshot: Pick<Any, 'plans' | 'held'>, today: IsoDateString): PhaseTransferFigures {
  const byDeadline = new Map<IsoDateString, { plans: number; done: number; late: number; pending: number }>();
  for (const t of phaseTransferPlans(snapshot, today)) {
    const row = byDeadline.get(t.deadline) ?? { plans: 0, done: 0, late: 0, pending: 0 };
    row.plans++;
    row[t.state]++;
    byDeadline.set(t.deadline, row);
  }
  return { transfers: [...byDeadline].sort(([a], [b]) => a.localeCompare(b)).map(([deadline, r]) => ({ deadline, ...r })) };
}

/** Each final plan with a phase transfer: its deadline and whether it is done, late or still to do. */
function phaseTransferPlans<S extends Pick<Any, 'plans' | 'held'>>(
  snapshot: S,
  today: IsoDateString,
): { plan: S['plans'][number]; deadline: IsoDateString; state: 'done' | 'late' | 'pending' }[] {
  const heldByPlan = groupBy(snapshot.held, (r) => r.planRef);
  return snapshot.plans.flatMap((plan) => {
    const deadline = transferDeadlineOf(plan);
    if (deadline === undefined) return [];
    const yearBefore = transferWindowStart(deadline);
    const done = (heldByPlan.get(plan.id) ?? []).some((r) => {
      if (!r.meetingHeld || r.meetingHeld < yearBefore || !r.laDecision || r.laDecision.decidedOn > deadline) return false;
      return r.laDecision.decision !== 'amend' || (r.finalAmendedPlanIssued !== undefined && r.finalAmendedPlanIssued <= deadline);
    });
    return [{ plan, deadline, state: done ? 'done' : deadline < today ? 'late' : 'pending' } as const];
  });
}

/** The dates {@link newPlans} counts a plan on: the decision whether to assess, a notice not to issue, the first final plan. */
export function newPlanEventDates(plan: PlanFacts): { decisionToAssess?: IsoDateString; noticeNotToIssue?: IsoDateString; finalPlan?: IsoDateString } {
  const d = plan.keyDates;
  return { decisionToAssess: d.decisionToAssess, noticeNotToIssue: d.noticeNotToIssue, finalPlan: d.planFirstIssued ?? d.finalIssued };
}

export function newPlans(plans: readonly PlanFacts[], period: { from: IsoDateString; to: IsoDateString }): NewPlanTimeliness {
  const inPeriod = (d: IsoDateString | undefined): d is IsoDateString => d !== undefined && d >= period.from && d <= period.to;
  const counts = {
    decisionsToAssess: 0,
    decisionsToAssessOnTime: 0,
    noticesNotToIssue: 0,
    noticesNotToIssueOnTime: 0,
    finalPlans: 0,
    finalPlansOnTime: 0,
    finalPlansWithException: 0,
    finalPlansWithExceptionOnTime: 0,
  };
  for (const plan of plans) {
    const d = plan.keyDates;
    if (!d.requestReceived) continue;
    const due = assessmentDeadlines(d.requestReceived);
    if (inPeriod(d.decisionToAssess)) {
      counts.decisionsToAssess += 1;
      if (d.decisionToAssess <= due.decisionToAssess) counts.decisionsToAssessOnTime += 1;
    }
    if (inPeriod(d.noticeNotToIssue)) {
      counts.noticesNotToIssue += 1;
      if (d.noticeNotToIssue <= due.noticeNotToIssue) counts.noticesNotToIssueOnTime += 1;
    }
    const issued = newPlanEventDates(plan).finalPlan;
    if (inPeriod(issued)) {
      const onTime = issued <= due.finalPlan ? 1 : 0;
      if (plan.timescaleException) {
        counts.finalPlansWithException += 1;
        counts.finalPlansWithExceptionOnTime += onTime;
      } else {
        counts.finalPlans += 1;
        counts.finalPlansOnTime += onTime;
      }
    }
  }
  return { from: period.from, to: period.to, ...counts };
}

/** Does a plan match the report's school and phase filters on a date? Undefined when neither filter is set. */
function planMatcher(filter: ReportFilter, births: ReadonlyMap<string, IsoDateString> | undefined): ((plan: PlanFacts, at: IsoDateString) => boolean) | undefined {
  if (!filter.school && !filter.phase) return undefined;
  return (plan, at) => {
    if (filter.school && plan.schoolName !== filter.school) return false;
    if (!filter.phase) return true;
    const born = births?.get(plan.childId);
    return born !== undefined && at >= born && schoolPhaseOn(born, at) === filter.phase;
  };
}

/** The calendar months a period touches, each clipped to the period. */
export function monthsOf(period: { from: IsoDateString; to: IsoDateString }): { from: IsoDateString; to: IsoDateString }[] {
  const months: { from: IsoDateString; to: IsoDateString }[] = [];
  let start = period.from;
  while (start <= period.to) {
    const next = addDays(`${start.slice(0, 7)}-01`, 32).slice(0, 7);
    const end = addDays(`${next}-01`, -1);
    months.push({ from: start, to: end < period.to ? end : period.to });
    start = `${next}-01`;
  }
  return months;
}

function caseloadOf(filter: CaseloadFilter): CaseloadFilter {
  return filter.caseworkerId ? { caseworkerId: filter.caseworkerId } : {};
}

function summarise(snapshot: Any, today: IsoDateString, dueWithinWeeks: number): ComplianceSummary {
  const overdue = overdueReviews(snapshot, today);
  return {
    today,
    reviewsOverdue: overdue.length,
    reviewsOverdueNotRecorded: overdue.filter((r) => r.bookedMeeting && isBookedNotRecorded(r.bookedMeeting, today)).length,
    meetingsNotRecorded: unrecordedMeetings(snapshot, today).length,
    reviewsDueWithoutMeeting: reviewsDueSoon(snapshot, today, dueWithinWeeks).length,
    decisionsOverdue: overdueDecisions(snapshot, today).length,
    amendedPlansOverdue: overdueAmendedPlans(snapshot, today).length,
    assessmentsOverdue: overdueAssessments(snapshot, today).length,
    complaintsOverdue: overdueComplaints(snapshot, today).length,
  };
}

function deadline(kind: Exclude<DeadlineKind, 'complaint_response'>, date: IsoDateString): Deadline {
  return { kind, date, source: DEADLINE_SOURCES[kind] };
}

function byLateness<T extends { daysLate: number; record: { id: string } }>(items: T[]): T[] {
  return items.sort((a, b) => b.daysLate - a.daysLate || a.record.id.localeCompare(b.record.id));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
