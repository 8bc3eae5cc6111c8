import assert from 'node:assert/strict';
import { PLAN_LIST_MEASURES, RECORD_CONTAINERS, createRecords, fixedClock, markReportFactsStale, type ReportFilter, type ReportPeriods } from '../../../bot/records';
import { CONTAINER_IDS } from '../../../bot/records/containers';
import { seedDemoData } from '../../../bot/records/demo-seed';
import { planStore } from '../../../bot/records/plans';
import { addDays } from '../../../bot/statutory';
import { openCosmos } from '../../../bot/storage/cosmos';
import { CountingCosmos } from '../../helpers/cosmos';
import { finalPlanInput, openRecordsFixture, recordsOn, REVIEW_INVITEES, type RecordsFixture } from '../../helpers/records-cosmos';

const TODAY = '2026-12-07';
const PERIODS: ReportPeriods = { year: { from: '2025-12-01', to: TODAY }, month: { from: '2026-11-01', to: '2026-11-30' } };
const OLDER: ReportPeriods = { year: { from: '2024-01-01', to: '2025-06-30' }, month: { from: '2026-11-01', to: '2026-11-30' } };

/**
 * The compliance report is counted from its facts (bot/records/report-facts.ts), kept up to date as
 * records are written, not by reading every plan. These tests hold the facts to a full recount of
 * the same records: for every filter and every plan list, on the demo data, and again after the
 * writes that move a record from one month, caseworker or state to another.
 */
describe('the report’s facts equal a full recount of the records', function () {
  this.timeout(180_000);
  let fx: RecordsFixture;
  let schools: string[];

  before(async () => {
    fx = await openRecordsFixture(TODAY);
    await seedDemoData(fx.handle, { today: TODAY });
    schools = await fx.records.compliance.schools();
  });
  after(async () => {
    await fx?.close();
  });

  const filters = (): [string, ReportFilter][] => [
    ['every plan', {}],
    ['caseworker S001', { caseworkerId: 'S001' }],
    ['caseworker S002', { caseworkerId: 'S002' }],
    [`school ${schools[0]}`, { school: schools[0]! }],
    ['phase secondary', { phase: 'secondary' }],
    ['phase early years', { phase: 'early_years' }],
    ['caseworker S001, phase primary', { caseworkerId: 'S001', phase: 'primary' }],
  ];

  async function assertEqualsRecount(when: string, today = TODAY): Promise<void> {
    const c = fx.records.compliance;
    for (const periods of [PERIODS, OLDER]) {
      for (const [label, filter] of filters()) {
        const facts = await c.report(today, periods, filter);
        const recount = await c.report(today, periods, filter, { recount: true });
        assert.deepEqual(facts, recount, `${when}: ${label}, ${periods.year.from} to ${periods.year.to}`);
      }
    }
    for (const [label, filter] of filters().slice(0, 3)) {
      for (const measure of PLAN_LIST_MEASURES) {
        const facts = await c.planList(today, PERIODS.year, filter, measure);
        const recount = await c.planList(today, PERIODS.year, filter, measure, { recount: true });
        assert.deepEqual(facts, recount, `${when}: plans behind ${measure}, ${label}`);
      }
    }
  }

  it('on the demo data, for every filter, period and plan list (and the figures are not all zero)', async () => {
    await assertEqualsRecount('demo data');
    const report = await fx.records.compliance.report(TODAY, PERIODS);
    assert.ok(
      report.year.held > 100 && report.now.reviewsOverdue > 0 && report.complaints.stages[0]!.received > 0 && report.phaseTransfers.transfers.length > 0,
      JSON.stringify(report.now),
    );
  });

  it('after a plan moves to another caseworker and another school, and a plan ceases', async () => {
    const { plans } = fx.records;
    const finals = (await plans.list({ statuses: ['final_issued'] })).filter((p) => p.caseworkerId === 'S001');
    await plans.assignCaseworker(finals[0]!, 'S002');
    const moved = (await plans.get(finals[1]!.id))!;
    await plans.replace({ ...moved, schoolName: schools[1]! });
    await plans.cease((await plans.get(finals[2]!.id))!, TODAY, 'no_longer_necessary');
    await assertEqualsRecount('after moves');
  });

  it('after a meeting is booked, moved to another month, cancelled, and a late meeting is recorded months afterwards', async () => {
    const { plans, reviews } = fx.records;
    const finals = (await plans.list({ statuses: ['final_issued'] })).slice(10, 20);
    const booked = [];
    for (const [i, plan] of finals.entries()) {
      const open = (await reviews.forPlan(plan.id, plan.childId)).filter((r) => r.status === 'booked' || r.status === 'rescheduled');
      if (open.length > 0) continue;
      booked.push(
        await reviews.book({
          plan,
          proposedDate: addDays(TODAY, 20 + i),
          venue: { kind: 'online' },
          invitees: REVIEW_INVITEES,
          bookedBy: 'S001',
          idempotencyKey: `facts-${plan.id}`,
        }),
      );
    }
    assert.ok(booked.length >= 3, 'some plans had no meeting booked');
    await reviews.reschedule(booked[0]!, { to: addDays(TODAY, 60), reason: 'The school asked for a later date.', by: 'S001' });
    await reviews.cancel((await reviews.get(booked[1]!.id))!, { reason: 'Booked by mistake.', by: 'S001' });
    await assertEqualsRecount('after booking, moving and cancelling');

    // A meeting booked about two months ago for six weeks ago, recorded as held only today: it counts in the month it was held, with its decision late.
    const overdue = (await fx.records.compliance.reviewsOverdue(TODAY)).filter((o) => !o.bookedMeeting).slice(0, 2);
    assert.equal(overdue.length, 2);
    const thenRecords = recordsOn(fx.handle, addDays(TODAY, -60));
    const heldOn = addDays(TODAY, -42);
    const before = await fx.records.compliance.report(TODAY, PERIODS);
    for (const o of overdue) {
      const r = await thenRecords.reviews.book({
        plan: o.record,
        proposedDate: heldOn,
        venue: { kind: 'online' },
        invitees: REVIEW_INVITEES,
        bookedBy: 'S001',
        idempotencyKey: `late-${o.record.id}`,
      });
      const recorded = await reviews.recordHeld(r, { on: heldOn, by: 'S001', attendance: [] });
      await reviews.recordDecision(recorded, { on: TODAY, by: 'S001', decision: 'amend' });
    }
    const after = await fx.records.compliance.report(TODAY, PERIODS);
    assert.equal(after.year.held, before.year.held + 2, 'both late recordings count in the year');
    assert.equal(after.year.decisionsLate, before.year.decisionsLate + 2, 'decided 6 weeks after the meeting: late (reg 20(10))');
    await assertEqualsRecount('after a late recording');
  });

  it('after complaints are made, answered, escalated and taken to the Ombudsman', async () => {
    const { complaints } = fx.records;
    const childId = (await fx.records.plans.list({ caseworkerId: 'S001' }))[0]!.childId;
    const base = { summary: 'No reply to my email.', contact: { name: 'Amy Abbott', email: 'parent.p0001@example.org' }, contactPreference: 'email', channel: 'web_chat' } as const;
    const withChild = await complaints.create({ ...base, category: 'communication', childId, received: addDays(TODAY, -30) });
    await complaints.create({ ...base, category: 'delay', received: addDays(TODAY, -3) });
    const answered = await complaints.respond(await complaints.acknowledge(withChild, addDays(TODAY, -28)), { on: addDays(TODAY, -2), outcome: 'not_upheld' });
    const escalated = await complaints.escalate(answered, TODAY);
    const old = (await complaints.all()).find((c) => c.responded && !c.ombudsmanReferred && c.id !== escalated.id)!;
    await complaints.recordOmbudsmanReferral(old, TODAY);
    await assertEqualsRecount('after complaints');
  });

  it('a month later, when what was due soon has become overdue', async () => {
    const later = addDays(TODAY, 45);
    const c = fx.records.compliance;
    const periods: ReportPeriods = { year: { from: '2026-01-01', to: later }, month: { from: '2026-12-01', to: '2026-12-31' } };
    for (const [label, filter] of filters()) {
      assert.deepEqual(await c.report(later, periods, filter), await c.report(later, periods, filter, { recount: true }), label);
    }
  });

  it('rebuilds the facts when records were written around the repositories', async () => {
    const plan = (await fx.records.compliance.reviewsOverdue(TODAY)).find((o) => o.record.caseworkerId !== 'S003')!.record;
    await fx.records.compliance.report(TODAY, PERIODS); // the facts are built
    // As the demo seeder writes: straight to the container, so the facts are not told.
    await planStore(fx.handle.container(CONTAINER_IDS.cases)).replace({ ...plan, caseworkerId: 'S003' }, plan.etag, 'test');
    const before = await fx.records.compliance.report(TODAY, PERIODS, { caseworkerId: 'S003' });
    assert.notDeepEqual(before, await fx.records.compliance.report(TODAY, PERIODS, { caseworkerId: 'S003' }, { recount: true }), 'the facts had not been told');
    await markReportFactsStale(fx.handle.container(CONTAINER_IDS.reportFacts));
    await assertEqualsRecount('after a rebuild');
  });

  it('a failed refresh keeps the record, marks the facts stale, and the next report rebuilds them', async () => {
    const facts = fx.records.reportFacts as unknown as { writeSubject: (...args: unknown[]) => Promise<void> };
    const original = facts.writeSubject;
    facts.writeSubject = () => Promise.reject(new Error('Cosmos unreachable'));
    try {
      const plan = (await fx.records.plans.list({ statuses: ['final_issued'] }))[40]!;
      const saved = await fx.records.plans.assignCaseworker(plan, 'S004');
      assert.equal(saved.caseworkerId, 'S004', 'the record is saved whatever happens to the facts');
    } finally {
      facts.writeSubject = original;
    }
    await assertEqualsRecount('after a failed refresh');
  });
});

describe('the report from its facts: a bounded number of Cosmos requests', function () {
  this.timeout(120_000);

  it('is one point read and one query whatever the number of plans, where a recount queries every record', async () => {
    const counting = await CountingCosmos.start();
    const handle = await openCosmos({ databaseId: 'facts-requests', createIfMissing: true }, RECORD_CONTAINERS, { shared: counting.embedded });
    try {
      await seedDemoData(handle, { today: TODAY });
      const records = createRecords(handle, fixedClock(`${TODAY}T12:00:00.000Z`));
      await records.compliance.report(TODAY, PERIODS); // the first report after seeding builds the facts
      const cost = async (recount: boolean): Promise<string[]> => {
        const mark = counting.mark;
        await records.compliance.report(TODAY, PERIODS, { phase: 'primary' }, { recount });
        return counting.since(mark).map((r) => r.kind);
      };
      // The meta document, then one query for the documents' eTags (the SDK asks for its query plan first); nothing it already holds is read again.
      assert.deepEqual(await cost(false), ['read', 'query', 'query']);
      const recount = await cost(true);
      assert.ok(recount.length >= 5, `a recount queries plans, meetings, complaints and children: ${recount.join(', ')}`);
    } finally {
      await handle.close();
      await counting.close();
    }
  });
});

/**
 * The edges of the calendar, counted the same from the facts and by a recount: a meeting on the last
 * day of a month and one on the first of the next, a plan first issued on 29 February (its review is
 * due on 28 February the next year), and a complaint received just before Christmas, whose
 * acknowledgement deadline skips the bank holidays.
 */
describe('the report at the edges of the calendar', function () {
  this.timeout(120_000);
  const today = '2027-02-10';
  let fx: RecordsFixture;

  before(async () => {
    fx = await openRecordsFixture(today);
    await fx.records.children.create({ id: 'C0001', givenName: 'Ada', familyName: 'Leap', dateOfBirth: '2015-05-01' });
    await fx.records.children.create({ id: 'C0002', givenName: 'Ben', familyName: 'Leap', dateOfBirth: '2015-06-01' });
    const inLeapYear = recordsOn(fx.handle, '2024-02-29');
    const onTime = await inLeapYear.plans.create(finalPlanInput('C0001', '2024-02-29'));
    const late = await inLeapYear.plans.create(finalPlanInput('C0002', '2024-02-29'));
    const booking = recordsOn(fx.handle, '2025-02-01');
    const held = async (plan: typeof onTime, on: string): Promise<void> => {
      const r = await booking.reviews.book({ plan, proposedDate: on, venue: { kind: 'online' }, invitees: REVIEW_INVITEES, bookedBy: 'S001', idempotencyKey: `edge-${plan.id}` });
      const recorded = await recordsOn(fx.handle, on).reviews.recordHeld(r, { on, by: 'S001', attendance: [] });
      await recordsOn(fx.handle, on).reviews.recordDecision(recorded, { on, by: 'S001', decision: 'maintain' });
    };
    await held(onTime, '2025-02-28');
    await held(late, '2025-03-01');
    const base = {
      category: 'delay',
      summary: 'No reply to my email.',
      contact: { name: 'Amy Abbott', email: 'parent.p0001@example.org' },
      contactPreference: 'email',
      channel: 'web_chat',
    } as const;
    const a = await fx.records.complaints.create({ ...base, received: '2026-12-23' });
    const b = await fx.records.complaints.create({ ...base, received: '2026-12-23' });
    await fx.records.complaints.acknowledge(a, '2027-01-04');
    await fx.records.complaints.acknowledge(b, '2027-01-05');
  });
  after(async () => {
    await fx?.close();
  });

  for (const recount of [false, true]) {
    it(`counts each on the right side of its date (${recount ? 'by a recount' : 'from the facts'})`, async () => {
      const c = fx.records.compliance;
      const reviews = await c.report(today, { year: { from: '2025-02-01', to: '2025-03-31' }, month: { from: '2025-02-01', to: '2025-02-28' } }, {}, { recount });
      assert.deepEqual(
        reviews.months.map((m) => [m.from, m.held, m.heldOnTime, m.heldLate, m.daysLateWorst]),
        [
          ['2025-02-01', 1, 1, 0, null],
          ['2025-03-01', 1, 0, 1, 1],
        ],
        'due 28 February 2025 (12 months from 29 February 2024): held that day on time, the next day 1 day late',
      );
      assert.deepEqual(
        reviews.reviewsDue.months.map((m) => [m.from, m.due, m.heldOnTime, m.heldLate, m.notHeld]),
        [
          ['2025-02-01', 2, 1, 1, 0],
          ['2025-03-01', 0, 0, 0, 0],
        ],
        'both reviews fell due in February, whichever month the meeting was held in',
      );
      const complaints = await c.report(today, { year: { from: '2026-12-01', to: today }, month: { from: '2027-01-01', to: '2027-01-31' } }, {}, { recount });
      const stage1 = complaints.complaints.stages[0]!;
      assert.deepEqual(
        [stage1.received, stage1.acknowledgedOnTime, stage1.acknowledgedLate],
        [2, 1, 1],
        'acknowledge by Monday 4 January 2027: 5 working days, skipping 25 and 28 December and 1 January',
      );
    });
  }
});
