import assert from 'node:assert/strict';
import type { DemoData } from '../../../bot/records/demo-data';
import { monthsOf } from '../../../bot/records/compliance';
import { seedDemoData, type SeedResult } from '../../../bot/records/demo-seed';
import { openRecordsFixture, recordsOn, type RecordsFixture } from '../../helpers/records-cosmos';

const TODAY = '2026-03-05';

describe('Compliance views over the seeded demo data (embedded Cosmos)', function () {
  this.timeout(120_000);
  let fx: RecordsFixture;
  let seeded: SeedResult;
  let data: DemoData;

  before(async () => {
    fx = await openRecordsFixture(TODAY);
    seeded = await seedDemoData(fx.handle, { seed: 2014, today: TODAY });
    data = seeded.data;
  });
  after(async () => {
    await fx.close();
  });

  it('finds exactly the overdue annual reviews the generator planted', async () => {
    const items = await fx.records.compliance.reviewsOverdue(TODAY);
    assert.deepEqual(items.map((i) => i.record.id).sort(), data.planted.reviewsOverdue);
    for (const item of items) {
      assert.equal(item.deadline.kind, 'annual_review');
      assert.ok(item.deadline.date < TODAY);
      assert.ok(item.daysLate >= 1);
      assert.equal(item.deadline.source, 'Children and Families Act 2014, section 44(1)');
    }
    assert.ok(
      items.some((i) => i.bookedMeeting !== undefined),
      'a meeting booked but never recorded is shown with the plan',
    );
  });

  it('finds exactly the reviews due within 8 weeks with no meeting booked', async () => {
    const items = await fx.records.compliance.reviewsDueWithoutMeeting(TODAY, data.planted.reviewsDueWithoutMeeting.weeks);
    assert.deepEqual(items.map((i) => i.record.id).sort(), data.planted.reviewsDueWithoutMeeting.planRefs);
    assert.ok(items.every((i) => i.daysLeft >= 0 && i.daysLeft <= 56));
    assert.ok(items.map((i) => i.record.id).includes('EHC-000002'), 'persona C0002 has a review due and nothing booked');
  });

  it('finds exactly the meetings with no decision after 4 weeks', async () => {
    const items = await fx.records.compliance.decisionsOverdue(TODAY);
    assert.deepEqual(items.map((i) => i.record.id).sort(), data.planted.decisionsOverdue);
    assert.ok(items.every((i) => i.deadline.kind === 'review_decision' && i.daysLate > 0));
  });

  it('finds exactly the amended plans past their deadline', async () => {
    const items = await fx.records.compliance.amendedPlansOverdue(TODAY);
    assert.deepEqual(items.map((i) => i.record.id).sort(), data.planted.amendedPlansOverdue);
  });

  it('finds exactly the assessments past week 6, 16 or 20 without the next step', async () => {
    const items = await fx.records.compliance.assessmentsOverdue(TODAY);
    const found = items.map((i) => ({ planRef: i.record.id, kind: i.deadline.kind })).sort((a, b) => `${a.planRef}${a.kind}`.localeCompare(`${b.planRef}${b.kind}`));
    assert.deepEqual(found, data.planted.assessmentsOverdue);
    assert.ok(!items.some((i) => i.record.id === 'EHC-000001'), 'persona C0001 is in assessment and in time');
  });

  it('finds exactly the complaints past their response date', async () => {
    const items = await fx.records.compliance.complaintsOverdue(TODAY);
    assert.deepEqual(items.map((i) => i.record.id).sort(), data.planted.complaintsOverdue);
    assert.ok(items.every((i) => i.deadline.kind === 'complaint_response' && i.daysLate > 0));
  });

  it("limits every view to one caseworker's caseload", async () => {
    const caseload = new Set(data.plans.filter((p) => p.caseworkerId === 'S001').map((p) => p.id));
    const children = new Set(data.plans.filter((p) => p.caseworkerId === 'S001').map((p) => p.childId));
    const planOf = new Map(data.reviews.map((r) => [r.id, r.planRef]));
    const complaintChild = new Map(data.complaints.map((c) => [c.id, c.childId]));
    const v = fx.records.compliance;
    const f = { caseworkerId: 'S001' };
    assert.deepEqual(
      (await v.reviewsOverdue(TODAY, f)).map((i) => i.record.id).sort(),
      data.planted.reviewsOverdue.filter((r) => caseload.has(r)),
    );
    assert.deepEqual(
      (await v.reviewsDueWithoutMeeting(TODAY, 8, f)).map((i) => i.record.id).sort(),
      data.planted.reviewsDueWithoutMeeting.planRefs.filter((r) => caseload.has(r)),
    );
    assert.deepEqual(
      (await v.decisionsOverdue(TODAY, f)).map((i) => i.record.id).sort(),
      data.planted.decisionsOverdue.filter((id) => caseload.has(planOf.get(id) ?? '')),
    );
    assert.deepEqual(
      (await v.amendedPlansOverdue(TODAY, f)).map((i) => i.record.id).sort(),
      data.planted.amendedPlansOverdue.filter((id) => caseload.has(planOf.get(id) ?? '')),
    );
    assert.deepEqual(
      (await v.assessmentsOverdue(TODAY, f)).map((i) => `${i.record.id}:${i.deadline.kind}`).sort(),
      data.planted.assessmentsOverdue
        .filter((a) => caseload.has(a.planRef))
        .map((a) => `${a.planRef}:${a.kind}`)
        .sort(),
    );
    assert.deepEqual(
      (await v.complaintsOverdue(TODAY, f)).map((i) => i.record.id).sort(),
      data.planted.complaintsOverdue.filter((ref) => children.has(complaintChild.get(ref) ?? '')),
    );
  });

  it('gives the report’s figures from one read, the same as each view on its own', async () => {
    const year = { from: data.expectedTimeliness.from, to: TODAY };
    const month = { from: '2026-02-01', to: '2026-02-28' };
    for (const filter of [{}, { caseworkerId: 'S001' as const }]) {
      const v = fx.records.compliance;
      const { complaints, phaseTransfers, reviewsDue, ...rest } = await v.report(TODAY, { year, month }, filter);
      assert.ok(complaints.stages.length === 2 && phaseTransfers.transfers.length >= 0);
      // Reviews by the date they fell due: each meeting held for a review due in the year, and each review due in it still overdue.
      const plans = new Set((await fx.records.plans.list(filter)).map((p) => p.id));
      const heldFor = data.reviews.filter((r) => plans.has(r.planRef) && r.status === 'held' && r.dueDate >= year.from && r.dueDate <= year.to);
      const overdue = (await v.reviewsOverdue(TODAY, filter)).filter((o) => o.deadline.date >= year.from && o.deadline.date <= year.to);
      assert.deepEqual(reviewsDue.year, {
        ...year,
        due: heldFor.length + overdue.length,
        heldOnTime: heldFor.filter((r) => r.meetingHeld! <= r.dueDate).length,
        heldLate: heldFor.filter((r) => r.meetingHeld! > r.dueDate).length,
        notHeld: overdue.length,
      });
      assert.ok(reviewsDue.year.heldLate > 0 && reviewsDue.year.notHeld > 0, JSON.stringify(reviewsDue.year));
      assert.deepEqual(rest, {
        year: await v.reviewTimeliness({ ...year, today: TODAY }, filter),
        lastMonth: await v.reviewTimeliness({ ...month, today: TODAY }, filter),
        months: await Promise.all(monthsOf(year).map((m) => v.reviewTimeliness({ ...m, today: TODAY }, filter))),
        newPlans: await v.newPlanTimeliness(year, filter),
        now: await v.summary(TODAY, filter),
      });
    }
  });

  it('counts reviews held on time in the last year, and the decisions by outcome', async () => {
    const expected = data.expectedTimeliness;
    const counts = await fx.records.compliance.reviewTimeliness({ from: expected.from, to: expected.to, today: TODAY });
    assert.deepEqual(counts, { ...expected, heldLate: expected.held - expected.heldOnTime });
    assert.ok(counts.held > 100 && counts.heldLate > 0 && counts.byDecision.amend > 0);
    assert.ok(counts.reportsLate > 0 && counts.reportsOnTime > 0 && counts.amendDecisions > 0 && counts.daysLateWorst! > 0, 'every measure has cases of both kinds');
  });

  it('counts complaints against their targets and the Ombudsman referrals the demo data plants, and the phase transfers', async () => {
    const year = { from: data.expectedTimeliness.from, to: TODAY };
    const r = await fx.records.compliance.report(TODAY, { year, month: { from: '2026-02-01', to: '2026-02-28' } });
    // A recount from the generated records: every stage received in the period.
    const stages = data.complaints.flatMap((c) => [...c.previousStages, { stage: c.stage, received: c.received }]).filter((s) => s.received >= year.from && s.received <= TODAY);
    assert.deepEqual(
      r.complaints.stages.map((s) => s.received),
      [stages.filter((s) => s.stage === 1).length, stages.filter((s) => s.stage === 2).length],
    );
    assert.equal(r.complaints.ombudsmanReferrals, data.complaints.filter((c) => c.ombudsmanReferred && c.ombudsmanReferred >= year.from).length);
    assert.ok(r.complaints.ombudsmanReferrals > 0);
    const transfers = data.plans.filter((p) => p.status === 'final_issued' && p.phaseTransfer).length;
    assert.equal(
      r.phaseTransfers.transfers.reduce((n, t) => n + t.plans, 0),
      transfers,
    );
    assert.ok(transfers > 0);
  });

  it('sums the views for a manager', async () => {
    const summary = await fx.records.compliance.summary(TODAY);
    assert.deepEqual(summary, {
      today: TODAY,
      reviewsOverdue: data.planted.reviewsOverdue.length,
      // The overdue reviews whose booked meeting's date passed with no record, counted apart (all of them are overdue).
      reviewsOverdueNotRecorded: data.planted.meetingsNotRecorded.length,
      meetingsNotRecorded: data.planted.meetingsNotRecorded.length,
      reviewsDueWithoutMeeting: data.planted.reviewsDueWithoutMeeting.planRefs.length,
      decisionsOverdue: data.planted.decisionsOverdue.length,
      amendedPlansOverdue: data.planted.amendedPlansOverdue.length,
      assessmentsOverdue: data.planted.assessmentsOverdue.length,
      complaintsOverdue: data.planted.complaintsOverdue.length,
    });
  });

  it('finds exactly the planted meetings booked but not recorded, with their age', async () => {
    const items = await fx.records.compliance.meetingsNotRecorded(TODAY);
    assert.deepEqual(items.map((i) => i.plan.id).sort(), [...data.planted.meetingsNotRecorded].sort());
    for (const i of items) {
      assert.ok(i.daysSince >= 1 && i.record.proposedDate < TODAY);
      assert.ok(i.reviewDaysLate !== undefined && i.reviewDaysLate > 0, 'each planted one is an overdue review too');
    }
  });

  it('takes an overdue review off the list once its meeting is recorded as held', async () => {
    const ref = data.planted.reviewsOverdue[0];
    assert.ok(ref);
    const records = recordsOn(fx.handle, TODAY);
    const plan = await records.plans.get(ref);
    const booked = (await records.reviews.forPlan(plan.id, plan.childId)).find((r) => r.status === 'booked' && r.proposedDate <= TODAY);
    if (booked) {
      await records.reviews.recordHeld(booked, { on: booked.proposedDate, by: 'S001', attendance: [] });
    } else {
      await records.plans.recordReviewMeeting(plan, '2026-03-04');
    }
    const after = await records.compliance.reviewsOverdue(TODAY);
    assert.equal(
      after.some((i) => i.record.id === ref),
      false,
    );
    assert.equal(after.length, data.planted.reviewsOverdue.length - 1);
  });

  it('seeds idempotently: a second run creates nothing and leaves the counts unchanged', async () => {
    assert.equal(seeded.existing, 0);
    const again = await seedDemoData(fx.handle, { seed: 2014, today: TODAY });
    assert.equal(again.created, 0);
    assert.equal(again.existing, seeded.created);
    assert.equal((await fx.records.plans.list()).length, 300);
  });

  it("hands out new references after the demo's fixed ones", async () => {
    const plan = await fx.records.plans.create({ childId: 'C0999', status: 'requested', keyDates: { requestReceived: TODAY } });
    assert.equal(plan.id, 'EHC-000301');
    const complaint = await fx.records.complaints.create({
      category: 'communication',
      summary: 'No reply to my email.',
      received: TODAY,
      contact: { name: 'Amy Abbott', email: 'parent.p0001@example.org' },
      contactPreference: 'email',
      channel: 'web_chat',
    });
    const demo2026 = data.complaints.filter((c) => c.id.startsWith('CMP-2026-')).length;
    assert.equal(complaint.id, `CMP-2026-${String(demo2026 + 1).padStart(5, '0')}`);
  });

  it(`loads about 300 children quickly (measured: see the log line)`, () => {
    // eslint-free log of the measured seed time for the report.
    process.stdout.write(`      seedDemoData(): ${seeded.created} documents in ${seeded.elapsedMs} ms\n`);
    assert.ok(seeded.created > 1500);
    assert.ok(seeded.elapsedMs < 60_000);
  });
});
