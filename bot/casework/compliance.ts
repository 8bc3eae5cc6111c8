/**
 * What staff must act on: "what's overdue" (every statutory deadline missed), "what's due this
 * week" (sent on demand and each morning), and the complaints queue. A caseworker sees their
 * caseload, a team manager every plan; the guard decides who may ask at all.
 */
import type { Identity } from '../identity/identity';
import { deadlinesOf, type Complaint, type StaffId, type Stored } from '../records';
import { SCHOOL_PHASES, SCHOOL_PHASE_NAMES, addDays, nextWorkingDayOnOrAfter, type ComplaintDeadlines, type SchoolPhase } from '../statutory';
import type { UsageSummary } from '../usage';
import type { PlanListItem, PlanListMeasure } from '../records/compliance';
import type { CaseworkDeps, ConversationRef, OutgoingMessage } from './ports';

type Staff = Extract<Identity, { kind: 'staff' }>;

/** A caseworker's own plans; a manager's are every plan. */
export function caseloadFilter(identity: Staff): { caseworkerId?: StaffId } {
  return identity.roles.includes('team_manager') ? {} : { caseworkerId: identity.actorId as StaffId };
}

export type ComplianceViewsOf = CaseworkDeps['records']['compliance'];

export interface Overdue {
  readonly today: string;
  readonly caseloadOnly: boolean;
  readonly reviews: Awaited<ReturnType<ComplianceViewsOf['reviewsOverdue']>>;
  readonly decisions: Awaited<ReturnType<ComplianceViewsOf['decisionsOverdue']>>;
  readonly amended: Awaited<ReturnType<ComplianceViewsOf['amendedPlansOverdue']>>;
  readonly assessments: Awaited<ReturnType<ComplianceViewsOf['assessmentsOverdue']>>;
  readonly complaints: Awaited<ReturnType<ComplianceViewsOf['complaintsOverdue']>>;
  /** Meetings booked whose date has passed with no record of whether they were held, oldest first. */
  readonly unrecorded: Awaited<ReturnType<ComplianceViewsOf['meetingsNotRecorded']>>;
}

export interface DueThisWeek {
  readonly today: string;
  readonly weekEnd: string;
  readonly caseloadOnly: boolean;
  readonly reviews: Awaited<ReturnType<ComplianceViewsOf['reviewsDueWithoutMeeting']>>;
  readonly decisions: Awaited<ReturnType<ComplianceViewsOf['decisionsOverdue']>>;
  readonly complaints: readonly { readonly complaint: Stored<Complaint>; readonly due: string }[];
  readonly unrecorded: Overdue['unrecorded'];
}

export interface ComplaintQueue {
  readonly today: string;
  /** Soonest response first. */
  readonly open: readonly { readonly complaint: Stored<Complaint>; readonly due: ComplaintDeadlines }[];
}

/** The review figures for one period (CFA 2014 s44(1); SEND Regulations 2014 reg 20(10)). */
export type ReviewFigures = Awaited<ReturnType<ComplianceViewsOf['reviewTimeliness']>>;

/** Whose plans a report is asked for: by default the person's own scope. */
export interface ReportScope {
  /** Every plan (managers only). */
  readonly all?: boolean;
  /** One caseworker's caseload (managers, or the caseworker themself). */
  readonly caseworkerId?: string;
  /** The months the period figures cover, `YYYY-MM` (default: the 12 months to today). */
  readonly from?: string;
  readonly to?: string;
  /** Only plans naming this school, and children in this phase of education. */
  readonly school?: string;
  readonly phase?: SchoolPhase;
}

export interface ComplianceReport {
  readonly today: string;
  readonly caseloadOnly: boolean;
  /** The period asked for (by default the last 12 months, to today). */
  readonly year: ReviewFigures;
  /** The same figures month by month across the period. */
  readonly months: readonly ReviewFigures[];
  /** The filters the figures were counted with. */
  readonly filters: { readonly from: string; readonly to: string; readonly school?: string; readonly phase?: SchoolPhase };
  /** The calendar month just ended. */
  readonly lastMonth: ReviewFigures;
  /** Annual reviews by the date they fell due: held on time, late, or not at all (CFA 2014 s44(1)). */
  readonly reviewsDue: Awaited<ReturnType<ComplianceViewsOf['report']>>['reviewsDue'];
  /** New plans in the last 12 months: the 6-, 16- and 20-week limits. */
  readonly newPlans: Awaited<ReturnType<ComplianceViewsOf['newPlanTimeliness']>>;
  /** Complaints received in the period against the council's targets, and Ombudsman referrals. */
  readonly complaints: Awaited<ReturnType<ComplianceViewsOf['report']>>['complaints'];
  /** Phase transfers by their reg 18 deadline. */
  readonly phaseTransfers: Awaited<ReturnType<ComplianceViewsOf['report']>>['phaseTransfers'];
  /** What is overdue now. */
  readonly now: Awaited<ReturnType<ComplianceViewsOf['summary']>>;
  /** How the assistant itself was used in the last 12 calendar months (managers' reports only). */
  readonly assistant?: UsageSummary;
}

/** The 12 calendar months to `today`'s, oldest first, as YYYY-MM. */
export function lastTwelveMonths(today: string): string[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return Array.from({ length: 12 }, (_, i) => {
    const n = y * 12 + (m - 1) - (11 - i);
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

/** The days the period figures cover: from the first of `from` to the end of `to` (never after today); by default the 12 months to today. */
export function periodOf(scope: Pick<ReportScope, 'from' | 'to'>, today: string): { from: string; to: string } {
  if (!scope.from && !scope.to) return { from: addDays(today, -364), to: today };
  const to = scope.to ? addDays(`${addDays(`${scope.to}-01`, 32).slice(0, 7)}-01`, -1) : today;
  return { from: scope.from ? `${scope.from}-01` : addDays(today, -364), to: to < today ? to : today };
}

/** The first and last day of the calendar month before `today`'s. */
export function monthBefore(today: string): { from: string; to: string } {
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

export class ComplianceCasework {
  constructor(private readonly deps: CaseworkDeps) {}

  /** Every statutory deadline missed, most late first; undefined for anyone the guard refuses. */
  async overdue(identity: Identity): Promise<Overdue | undefined> {
    if (!(await this.deps.guard.allows(identity, 'compliance.overdue')) || identity.kind !== 'staff') return undefined;
    const today = this.deps.clock.today();
    const filter = caseloadFilter(identity);
    const c = this.deps.records.compliance;
    const byLate = <T extends { daysLate: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => b.daysLate - a.daysLate);
    const [reviews, decisions, amended, assessments, complaints, unrecorded] = await Promise.all([
      c.reviewsOverdue(today, filter),
      c.decisionsOverdue(today, filter),
      c.amendedPlansOverdue(today, filter),
      c.assessmentsOverdue(today, filter),
      c.complaintsOverdue(today, filter),
      c.meetingsNotRecorded(today, filter),
    ]);
    return {
      today,
      caseloadOnly: filter.caseworkerId !== undefined,
      reviews: byLate(reviews),
      decisions: byLate(decisions),
      amended: byLate(amended),
      assessments: byLate(assessments),
      complaints: byLate(complaints),
      unrecorded,
    };
  }

  /**
   * Annual reviews due in the next week with no meeting booked, meetings held with no decision yet,
   * and complaints whose response is due this week; undefined for anyone the guard refuses.
   */
  async dueThisWeek(identity: Identity): Promise<DueThisWeek | undefined> {
    if (!(await this.deps.guard.allows(identity, 'compliance.overdue')) || identity.kind !== 'staff') return undefined;
    const today = this.deps.clock.today();
    const weekEnd = addDays(today, 7);
    const filter = caseloadFilter(identity);
    const { compliance, complaints, plans } = this.deps.records;
    const [reviews, decisions, open, myPlans, unrecorded] = await Promise.all([
      compliance.reviewsDueWithoutMeeting(today, 1, filter),
      compliance.decisionsOverdue(today, filter),
      complaints.open(),
      filter.caseworkerId ? plans.caseload(filter.caseworkerId) : Promise.resolve(undefined),
      compliance.meetingsNotRecorded(today, filter),
    ]);
    const mine = myPlans ? new Set(myPlans.map((p) => p.childId)) : undefined;
    const due = open
      .map((complaint) => ({ complaint, due: deadlinesOf(complaint).respondBy }))
      .filter(({ complaint: c, due: d }) => d <= weekEnd && (!mine || (c.childId !== undefined && mine.has(c.childId)) || c.handlerId === identity.actorId))
      .sort((a, b) => a.due.localeCompare(b.due));
    return { today, weekEnd, caseloadOnly: filter.caseworkerId !== undefined, reviews, decisions, complaints: due, unrecorded };
  }

  /**
   * The statutory compliance report: annual reviews held in the last 12 months and in the month
   * just ended, how many on time, the decisions after them, and what is overdue now. A team manager
   * sees every plan, a caseworker their caseload; undefined for anyone else (audited).
   */
  async report(identity: Identity, scope: ReportScope = {}): Promise<ComplianceReport | undefined> {
    const filter = await this.reportFilter(identity, scope);
    if (!filter) return undefined;
    const today = this.deps.clock.today();
    const c = this.deps.records.compliance;
    const period = periodOf(scope, today);
    const narrowed = { ...filter, ...(scope.school ? { school: scope.school } : {}), ...(scope.phase ? { phase: scope.phase } : {}) };
    const usage = filter.caseworkerId === undefined && !scope.school && !scope.phase ? this.deps.usage : undefined;
    const [{ year, lastMonth, months, reviewsDue, newPlans, complaints, phaseTransfers, now }, assistant] = await Promise.all([
      c.report(today, { year: period, month: monthBefore(today) }, narrowed),
      usage?.summary(lastTwelveMonths(today)),
    ]);
    const filters = { ...period, ...(scope.school ? { school: scope.school } : {}), ...(scope.phase ? { phase: scope.phase } : {}) };
    return {
      today,
      caseloadOnly: filter.caseworkerId !== undefined,
      year,
      lastMonth,
      months,
      reviewsDue,
      filters,
      newPlans,
      complaints,
      phaseTransfers,
      now,
      ...(assistant ? { assistant } : {}),
    };
  }

  /**
   * The plans behind one of the report's figures, for someone who may see the report with those
   * filters. Each plan listed is a read of a child's record, so each is audited as one.
   */
  async reportPlans(
    identity: Identity,
    scope: ReportScope,
    measure: PlanListMeasure,
  ): Promise<{ measure: PlanListMeasure; from: string; to: string; plans: PlanListItem[] } | undefined> {
    const filter = await this.reportFilter(identity, scope);
    if (!filter) return undefined;
    const today = this.deps.clock.today();
    const period = periodOf(scope, today);
    const narrowed = { ...filter, ...(scope.school ? { school: scope.school } : {}), ...(scope.phase ? { phase: scope.phase } : {}) };
    const plans = await this.deps.records.compliance.planList(today, period, narrowed, measure);
    for (const p of plans) await this.deps.guard.recordDone(identity, 'plan.read', { childId: p.childId, recordRef: p.planRef });
    return { measure, ...period, plans };
  }

  /**
   * What the report's filters may offer this person: a manager every active caseworker and every
   * school; a caseworker only themself and the schools on their caseload; undefined for anyone else.
   */
  async reportOptions(identity: Identity): Promise<{ caseworkers: { id: string; name: string }[]; schools: string[]; phases: { id: SchoolPhase; name: string }[] } | undefined> {
    const filter = await this.reportFilter(identity, {});
    if (!filter || identity.kind !== 'staff') return undefined;
    const { records } = this.deps;
    const staff = filter.caseworkerId
      ? [{ id: identity.actorId, name: identity.name }]
      : (await records.staff.list()).filter((s) => s.active && s.roles.includes('caseworker')).map((s) => ({ id: s.id, name: s.displayName }));
    return {
      caseworkers: staff.sort((a, b) => a.id.localeCompare(b.id)),
      schools: await records.compliance.schools(filter),
      phases: SCHOOL_PHASES.map((id) => ({ id, name: SCHOOL_PHASE_NAMES[id] })),
    };
  }

  /**
   * Whose plans a report covers. A manager: every plan, or one caseworker's. A caseworker: their
   * own caseload; asking for every plan or someone else's is refused (and audited).
   */
  private async reportFilter(identity: Identity, scope: ReportScope): Promise<{ caseworkerId?: StaffId } | undefined> {
    const { guard } = this.deps;
    if (!(await guard.allows(identity, 'compliance.report')) || identity.kind !== 'staff') return undefined;
    const manager = identity.roles.includes('team_manager');
    if (scope.all) return manager || (await guard.allows(identity, 'compliance.report', { caseworkerId: 'ALL' as StaffId })) ? {} : undefined;
    if (scope.caseworkerId && scope.caseworkerId !== identity.actorId) {
      return (await guard.allows(identity, 'compliance.report', { caseworkerId: scope.caseworkerId as StaffId })) ? { caseworkerId: scope.caseworkerId as StaffId } : undefined;
    }
    return caseloadFilter(identity);
  }

  /** Open complaints, soonest response first; undefined for anyone the guard refuses. */
  async complaintQueue(identity: Identity): Promise<ComplaintQueue | undefined> {
    if (!(await this.deps.guard.allows(identity, 'complaint.queue'))) return undefined;
    const open = (await this.deps.records.complaints.open())
      .map((complaint) => ({ complaint, due: deadlinesOf(complaint) }))
      .sort((a, b) => a.due.respondBy.localeCompare(b.due.respondBy));
    return { today: this.deps.clock.today(), open };
  }

  /**
   * On the first working day of each month (England's bank holidays skipped), sends each active
   * team manager and caseworker who installed the app their compliance report, once (a claim per
   * person per month). Returns how many were sent; 0 on any other day.
   */
  async sendMonthlyReport(render: (report: ComplianceReport) => OutgoingMessage): Promise<number> {
    const today = this.deps.clock.today();
    if (today !== nextWorkingDayOnOrAfter(`${today.slice(0, 7)}-01`)) return 0;
    return this.sendToStaffChats(`compliance-report:${today.slice(0, 7)}`, 40 * 24 * 60 * 60, async (identity) => {
      const report = await this.report(identity);
      return report && render(report);
    });
  }

  /** Remembers where to send a member of staff their morning card: their personal chat with the assistant. */
  async rememberStaffChat(identity: Identity, chat: ConversationRef): Promise<void> {
    if (identity.kind === 'staff' && chat.conversation?.conversationType !== 'channel') await this.deps.messenger.remember(`staff:${identity.actorId}`, chat);
  }

  /**
   * Sends each active caseworker and manager who installed the app their "what's due this week"
   * card, once a day (a claim per person per day, so several instances send it once). Returns how
   * many were sent.
   */
  async sendDueThisWeek(render: (week: DueThisWeek, identity: Identity) => OutgoingMessage): Promise<number> {
    return this.sendToStaffChats(`due-this-week:${this.deps.clock.today()}`, undefined, async (identity) => {
      const week = await this.dueThisWeek(identity);
      return week && render(week, identity);
    });
  }

  /**
   * Sends a message to each active caseworker and team manager who installed the app, into their
   * personal chat, once per `claim` (across instances). Returns how many were sent.
   */
  private async sendToStaffChats(claim: string, ttlSeconds: number | undefined, build: (identity: Identity) => Promise<OutgoingMessage | undefined>): Promise<number> {
    const { records, messenger } = this.deps;
    const purpose = claim.split(':')[0]!;
    let sent = 0;
    const staff = (await records.staff.list()).filter((s) => s.active && (s.roles.includes('caseworker') || s.roles.includes('team_manager')));
    for (const member of staff) {
      const reference = await messenger.referenceFor(`staff:${member.id}`);
      if (!reference || !(await messenger.claimOnce(`${claim}:${member.id}`, ttlSeconds))) continue;
      const message = await build({ kind: 'staff', actorId: member.id, name: member.displayName, roles: member.roles, channel: 'teams' });
      if (message && (await messenger.send(`${purpose}:${member.id}`, reference, message)) !== 'failed') sent++;
    }
    return sent;
  }
}
