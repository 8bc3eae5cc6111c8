/**
 * A deterministic, synthetic demo dataset: about 300 children with their parents, plans in every
 * state, review meetings on time, late and missing, complaints and SENDIAS enquiries, all dated
 * relative to `today` so the data stays current. The same seed and day give the same data.
 *
 * No real people: names are combined from short invented lists, emails use `@example.org`, phone
 * numbers come from Ofcom's drama range (07700 900000 to 07700 900999).
 *
 * Fixed ids, stable across seeds (README personas and tests rely on them):
 * - children `C0001`…`C0300`; plan `EHC-00000n` belongs to child `C000n`;
 * - parent `P000n` holds parental responsibility for child `C000n`; a few also for a sibling
 *   (`P0010` for `C0011`, `P0057` for `C0058`, `P0123` for `C0124`, `P0201` for `C0202`);
 *   some young people aged 16 or over are their own contact, `Y000n` for `C000n`;
 * - staff `S001`–`S006` caseworkers, `S007` team manager, `S008`–`S009` SENDIAS advisers,
 *   `S010` knowledge editor; AAD object id `5e7d0000-0000-4000-8000-000000000nnn` for `Snnn`;
 * - personas: `C0001`/`P0001` plan in assessment (in time); `C0002`/`P0002` review due within
 *   8 weeks with no meeting booked; `C0003`/`P0003` review booked; all with caseworker `S001`.
 *
 * The generator returns the late cases it planted, so a test can check that the compliance views
 * find exactly those and no others.
 */
import { addDays, annualReviewDue, assessmentDeadlines, complaintDeadlines, daysBetween, earlierOf, finalAmendedPlanDeadline, reviewMeetingDeadlines } from '../statutory';
import { assessmentRequestId, type AssessmentRequest } from './assessment-requests';
import type { Child } from './children';
import { complaintRef, type Complaint, type ComplaintCategory, type ComplaintOutcome } from './complaints';
import { pad, type ChildId, type ComplaintRef, type IsoDateString, type PlanRef, type ReviewId, type StaffId } from './common';
import type { DeadlineKind, ReviewTimeliness } from './compliance';
import type { ParentLink } from './contacts';
import { CLOSED_ENQUIRY_RETENTION_SECONDS } from './containers';
import { SENDIAS_QUEUE, enquiryRef, type Enquiry } from './enquiries';
import { planRef, type CeasedReason, type Plan } from './plans';
import { SeededRandom } from './prng';
import { reviewId, type Attendance, type Review, type ReviewHistoryEntry, type ReviewOutcome } from './reviews';
import type { StaffMember, StaffRole } from './staff';

export const DEMO_DEFAULT_SEED = 2014;
export const DEMO_CHILD_COUNT = 300;
/** The window the planted "review due, nothing booked" cases are planted for. */
export const DEMO_DUE_SOON_WEEKS = 8;

export interface DemoDataOptions {
  readonly seed?: number;
  /** The day the data is built around (ISO date). */
  readonly today: IsoDateString;
  /**
   * How many children (default 300). The planted late cases stay the same in number; the rest are
   * steady cases, so a large council's volume (20,000) can be benchmarked. Deterministic for a seed.
   */
  readonly children?: number;
}

export interface PlantedCases {
  readonly reviewsOverdue: readonly PlanRef[];
  readonly reviewsDueWithoutMeeting: { readonly weeks: number; readonly planRefs: readonly PlanRef[] };
  readonly decisionsOverdue: readonly ReviewId[];
  readonly amendedPlansOverdue: readonly ReviewId[];
  readonly assessmentsOverdue: readonly { readonly planRef: PlanRef; readonly kind: DeadlineKind }[];
  readonly complaintsOverdue: readonly ComplaintRef[];
  /** Plans whose booked meeting's date has passed with no record of whether it was held. */
  readonly meetingsNotRecorded: readonly PlanRef[];
}

/** What `reviewTimeliness()` should report for the year to `today` (the generator counts each measure as it plants it). */
export type ExpectedTimeliness = Omit<ReviewTimeliness, 'heldLate'>;

export interface DemoParentPersona {
  readonly contactId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly childId: ChildId;
  readonly childName: string;
  readonly childDateOfBirth: IsoDateString;
  readonly planRef: PlanRef;
  readonly planStatus: Plan['status'];
  readonly reviewDue?: IsoDateString;
}

export interface DemoStaffPersona {
  readonly staffId: StaffId;
  readonly displayName: string;
  readonly aadObjectId: string;
  readonly roles: readonly StaffRole[];
}

export interface DemoPersonas {
  readonly parentWithPlanInAssessment: DemoParentPersona;
  readonly parentWithReviewDue: DemoParentPersona;
  readonly parentWithReviewBooked: DemoParentPersona;
  readonly caseworker: DemoStaffPersona;
  readonly teamManager: DemoStaffPersona;
  readonly sendiasAdviser: DemoStaffPersona;
  readonly knowledgeEditor: DemoStaffPersona;
}

export interface DemoData {
  readonly seed: number;
  readonly today: IsoDateString;
  readonly staff: readonly StaffMember[];
  readonly children: readonly Child[];
  readonly contacts: readonly ParentLink[];
  readonly plans: readonly Plan[];
  readonly assessmentRequests: readonly AssessmentRequest[];
  readonly reviews: readonly Review[];
  readonly complaints: readonly Complaint[];
  readonly enquiries: readonly Enquiry[];
  readonly planted: PlantedCases;
  readonly expectedTimeliness: ExpectedTimeliness;
  readonly personas: DemoPersonas;
}

// ---------------------------------------------------------------------------------------------
// Invented names and places
// ---------------------------------------------------------------------------------------------

const CHILD_NAMES = [
  'Aisha',
  'Ben',
  'Caleb',
  'Daisy',
  'Eli',
  'Freya',
  'Gabriel',
  'Hana',
  'Isaac',
  'Jade',
  'Kai',
  'Lola',
  'Milo',
  'Nia',
  'Oscar',
  'Poppy',
  'Reuben',
  'Sana',
  'Theo',
  'Uma',
  'Willow',
  'Yusuf',
  'Zara',
  'Alfie',
  'Bella',
  'Cody',
  'Esme',
  'Finn',
  'Iris',
  'Jonah',
  'Luca',
  'Maya',
  'Noah',
  'Orla',
  'Ravi',
  'Sofia',
  'Toby',
  'Ayaan',
  'Evie',
  'Rosa',
] as const;
const PARENT_NAMES = [
  'Amy',
  'Bilal',
  'Claire',
  'Dan',
  'Emma',
  'Farah',
  'Gemma',
  'Harun',
  'Jess',
  'Kieran',
  'Laura',
  'Mo',
  'Nadia',
  'Paul',
  'Rachel',
  'Sunita',
  'Tariq',
  'Vicky',
  'Wes',
  'Yasmin',
  'Zoe',
  'Adam',
  'Bea',
  'Carl',
] as const;
const FAMILY_NAMES = [
  'Abbott',
  'Bakare',
  'Carver',
  'Dalton',
  'Ellery',
  'Fenwick',
  'Garside',
  'Holloway',
  'Iqbal',
  'Jarvis',
  'Kowalski',
  'Lindqvist',
  'Mahmood',
  'Norbury',
  'Oyelaran',
  'Pemberton',
  'Quayle',
  'Radley',
  'Sadiq',
  'Thornbury',
  'Underhill',
  'Vance',
  'Whitlock',
  'Yardley',
  'Zielinski',
  'Ashby',
  'Bramley',
  'Chowdhury',
  'Drummond',
  'Eastwood',
  'Fairbairn',
  'Gallagher',
  'Hussain',
  'Ingram',
  'Kaur',
  'Lockwood',
  'Nolan',
  'Osei',
  'Penhaligon',
  'Rowntree',
] as const;
const SCHOOLS = {
  earlyYears: ['Little Acorns Nursery', 'Sunbeam Pre-school'],
  primary: ['Oakfield Primary School', 'Brookside Primary School', 'Willow Lane Primary School', 'Meadowbank Primary School'],
  secondary: ['Northgate Academy', 'Riverside High School', 'Ashgrove Community College', 'Kingsmead School'],
  special: ['Elm Tree Special School', 'Harbour View Special School'],
  post16: ['Town Sixth Form College', 'Vale College of Further Education'],
} as const;

const STAFF_DEFS: readonly { id: StaffId; name: string; roles: StaffRole[] }[] = [
  { id: 'S001', name: 'Sam Okafor', roles: ['caseworker'] },
  { id: 'S002', name: 'Leah Brennan', roles: ['caseworker'] },
  { id: 'S003', name: 'Tom Hartley', roles: ['caseworker'] },
  { id: 'S004', name: 'Nadia Rahim', roles: ['caseworker'] },
  { id: 'S005', name: 'Owen Pryce', roles: ['caseworker'] },
  { id: 'S006', name: 'Grace Mensah', roles: ['caseworker'] },
  { id: 'S007', name: 'Helen Marsh', roles: ['team_manager'] },
  { id: 'S008', name: 'Ravi Desai', roles: ['sendias_adviser'] },
  { id: 'S009', name: 'Kate Lowe', roles: ['sendias_adviser'] },
  { id: 'S010', name: 'Chris Dunn', roles: ['knowledge_editor'] },
];
const CASEWORKERS: readonly StaffId[] = ['S001', 'S002', 'S003', 'S004', 'S005', 'S006'];
const ADVISERS: readonly StaffId[] = ['S008', 'S009'];

/** Deterministic AAD object id for a staff id: `S001` → `5e7d0000-0000-4000-8000-000000000001`. */
export function demoAadObjectId(staffId: StaffId): string {
  return `5e7d0000-0000-4000-8000-${pad(Number(staffId.slice(1)), 12)}`;
}

/** Ofcom drama-range mobile number, `07700 900nnn`. */
function dramaPhone(n: number): string {
  return `07700900${pad(n % 1000, 3)}`;
}

const SIBLINGS: ReadonlyMap<number, number> = new Map([
  [10, 11],
  [57, 58],
  [123, 124],
  [201, 202],
]);

const COMPLAINT_SUMMARIES: Record<ComplaintCategory, readonly string[]> = {
  delay: ['The decision on the assessment is late.', 'We are still waiting for the final plan.', 'The annual review has not been arranged.'],
  provision_not_delivered: ['Speech and language therapy in section F has not been provided this term.', 'The agreed teaching assistant support is not in place.'],
  communication: ['Nobody has replied to my emails for three weeks.', 'I was not told the review meeting had been cancelled.'],
  plan_content: ["The draft plan does not describe my daughter's needs.", 'Section F is vague and not quantified.'],
  other: ['I was given the wrong information about school transport.', 'The letter was sent to my old address.'],
};
const ENQUIRY_TEXTS = [
  'How do I ask for an EHC needs assessment for my son?',
  'The council said no to an assessment. Can I appeal?',
  "I would like help to prepare for my daughter's annual review.",
  'My child has been out of school since the summer. What can I do?',
  'What should be in section F of the plan?',
  'We have a tribunal hearing coming up and I need advice.',
  'Can someone come with me to a meeting at school?',
  "The school says they cannot meet my child's needs. What happens now?",
  'How do personal budgets work?',
  'My son is 17. Can he make his own decisions about his plan?',
] as const;

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

type Category =
  | 'requested_in_time'
  | 'requested_late6'
  | 'requested_late20'
  | 'assessing_in_time'
  | 'assessing_late16'
  | 'assessing_late20'
  | 'draft_in_time'
  | 'draft_late20'
  | 'ceased'
  | 'review_overdue'
  | 'review_overdue_stale_booking'
  | 'review_overdue_late_booking'
  | 'review_due_unbooked'
  | 'review_due_booked'
  | 'decision_overdue'
  | 'decision_pending'
  | 'amended_overdue'
  | 'amended_in_time'
  | 'new_plan'
  | 'steady';

/** Children 1–3 are fixed personas; the rest are shuffled from these counts, then `steady`. */
const FIXED: ReadonlyMap<number, Category> = new Map([
  [1, 'assessing_in_time'],
  [2, 'review_due_unbooked'],
  [3, 'review_due_booked'],
]);
/** Persona children's ages: 9, 11 (Year 6, so a phase transfer is coming) and 13. */
const PERSONA_AGES: ReadonlyMap<number, number> = new Map([
  [1, 9],
  [2, 11],
  [3, 13],
]);
const CATEGORY_COUNTS: readonly [Category, number][] = [
  ['requested_in_time', 8],
  ['requested_late6', 3],
  ['requested_late20', 1],
  ['assessing_in_time', 11],
  ['assessing_late16', 3],
  ['assessing_late20', 1],
  ['draft_in_time', 7],
  ['draft_late20', 2],
  ['ceased', 10],
  ['review_overdue', 4],
  ['review_overdue_stale_booking', 3],
  ['review_overdue_late_booking', 1],
  ['review_due_unbooked', 5],
  ['review_due_booked', 9],
  ['decision_overdue', 4],
  ['decision_pending', 5],
  ['amended_overdue', 3],
  ['amended_in_time', 5],
  ['new_plan', 12],
];

interface HeldTally {
  meetingHeld: IsoDateString;
  onTime: boolean;
  /** Days after the due date the meeting was held (0 or less when on time). */
  daysLate: number;
  decision?: { decision: ReviewOutcome; onTime: boolean };
  reportReceived?: IsoDateString;
  /** For a decision to amend: when the final amended plan was issued, if it has been. */
  amended?: { issued?: IsoDateString };
}

export function generateDemoData(options: DemoDataOptions): DemoData {
  const children = options.children ?? DEMO_CHILD_COUNT;
  if (!Number.isSafeInteger(children) || children < DEMO_CHILD_COUNT || children > 200_000) {
    throw new Error(`generateDemoData(): children must be a whole number from ${DEMO_CHILD_COUNT} to 200000, not ${children}`);
  }
  return new DemoBuilder(options.seed ?? DEMO_DEFAULT_SEED, options.today, children).build();
}

class DemoBuilder {
  private readonly rng: SeededRandom;
  private readonly staff: StaffMember[] = [];
  private readonly children: Child[] = [];
  private readonly contacts: ParentLink[] = [];
  /** The parents by id (a large dataset looks them up for every meeting). */
  private readonly parentById = new Map<string, ParentLink>();
  private readonly plans: Plan[] = [];
  private readonly requests: AssessmentRequest[] = [];
  private readonly reviews: Review[] = [];
  private readonly complaints: Complaint[] = [];
  private readonly enquiries: Enquiry[] = [];
  private readonly tallies: HeldTally[] = [];
  private readonly planted = {
    reviewsOverdue: [] as PlanRef[],
    reviewsDueWithoutMeeting: [] as PlanRef[],
    decisionsOverdue: [] as ReviewId[],
    amendedPlansOverdue: [] as ReviewId[],
    assessmentsOverdue: [] as { planRef: PlanRef; kind: DeadlineKind }[],
    complaintsOverdue: [] as ComplaintRef[],
    meetingsNotRecorded: [] as PlanRef[],
  };
  private readonly academicYearStart: number;

  constructor(
    private readonly seed: number,
    private readonly today: IsoDateString,
    private readonly childCount: number = DEMO_CHILD_COUNT,
  ) {
    this.rng = new SeededRandom(seed);
    const [year, month] = today.split('-').map(Number) as [number, number];
    this.academicYearStart = month >= 9 ? year : year - 1;
  }

  build(): DemoData {
    this.buildStaff();
    const planted = CATEGORY_COUNTS.flatMap(([category, count]) => Array.from({ length: count }, () => category));
    const steady = Array.from({ length: this.childCount - FIXED.size - planted.length }, (): Category => 'steady');
    const bag = this.rng.shuffle([...planted, ...steady]);
    for (let n = 1; n <= this.childCount; n += 1) {
      const category = FIXED.get(n) ?? bag[n - FIXED.size - 1] ?? 'steady';
      this.buildCase(n, category);
    }
    this.buildComplaints();
    this.buildEnquiries();
    return {
      seed: this.seed,
      today: this.today,
      staff: this.staff,
      children: this.children,
      contacts: this.contacts,
      plans: this.plans,
      assessmentRequests: this.requests,
      reviews: this.reviews,
      complaints: this.complaints,
      enquiries: this.enquiries,
      planted: {
        reviewsOverdue: sorted(this.planted.reviewsOverdue),
        reviewsDueWithoutMeeting: { weeks: DEMO_DUE_SOON_WEEKS, planRefs: sorted(this.planted.reviewsDueWithoutMeeting) },
        decisionsOverdue: sorted(this.planted.decisionsOverdue),
        amendedPlansOverdue: sorted(this.planted.amendedPlansOverdue),
        assessmentsOverdue: [...this.planted.assessmentsOverdue].sort((a, b) => `${a.planRef}${a.kind}`.localeCompare(`${b.planRef}${b.kind}`)),
        complaintsOverdue: sorted(this.planted.complaintsOverdue),
        meetingsNotRecorded: sorted(this.planted.meetingsNotRecorded),
      },
      expectedTimeliness: this.expectedTimeliness(),
      personas: this.personas(),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Dates
  // -------------------------------------------------------------------------------------------

  private day(offset: number): IsoDateString {
    return addDays(this.today, offset);
  }

  private stamp(date: IsoDateString, hour = 9): string {
    return `${date}T${pad(hour, 2)}:00:00.000Z`;
  }

  /** Throws when the generator's intent and the statutory functions disagree. */
  private expect(condition: boolean, what: string): void {
    if (!condition) throw new Error(`generateDemoData(): internal check failed: ${what} (seed ${this.seed}, today ${this.today})`);
  }

  // -------------------------------------------------------------------------------------------
  // People
  // -------------------------------------------------------------------------------------------

  private buildStaff(): void {
    const at = this.stamp(this.day(-730));
    for (const def of STAFF_DEFS) {
      const [given, family] = def.name.toLowerCase().split(' ') as [string, string];
      this.staff.push({
        id: def.id,
        docType: 'staff',
        aadObjectId: demoAadObjectId(def.id),
        displayName: def.name,
        email: `${given}.${family}@example.org`,
        roles: def.roles,
        active: true,
        createdAt: at,
        updatedAt: at,
      });
    }
  }

  private buildCase(n: number, category: Category): void {
    const childId: ChildId = `C${pad(n, 4)}`;
    const siblingOf = [...SIBLINGS.entries()].find(([, younger]) => younger === n)?.[0];
    const familyName = siblingOf !== undefined ? (this.children[siblingOf - 1]?.familyName ?? this.rng.pick(FAMILY_NAMES)) : this.rng.pick(FAMILY_NAMES);
    const age =
      PERSONA_AGES.get(n) ??
      (category.startsWith('requested') || category.startsWith('assessing') || category.startsWith('draft')
        ? this.rng.int(2, 15)
        : category === 'ceased'
          ? this.rng.int(6, 22)
          : this.rng.int(4, 22));
    const dateOfBirth = this.day(-(age * 365 + this.rng.int(0, 364)));
    const created = this.stamp(this.day(-800));
    const child: Child = {
      id: childId,
      childId,
      docType: 'child',
      givenName: this.rng.pick(CHILD_NAMES),
      familyName,
      dateOfBirth,
      createdAt: created,
      updatedAt: created,
    };
    this.children.push(child);
    this.buildContacts(n, child);

    const caseworkerId = n <= FIXED.size ? 'S001' : this.rng.pick(CASEWORKERS);
    const ref = planRef(n);
    const yearGroup = this.yearGroup(dateOfBirth);
    const ctx: CaseContext = { n, child, ref, caseworkerId, yearGroup, school: this.schoolFor(yearGroup) };
    switch (category) {
      case 'requested_in_time':
        return this.preFinal(ctx, 'requested', this.rng.int(2, 35), { unassigned: this.rng.chance(0.4) });
      case 'requested_late6':
        return this.preFinal(ctx, 'requested', this.rng.int(46, 100), { planted: ['decision_to_assess'] });
      case 'requested_late20':
        return this.preFinal(ctx, 'requested', this.rng.int(145, 170), { planted: ['decision_to_assess', 'final_plan'] });
      case 'assessing_in_time':
        return this.preFinal(ctx, 'assessing', n === 1 ? 63 : this.rng.int(45, 105), {});
      case 'assessing_late16':
        return this.preFinal(ctx, 'assessing', this.rng.int(116, 135), { planted: ['decision_whether_to_issue'] });
      case 'assessing_late20':
        return this.preFinal(ctx, 'assessing', this.rng.int(145, 175), { planted: ['decision_whether_to_issue', 'final_plan'] });
      case 'draft_in_time':
        return this.preFinal(ctx, 'draft_issued', this.rng.int(95, 132), {});
      case 'draft_late20':
        return this.preFinal(ctx, 'draft_issued', this.rng.int(145, 180), { planted: ['final_plan'] });
      case 'ceased':
        return this.ceased(ctx);
      default:
        return this.finalPlan(ctx, category);
    }
  }

  private buildContacts(n: number, child: Child): void {
    const id = `P${pad(n, 4)}`;
    const childIds = [child.id];
    const younger = SIBLINGS.get(n);
    if (younger !== undefined) childIds.push(`C${pad(younger, 4)}`);
    const preferred = this.rng.chance(0.7) ? 'email' : 'phone';
    const parent: ParentLink = {
      id,
      docType: 'contact',
      kind: 'parent_carer',
      givenName: this.rng.pick(PARENT_NAMES),
      familyName: child.familyName,
      email: `parent.${id.toLowerCase()}@example.org`,
      phone: dramaPhone(n),
      preferredContact: preferred,
      childIds,
      createdAt: child.createdAt,
      updatedAt: child.createdAt,
    };
    this.contacts.push(parent);
    this.parentById.set(id, parent);
    const age = Math.floor(daysBetween(child.dateOfBirth, this.today) / 365.25);
    if (age >= 16 && this.rng.chance(0.5)) {
      const yid = `Y${pad(n, 4)}`;
      this.contacts.push({
        id: yid,
        docType: 'contact',
        kind: 'young_person',
        givenName: child.givenName,
        familyName: child.familyName,
        email: `young.person.${yid.toLowerCase()}@example.org`,
        phone: dramaPhone(500 + n),
        preferredContact: 'email',
        childIds: [child.id],
        createdAt: child.createdAt,
        updatedAt: child.createdAt,
      });
    }
  }

  private yearGroup(dateOfBirth: IsoDateString): number {
    const [year, month] = dateOfBirth.split('-').map(Number) as [number, number];
    const cohort = month >= 9 ? year : year - 1;
    return this.academicYearStart - cohort - 5;
  }

  private schoolFor(yearGroup: number): string {
    if (yearGroup <= -1) return this.rng.pick(SCHOOLS.earlyYears);
    if (this.rng.chance(0.15)) return this.rng.pick(SCHOOLS.special);
    if (yearGroup <= 6) return this.rng.pick(SCHOOLS.primary);
    if (yearGroup <= 11) return this.rng.pick(SCHOOLS.secondary);
    return this.rng.pick(SCHOOLS.post16);
  }

  private phaseTransfer(yearGroup: number): Plan['phaseTransfer'] {
    const year = this.academicYearStart + 1;
    if (yearGroup === -1) return { year, kind: 'earlyYearsToSchool' };
    if (yearGroup === 6) return { year, kind: 'primaryToSecondary' };
    if (yearGroup === 11) return { year, kind: 'secondaryToPost16' };
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Plans before a final plan
  // -------------------------------------------------------------------------------------------

  private preFinal(
    ctx: CaseContext,
    status: 'requested' | 'assessing' | 'draft_issued',
    receivedDaysAgo: number,
    options: { planted?: DeadlineKind[]; unassigned?: boolean },
  ): void {
    const received = this.day(-receivedDaysAgo);
    const keyDates: Plan['keyDates'] = { requestReceived: received };
    if (status !== 'requested') keyDates.decisionToAssess = addDays(received, this.rng.int(20, 41));
    if (status === 'draft_issued') keyDates.draftIssued = addDays(received, this.rng.int(80, Math.min(110, receivedDaysAgo - 1)));
    this.pushPlan(
      ctx,
      {
        status,
        keyDates,
        ...(status === 'requested' ? {} : { assessmentDecision: 'assess' as const }),
        ...(options.unassigned ? { caseworkerId: undefined } : {}),
      },
      received,
    );

    // Check the intent against the statutory deadlines, and plant exactly what is late.
    const d = assessmentDeadlines(received);
    const late = (due: IsoDateString): boolean => daysBetween(due, this.today) > 0;
    const missed: DeadlineKind[] = [];
    if (status === 'requested' && late(d.decisionToAssess)) missed.push('decision_to_assess');
    if (status === 'assessing' && late(d.noticeNotToIssue)) missed.push('decision_whether_to_issue');
    if (late(d.finalPlan)) missed.push('final_plan');
    this.expect(JSON.stringify(missed) === JSON.stringify(options.planted ?? []), `${ctx.ref} ${status} received ${received} misses ${missed.join(',')}`);
    for (const kind of missed) this.planted.assessmentsOverdue.push({ planRef: ctx.ref, kind });
  }

  private ceased(ctx: CaseContext): void {
    const reason: CeasedReason = this.rng.pick(['refused_to_assess', 'not_issued_after_assessment', 'no_longer_necessary', 'no_longer_necessary']);
    if (reason === 'refused_to_assess') {
      const received = this.day(-this.rng.int(60, 400));
      const decided = addDays(received, this.rng.int(25, 42));
      this.pushPlan(
        ctx,
        { status: 'ceased', assessmentDecision: 'refuse', ceasedReason: reason, keyDates: { requestReceived: received, decisionToAssess: decided, ceased: decided } },
        received,
      );
      return;
    }
    if (reason === 'not_issued_after_assessment') {
      const received = this.day(-this.rng.int(150, 500));
      const decided = addDays(received, this.rng.int(25, 42));
      const notice = addDays(received, this.rng.int(90, 112));
      this.pushPlan(
        ctx,
        {
          status: 'ceased',
          assessmentDecision: 'assess',
          ceasedReason: reason,
          keyDates: { requestReceived: received, decisionToAssess: decided, noticeNotToIssue: notice, ceased: notice },
        },
        received,
      );
      return;
    }
    // A plan ceased after a review that decided it was no longer necessary.
    const meeting = this.day(-this.rng.int(90, 400));
    const first = addDays(meeting, -this.rng.int(330, 360));
    const decidedOn = addDays(meeting, this.rng.int(10, 28));
    const ceasedOn = addDays(decidedOn, this.rng.int(30, 45));
    const keyDates = { ...this.assessmentHistory(first), planFirstIssued: first, finalIssued: first, lastReviewMeeting: meeting, ceased: ceasedOn };
    this.pushPlan(ctx, { status: 'ceased', assessmentDecision: 'assess', ceasedReason: reason, keyDates }, keyDates.requestReceived);
    this.pushHeld(ctx, 0, meeting, annualReviewDue(first), { decision: 'cease', decidedOn });
  }

  private assessmentHistory(firstIssued: IsoDateString): { requestReceived: IsoDateString; decisionToAssess: IsoDateString; draftIssued: IsoDateString } {
    const received = addDays(firstIssued, -this.rng.int(110, this.rng.chance(0.15) ? 170 : 140));
    return {
      requestReceived: received,
      decisionToAssess: addDays(received, this.rng.int(28, 42)),
      draftIssued: addDays(received, this.rng.int(84, 98)),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Final plans and their reviews
  // -------------------------------------------------------------------------------------------

  private finalPlan(ctx: CaseContext, category: Category): void {
    const t = this.today;
    // The date the current review cycle runs from: the last meeting held, or the first issue.
    let base: IsoDateString;
    let reviewed = true;
    switch (category) {
      case 'review_overdue':
      case 'review_overdue_stale_booking':
      case 'review_overdue_late_booking':
        base = this.day(-this.rng.int(370, 455));
        reviewed = this.rng.chance(0.6);
        break;
      case 'review_due_unbooked':
      case 'review_due_booked':
        base = this.day((ctx.n === 2 ? 25 : ctx.n === 3 ? 40 : this.rng.int(3, 52)) - 365);
        reviewed = ctx.n <= FIXED.size || this.rng.chance(0.7);
        break;
      case 'decision_overdue':
        base = this.day(-this.rng.int(35, 63));
        break;
      case 'decision_pending':
        base = this.day(-this.rng.int(3, 24));
        break;
      case 'amended_overdue':
        base = this.day(-this.rng.int(95, 140));
        break;
      case 'amended_in_time':
        base = this.day(-this.rng.int(35, 60));
        break;
      case 'new_plan':
        base = this.day(-this.rng.int(30, 290));
        reviewed = false;
        break;
      default:
        base = this.day(-this.rng.int(45, 300));
    }

    // Earlier meetings, going back a year at a time; about one in ten was held late.
    const meetings: { date: IsoDateString; onTime: boolean }[] = [];
    let first = base;
    if (reviewed) {
      const maxEarlier = Math.max(0, Math.floor((daysBetween(ctx.child.dateOfBirth, base) - 900) / 400));
      const earlier = Math.min(this.rng.int(0, 4), maxEarlier);
      let cursor = base;
      const chain: { date: IsoDateString; onTime: boolean }[] = [];
      for (let i = 0; i <= earlier; i += 1) {
        // About one meeting in ten was held more than 12 months after the one before (late).
        const onTime = !this.rng.chance(0.1);
        chain.unshift({ date: cursor, onTime });
        cursor = addDays(cursor, -(onTime ? this.rng.int(330, 360) : this.rng.int(372, 400)));
      }
      first = cursor;
      meetings.push(...chain);
    }

    const assessment = this.assessmentHistory(first);
    const keyDates: Plan['keyDates'] = {
      ...assessment,
      planFirstIssued: first,
      finalIssued: first,
      ...(reviewed ? { lastReviewMeeting: base } : {}),
    };
    const phaseTransfer = this.phaseTransfer(ctx.yearGroup);
    this.pushPlan(ctx, { status: 'final_issued', assessmentDecision: 'assess', keyDates, ...(phaseTransfer ? { phaseTransfer } : {}) }, assessment.requestReceived);

    // Held meetings: all but the latest are complete; the latest depends on the category.
    let previous: IsoDateString | undefined;
    meetings.forEach((meeting, index) => {
      const due = annualReviewDue(first, previous);
      this.expect(daysBetween(meeting.date, due) >= 0 === meeting.onTime, `${ctx.ref} meeting ${meeting.date} on time = ${meeting.onTime}`);
      const latest = index === meetings.length - 1;
      const outcome = latest ? this.latestOutcome(ctx, category, meeting.date) : this.completeOutcome(meeting.date, { lateDecision: true, lateAmendment: true });
      this.pushHeld(ctx, index, meeting.date, due, outcome);
      previous = meeting.date;
    });

    // The current cycle.
    const due = annualReviewDue(first, reviewed ? base : undefined);
    const daysToDue = daysBetween(t, due);
    switch (category) {
      case 'review_overdue':
        this.expect(daysToDue <= -4, `${ctx.ref} overdue`);
        this.planted.reviewsOverdue.push(ctx.ref);
        return;
      case 'review_overdue_stale_booking':
        this.expect(daysToDue <= -4, `${ctx.ref} overdue`);
        this.planted.reviewsOverdue.push(ctx.ref);
        this.planted.meetingsNotRecorded.push(ctx.ref);
        this.pushBooking(ctx, due, addDays(due, -this.rng.int(5, 20)), 'booked');
        return;
      case 'review_overdue_late_booking':
        this.expect(daysToDue <= -4, `${ctx.ref} overdue`);
        this.planted.reviewsOverdue.push(ctx.ref);
        this.pushBooking(ctx, due, this.day(this.rng.int(15, 30)), 'booked');
        return;
      case 'review_due_unbooked':
        this.expect(daysToDue >= 0 && daysToDue <= DEMO_DUE_SOON_WEEKS * 7 - 3, `${ctx.ref} due soon`);
        this.planted.reviewsDueWithoutMeeting.push(ctx.ref);
        if (ctx.n !== 2 && this.rng.chance(0.4)) this.pushBooking(ctx, due, addDays(due, -2), 'cancelled');
        return;
      case 'review_due_booked':
        this.expect(daysToDue >= 3, `${ctx.ref} due soon and booked`);
        this.pushBooking(ctx, due, this.day(this.rng.int(1, daysToDue - 1)), this.rng.chance(0.2) ? 'rescheduled' : 'booked');
        return;
      default:
        this.expect(daysToDue > DEMO_DUE_SOON_WEEKS * 7, `${ctx.ref} (${category}) not due within ${DEMO_DUE_SOON_WEEKS} weeks`);
        if (category === 'steady' && daysToDue <= 120 && this.rng.chance(0.5)) {
          this.pushBooking(ctx, due, addDays(due, -this.rng.int(7, 21)), 'booked');
        }
    }
  }

  /** A completed outcome: a decision (sometimes after 4 weeks) and any amended plan (sometimes late). */
  private completeOutcome(meeting: IsoDateString, allow: { lateDecision: boolean; lateAmendment: boolean }): HeldOutcome {
    const decisionLate = allow.lateDecision && this.rng.chance(0.1);
    const decidedOn = addDays(meeting, decisionLate ? this.rng.int(30, 45) : this.rng.int(10, 28));
    const decision: ReviewOutcome = this.rng.chance(0.55) ? 'maintain' : 'amend';
    if (decision === 'maintain') return { decision, decidedOn };
    const finalLate = allow.lateAmendment && this.rng.chance(0.1);
    const finalIssued = finalLate ? addDays(meeting, this.rng.int(90, 110)) : addDays(decidedOn, this.rng.int(20, 50));
    return { decision, decidedOn, amendmentNoticeSent: decidedOn, finalAmendedPlanIssued: finalIssued };
  }

  private latestOutcome(ctx: CaseContext, category: Category, meeting: IsoDateString): HeldOutcome | undefined {
    const deadlines = reviewMeetingDeadlines(meeting);
    const past = (date: IsoDateString): boolean => daysBetween(date, this.today) > 0;
    switch (category) {
      case 'decision_overdue':
        this.expect(past(deadlines.decisionBy), `${ctx.ref} decision overdue`);
        return undefined;
      case 'decision_pending':
        this.expect(!past(deadlines.decisionBy), `${ctx.ref} decision pending in time`);
        return undefined;
      case 'amended_overdue':
      case 'amended_in_time': {
        const decidedOn = addDays(meeting, this.rng.int(14, 28));
        const due = earlierOf(deadlines.finalAmendedPlanBy, finalAmendedPlanDeadline(decidedOn));
        this.expect(past(due) === (category === 'amended_overdue'), `${ctx.ref} ${category}`);
        return { decision: 'amend', decidedOn, amendmentNoticeSent: decidedOn };
      }
      default: {
        // Decided (the meeting was at least 45 days ago); an amended plan not issued yet is still in time.
        const outcome = this.completeOutcome(meeting, { lateDecision: true, lateAmendment: false });
        if (outcome.finalAmendedPlanIssued && daysBetween(outcome.finalAmendedPlanIssued, this.today) < 0) {
          const { finalAmendedPlanIssued: _pending, ...rest } = outcome;
          return rest;
        }
        return outcome;
      }
    }
  }

  private pushPlan(ctx: CaseContext, fields: Omit<Plan, 'id' | 'childId' | 'docType' | 'createdAt' | 'updatedAt'> & { caseworkerId?: StaffId }, createdOn: IsoDateString): void {
    const at = this.stamp(createdOn);
    const unassigned = 'caseworkerId' in fields && fields.caseworkerId === undefined;
    const { caseworkerId: _ignored, ...rest } = fields;
    const plan: Plan = {
      id: ctx.ref,
      childId: ctx.child.id,
      docType: 'plan',
      ...rest,
      ...(unassigned ? {} : { caseworkerId: ctx.caseworkerId }),
      schoolName: ctx.school,
      assessmentRequestId: assessmentRequestId(ctx.child.id, `demo-${ctx.ref}`),
      createdAt: at,
      updatedAt: at,
    };
    this.plans.push(plan);
    const parent = this.parentById.get(`P${pad(ctx.n, 4)}`);
    const received = plan.keyDates.requestReceived ?? createdOn;
    const bySchool = this.rng.chance(0.25);
    this.requests.push({
      id: assessmentRequestId(ctx.child.id, `demo-${ctx.ref}`),
      childId: ctx.child.id,
      docType: 'assessment_request',
      received,
      requester: bySchool
        ? { kind: 'school_or_setting', name: 'SENCO', organisation: ctx.school }
        : { kind: 'parent_carer', name: `${parent?.givenName ?? 'Parent'} ${ctx.child.familyName}`, contactId: `P${pad(ctx.n, 4)}` },
      channel: this.rng.pick(['email', 'web_chat', 'post', 'phone'] as const),
      reassessment: false,
      planRef: ctx.ref,
      idempotencyKey: `demo-${ctx.ref}`,
      createdAt: this.stamp(received),
      updatedAt: this.stamp(received),
    });
  }

  private invitees(ctx: CaseContext): Review['invitees'] {
    const parent = this.parentById.get(`P${pad(ctx.n, 4)}`);
    const caseworker = STAFF_DEFS.find((s) => s.id === ctx.caseworkerId)?.name ?? 'SEN officer';
    const invitees: Review['invitees'] = [
      { role: 'parent_or_young_person', name: `${parent?.givenName ?? 'Parent'} ${ctx.child.familyName}`, ...(parent?.email ? { email: parent.email } : {}) },
      { role: 'head_or_setting', name: 'SENCO', organisation: ctx.school, email: schoolEmail(ctx.school) },
      { role: 'la_sen_officer', name: caseworker, organisation: 'SEND service' },
      { role: 'health_professional', name: 'Named health professional', organisation: 'Integrated Care Board' },
      { role: 'social_care', name: 'Social care officer', organisation: "Children's services" },
    ];
    if (this.rng.chance(0.4)) invitees.push({ role: 'other', name: 'Educational psychologist', organisation: 'Educational psychology service' });
    return invitees;
  }

  private pushHeld(ctx: CaseContext, index: number, meeting: IsoDateString, dueDate: IsoDateString, outcome: HeldOutcome | undefined): void {
    const by = ctx.caseworkerId;
    const bookedOn = addDays(meeting, -this.rng.int(35, 60));
    const invitationsSent = addDays(meeting, -this.rng.int(15, 21));
    const adviceCirculated = addDays(meeting, -14);
    const reportDays = this.rng.int(5, 14);
    // Some reports arrive after the 2 weeks (reg 20(7)), so the report has late ones to count (no random draw: the rest of the data stays the same).
    const reportReceived = addDays(meeting, ctx.n % 11 === 0 ? 15 + (ctx.n % 7) : reportDays);
    const invitees = this.invitees(ctx);
    const history: ReviewHistoryEntry[] = [
      { at: this.stamp(bookedOn, 10), by, change: 'booked', to: meeting },
      { at: this.stamp(invitationsSent, 10), by, change: 'invitations_sent', to: invitationsSent },
      { at: this.stamp(adviceCirculated, 10), by, change: 'advice_circulated', to: adviceCirculated },
      { at: this.stamp(meeting, 16), by, change: 'held', to: meeting },
    ];
    const hasReport = daysBetween(reportReceived, this.today) >= 0;
    if (hasReport) history.push({ at: this.stamp(reportReceived, 10), by, change: 'report_received', to: reportReceived });
    if (outcome) {
      history.push({ at: this.stamp(outcome.decidedOn, 11), by, change: 'decision_recorded', to: outcome.decidedOn, reason: outcome.decision });
      if (outcome.amendmentNoticeSent) history.push({ at: this.stamp(outcome.amendmentNoticeSent, 12), by, change: 'amendment_notice_sent', to: outcome.amendmentNoticeSent });
      if (outcome.finalAmendedPlanIssued)
        history.push({ at: this.stamp(outcome.finalAmendedPlanIssued, 12), by, change: 'final_amended_plan_issued', to: outcome.finalAmendedPlanIssued });
    }
    const attendance: Attendance[] = invitees.map((i) => ({
      role: i.role,
      name: i.name,
      attended: i.role === 'parent_or_young_person' ? this.rng.chance(0.9) : i.role === 'head_or_setting' ? true : this.rng.chance(0.45),
    }));
    const finalOutcome = outcome && (outcome.decision !== 'amend' || outcome.finalAmendedPlanIssued) ? { outcome: outcome.decision } : {};
    const review: Review = {
      id: reviewId(ctx.child.id, ctx.ref, `demo-${ctx.ref}-held-${index}`),
      childId: ctx.child.id,
      planRef: ctx.ref,
      docType: 'review',
      idempotencyKey: `demo-${ctx.ref}-held-${index}`,
      dueDate,
      proposedDate: meeting,
      status: 'held',
      venue: this.rng.chance(0.7) ? { kind: 'in_person', place: ctx.school } : { kind: 'online' },
      invitees,
      history: history.sort((a, b) => a.at.localeCompare(b.at)),
      invitationsSent,
      adviceCirculated,
      meetingHeld: meeting,
      attendance,
      ...(hasReport ? { reportReceived } : {}),
      ...(outcome ? { laDecision: { decision: outcome.decision, decidedOn: outcome.decidedOn } } : {}),
      ...(outcome?.amendmentNoticeSent ? { amendmentNoticeSent: outcome.amendmentNoticeSent } : {}),
      ...(outcome?.finalAmendedPlanIssued ? { finalAmendedPlanIssued: outcome.finalAmendedPlanIssued } : {}),
      ...finalOutcome,
      createdAt: this.stamp(bookedOn, 10),
      updatedAt: history[history.length - 1]?.at ?? this.stamp(meeting),
    };
    this.reviews.push(review);

    // Tally what the timeliness view should report, and plant the late decision and amendment cases.
    const deadlines = reviewMeetingDeadlines(meeting);
    const past = (date: IsoDateString): boolean => daysBetween(date, this.today) > 0;
    this.tallies.push({
      meetingHeld: meeting,
      onTime: daysBetween(meeting, dueDate) >= 0,
      daysLate: daysBetween(dueDate, meeting),
      ...(outcome ? { decision: { decision: outcome.decision, onTime: daysBetween(outcome.decidedOn, deadlines.decisionBy) >= 0 } } : {}),
      ...(hasReport ? { reportReceived } : {}),
      ...(outcome?.decision === 'amend' ? { amended: outcome.finalAmendedPlanIssued ? { issued: outcome.finalAmendedPlanIssued } : {} } : {}),
    });
    if (!outcome && past(deadlines.decisionBy)) this.planted.decisionsOverdue.push(review.id);
    if (outcome?.decision === 'amend' && !outcome.finalAmendedPlanIssued) {
      const due = earlierOf(deadlines.finalAmendedPlanBy, finalAmendedPlanDeadline(outcome.amendmentNoticeSent ?? outcome.decidedOn));
      if (past(due)) this.planted.amendedPlansOverdue.push(review.id);
    }
  }

  private pushBooking(ctx: CaseContext, dueDate: IsoDateString, proposedDate: IsoDateString, status: 'booked' | 'rescheduled' | 'cancelled'): void {
    const by = ctx.caseworkerId;
    const bookedOn = earlierOf(this.day(-this.rng.int(14, 30)), addDays(proposedDate, -28));
    const history: ReviewHistoryEntry[] = [];
    const firstDate = status === 'rescheduled' ? addDays(proposedDate, -7) : proposedDate;
    history.push({ at: this.stamp(bookedOn, 10), by, change: 'booked', to: firstDate });
    if (status === 'rescheduled') {
      const on = earlierOf(this.day(-1), addDays(firstDate, -15));
      history.push({ at: this.stamp(on, 11), by, change: 'rescheduled', from: firstDate, to: proposedDate, reason: 'The school asked for a later date' });
    }
    const invitationsSent = addDays(bookedOn, 1);
    const invited = status !== 'cancelled' && daysBetween(invitationsSent, this.today) >= 0 && daysBetween(invitationsSent, proposedDate) >= 14;
    if (invited) history.push({ at: this.stamp(invitationsSent, 12), by, change: 'invitations_sent', to: invitationsSent });
    if (status === 'cancelled') {
      history.push({ at: this.stamp(this.day(-3), 12), by, change: 'cancelled', reason: 'The family asked to rearrange' });
    }
    const key = `demo-${ctx.ref}-${status}`;
    this.reviews.push({
      id: reviewId(ctx.child.id, ctx.ref, key),
      childId: ctx.child.id,
      planRef: ctx.ref,
      docType: 'review',
      idempotencyKey: key,
      dueDate,
      proposedDate,
      status,
      venue: { kind: 'in_person', place: ctx.school },
      invitees: this.invitees(ctx),
      history: history.sort((a, b) => a.at.localeCompare(b.at)),
      ...(invited ? { invitationsSent } : {}),
      ...(status === 'cancelled' ? { cancellationReason: 'The family asked to rearrange' } : {}),
      createdAt: this.stamp(bookedOn, 10),
      updatedAt: history[history.length - 1]?.at ?? this.stamp(bookedOn, 10),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Complaints and enquiries
  // -------------------------------------------------------------------------------------------

  private buildComplaints(): void {
    type State = 'overdue1' | 'overdue2' | 'open1' | 'open2' | 'closed1' | 'closed2';
    const states = this.rng.shuffle<State>([
      ...Array<State>(3).fill('overdue1'),
      'overdue2',
      ...Array<State>(5).fill('open1'),
      'open2',
      ...Array<State>(22).fill('closed1'),
      ...Array<State>(4).fill('closed2'),
    ]);
    const outcomes: readonly ComplaintOutcome[] = ['upheld', 'partly_upheld', 'not_upheld', 'not_upheld'];
    const drafts = states.map((state, j) => {
      const category = this.rng.pick(['delay', 'delay', 'provision_not_delivered', 'communication', 'plan_content', 'other'] as const);
      const childNo = this.rng.int(1, this.childCount);
      const linked = this.rng.chance(0.8);
      const parent = this.parentById.get(`P${pad(childNo, 4)}`);
      const preference = this.rng.chance(0.75) ? ('email' as const) : ('phone' as const);
      const contact =
        linked && parent
          ? { name: `${parent.givenName} ${parent.familyName}`, email: parent.email, phone: parent.phone, contactId: parent.id }
          : { name: `${this.rng.pick(PARENT_NAMES)} ${this.rng.pick(FAMILY_NAMES)}`, email: `complainant.${j + 1}@example.org`, phone: dramaPhone(800 + j) };
      const handler = this.rng.pick(CASEWORKERS);
      let stage1: { received: IsoDateString; acknowledged?: IsoDateString; responded?: IsoDateString; outcome?: ComplaintOutcome };
      let stage2: typeof stage1 | undefined;
      switch (state) {
        case 'overdue1': {
          const received = this.day(-this.rng.int(35, 70));
          stage1 = { received, acknowledged: addDays(received, this.rng.int(1, 3)) };
          break;
        }
        case 'overdue2':
        case 'closed2':
        case 'open2': {
          const received = this.day(-this.rng.int(state === 'closed2' ? 150 : 120, state === 'closed2' ? 360 : 160));
          const acknowledged = addDays(received, 2);
          stage1 = { received, acknowledged, responded: addDays(acknowledged, 12), outcome: 'not_upheld' };
          const received2 =
            state === 'overdue2' ? this.day(-this.rng.int(50, 60)) : state === 'open2' ? this.day(-this.rng.int(1, 4)) : addDays(acknowledged, this.rng.int(20, 35));
          const acknowledged2 = state === 'open2' ? undefined : addDays(received2, 3);
          stage2 = {
            received: received2,
            ...(acknowledged2 ? { acknowledged: acknowledged2 } : {}),
            ...(state === 'closed2' && acknowledged2 ? { responded: addDays(acknowledged2, this.rng.int(15, 27)), outcome: this.rng.pick(outcomes) } : {}),
          };
          break;
        }
        case 'open1': {
          const received = this.day(-this.rng.int(0, 5));
          stage1 = daysBetween(received, this.today) >= 1 ? { received, acknowledged: addDays(received, 1) } : { received };
          break;
        }
        default: {
          const received = this.day(-this.rng.int(20, 360));
          const acknowledged = addDays(received, this.rng.int(1, 4));
          stage1 = { received, acknowledged, responded: addDays(acknowledged, this.rng.int(5, 14)), outcome: this.rng.pick(outcomes) };
        }
      }
      return { state, category, childId: linked ? (`C${pad(childNo, 4)}` as ChildId) : undefined, contact, preference, handler, stage1, stage2 };
    });

    drafts.sort((a, b) => a.stage1.received.localeCompare(b.stage1.received));
    const counters = new Map<number, number>();
    // The first two complaints answered at stage 2 went on to the Ombudsman a month later (no random draw).
    let referrals = 0;
    for (const draft of drafts) {
      const year = Number(draft.stage1.received.slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      const ref = complaintRef(year, n);
      const current = draft.stage2 ?? draft.stage1;
      const created = this.stamp(draft.stage1.received, 11);
      const complaint: Complaint = {
        id: ref,
        docType: 'complaint',
        stage: draft.stage2 ? 2 : 1,
        category: draft.category,
        ...(draft.childId ? { childId: draft.childId } : {}),
        summary: this.rng.pick(COMPLAINT_SUMMARIES[draft.category]),
        received: current.received,
        ...(current.acknowledged ? { acknowledged: current.acknowledged } : {}),
        ...(current.responded ? { responded: current.responded, outcome: current.outcome ?? 'not_upheld' } : {}),
        handlerId: draft.stage2 ? 'S007' : draft.handler,
        previousStages: draft.stage2 ? [{ stage: 1, ...draft.stage1, handlerId: draft.handler }] : [],
        ...(draft.stage2?.responded && referrals < 2 && addDays(draft.stage2.responded, 30) <= this.today
          ? { ombudsmanReferred: addDays(draft.stage2.responded, 30 + referrals++) }
          : {}),
        contact: draft.contact,
        contactPreference: draft.preference,
        channel: this.rng.pick(['web_chat', 'email', 'email', 'phone'] as const),
        createdAt: created,
        updatedAt: this.stamp(current.responded ?? current.acknowledged ?? current.received, 15),
      };
      this.complaints.push(complaint);
      const late = !complaint.responded && daysBetween(complaintDeadlines(complaint.received, complaint.stage, complaint.acknowledged).respondBy, this.today) > 0;
      this.expect(late === draft.state.startsWith('overdue'), `${ref} (${draft.state}) late = ${late}`);
      if (late) this.planted.complaintsOverdue.push(ref);
    }
  }

  private buildEnquiries(): void {
    const days = Array.from({ length: 48 }, () => this.rng.int(0, 180)).sort((a, b) => b - a);
    const counters = new Map<number, number>();
    days.forEach((daysAgo, i) => {
      const createdOn = this.day(-daysAgo);
      const year = Number(createdOn.slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      const createdAt = this.stamp(createdOn, 10 + (i % 7));
      const childNo = this.rng.int(1, this.childCount);
      const parent = this.parentById.get(`P${pad(childNo, 4)}`);
      const share = this.rng.chance(0.5);
      const status: Enquiry['status'] =
        daysAgo <= 3 ? 'new' : daysAgo > 30 && this.rng.chance(0.6) ? 'closed' : this.rng.pick(['assigned', 'assigned', 'waiting_for_family', 'new'] as const);
      const assigneeId = status === 'new' ? undefined : this.rng.pick(ADVISERS);
      const notes: Enquiry['notes'] = [];
      const acknowledgedOn = addDays(createdOn, 1);
      const acknowledged = status !== 'new' || daysBetween(acknowledgedOn, this.today) >= 0;
      if (assigneeId) notes.push({ at: this.stamp(acknowledgedOn, 12), by: assigneeId, text: `Assigned to ${assigneeId}.` });
      const closedOn = status === 'closed' ? addDays(createdOn, this.rng.int(3, Math.min(30, daysAgo))) : undefined;
      if (closedOn && assigneeId) notes.push({ at: this.stamp(closedOn, 15), by: assigneeId, text: 'Advice given; enquiry closed.' });
      const open = status !== 'closed';
      const hearing = open && this.rng.chance(0.12) ? this.day(this.rng.int(5, 70)) : undefined;
      const childId = `C${pad(childNo, 4)}` as ChildId;
      this.enquiries.push({
        id: enquiryRef(year, n),
        queue: SENDIAS_QUEUE,
        docType: 'enquiry',
        contact: {
          name: `${parent?.givenName ?? 'Parent'} ${parent?.familyName ?? 'Unknown'}`,
          ...(parent?.email ? { email: parent.email } : {}),
          ...(parent?.phone ? { phone: parent.phone } : {}),
          ...(parent ? { contactId: parent.id } : {}),
        },
        contactPreference: 'email',
        consent: { storeAndContact: true, shareCasework: share, givenAt: createdAt },
        channel: this.rng.pick(['web_chat', 'web_chat', 'phone', 'email'] as const),
        text: this.rng.pick(ENQUIRY_TEXTS),
        sharedCaseRefs: share ? [childId, planRef(childNo)] : [],
        status,
        ...(assigneeId ? { assigneeId } : {}),
        notes,
        priority: {
          outOfSchool: open && this.rng.chance(0.15),
          safeguarding: open && this.rng.chance(0.05),
          ...(hearing ? { tribunalHearing: hearing } : {}),
        },
        createdAt,
        ...(acknowledged && daysBetween(acknowledgedOn, this.today) >= 0 ? { acknowledgedAt: this.stamp(acknowledgedOn, 9) } : {}),
        ...(closedOn ? { closedAt: this.stamp(closedOn, 15), ttl: CLOSED_ENQUIRY_RETENTION_SECONDS } : {}),
        updatedAt: this.stamp(closedOn ?? createdOn, 16),
      });
    });
  }

  // -------------------------------------------------------------------------------------------
  // Expectations and personas
  // -------------------------------------------------------------------------------------------

  private expectedTimeliness(): ExpectedTimeliness {
    const from = this.day(-364);
    const to = this.today;
    const inPeriod = this.tallies.filter((t) => t.meetingHeld >= from && t.meetingHeld <= to);
    const byDecision: Record<ReviewOutcome | 'pending', number> = { maintain: 0, amend: 0, cease: 0, pending: 0 };
    let decisionsOnTime = 0;
    let decisionsLate = 0;
    let decisionsPending = 0;
    for (const t of inPeriod) {
      if (t.decision) {
        byDecision[t.decision.decision] += 1;
        if (t.decision.onTime) decisionsOnTime += 1;
        else decisionsLate += 1;
      } else {
        byDecision.pending += 1;
        if (daysBetween(reviewMeetingDeadlines(t.meetingHeld).decisionBy, this.today) > 0) decisionsLate += 1;
        else decisionsPending += 1;
      }
    }
    const late = inPeriod
      .filter((t) => !t.onTime)
      .map((t) => t.daysLate)
      .sort((a, b) => a - b);
    const mid = Math.floor(late.length / 2);
    const isPast = (date: IsoDateString): boolean => daysBetween(date, this.today) > 0;
    const reportBy = (t: HeldTally): IsoDateString => reviewMeetingDeadlines(t.meetingHeld).reportBy;
    const amendBy = (t: HeldTally): IsoDateString => reviewMeetingDeadlines(t.meetingHeld).finalAmendedPlanBy;
    const amends = inPeriod.filter((t) => t.amended);
    return {
      from,
      to,
      held: inPeriod.length,
      heldOnTime: inPeriod.filter((t) => t.onTime).length,
      decisionsOnTime,
      decisionsLate,
      decisionsPending,
      byDecision,
      daysLateMedian: late.length === 0 ? null : late.length % 2 ? late[mid]! : (late[mid - 1]! + late[mid]!) / 2,
      daysLateWorst: late.length ? late[late.length - 1]! : null,
      reportsOnTime: inPeriod.filter((t) => t.reportReceived && t.reportReceived <= reportBy(t)).length,
      reportsLate: inPeriod.filter((t) => (t.reportReceived ? t.reportReceived > reportBy(t) : isPast(reportBy(t)))).length,
      reportsPending: inPeriod.filter((t) => !t.reportReceived && !isPast(reportBy(t))).length,
      amendDecisions: amends.length,
      amendedOnTime: amends.filter((t) => t.amended?.issued && t.amended.issued <= amendBy(t)).length,
      amendedLate: amends.filter((t) => (t.amended?.issued ? t.amended.issued > amendBy(t) : isPast(amendBy(t)))).length,
      amendedPending: amends.filter((t) => !t.amended?.issued && !isPast(amendBy(t))).length,
    };
  }

  private personas(): DemoPersonas {
    const parent = (n: number): DemoParentPersona => {
      const contact = this.parentById.get(`P${pad(n, 4)}`);
      const child = this.children[n - 1];
      const plan = this.plans.find((p) => p.id === planRef(n));
      if (!contact || !child || !plan) throw new Error(`generateDemoData(): persona ${n} is missing`);
      const due = plan.status === 'final_issued' && plan.keyDates.planFirstIssued ? annualReviewDue(plan.keyDates.planFirstIssued, plan.keyDates.lastReviewMeeting) : undefined;
      return {
        contactId: contact.id,
        name: `${contact.givenName} ${contact.familyName}`,
        email: contact.email ?? '',
        phone: contact.phone ?? '',
        childId: child.id,
        childName: `${child.givenName} ${child.familyName}`,
        childDateOfBirth: child.dateOfBirth,
        planRef: plan.id,
        planStatus: plan.status,
        ...(due ? { reviewDue: due } : {}),
      };
    };
    const staff = (id: StaffId): DemoStaffPersona => {
      const member = this.staff.find((s) => s.id === id);
      if (!member) throw new Error(`generateDemoData(): staff ${id} is missing`);
      return { staffId: member.id, displayName: member.displayName, aadObjectId: member.aadObjectId, roles: member.roles };
    };
    return {
      parentWithPlanInAssessment: parent(1),
      parentWithReviewDue: parent(2),
      parentWithReviewBooked: parent(3),
      caseworker: staff('S001'),
      teamManager: staff('S007'),
      sendiasAdviser: staff('S008'),
      knowledgeEditor: staff('S010'),
    };
  }
}

interface CaseContext {
  readonly n: number;
  readonly child: Child;
  readonly ref: PlanRef;
  readonly caseworkerId: StaffId;
  readonly yearGroup: number;
  readonly school: string;
}

interface HeldOutcome {
  readonly decision: ReviewOutcome;
  readonly decidedOn: IsoDateString;
  readonly amendmentNoticeSent?: IsoDateString;
  readonly finalAmendedPlanIssued?: IsoDateString;
}

function sorted<T extends string>(items: readonly T[]): T[] {
  return [...items].sort();
}

/** A school's SENCO address in the demo data: example.org, so nothing reaches a real school. */
function schoolEmail(school: string): string {
  return `senco@${school
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example.org`;
}
