import assert from 'node:assert/strict';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError, type Plan, type Stored } from '../../../bot/records';
import { REVIEW_INVITEES, finalPlanInput, openRecordsFixture, recordsOn, type RecordsFixture } from '../../helpers/records-cosmos';

describe('ReviewRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture('2026-03-05');
  });
  after(async () => {
    await fx.close();
  });

  async function finalPlan(childId: string, firstIssued = '2025-04-20'): Promise<Stored<Plan>> {
    return fx.records.plans.create(finalPlanInput(childId, firstIssued));
  }

  function booking(plan: Plan, key: string, proposedDate = '2026-04-01') {
    return {
      plan,
      proposedDate,
      venue: { kind: 'online' as const },
      invitees: REVIEW_INVITEES,
      bookedBy: 'S001',
      idempotencyKey: key,
    };
  }

  it('books a meeting with the review due date from the plan and a history entry', async () => {
    const plan = await finalPlan('C0200');
    const review = await fx.records.reviews.book(booking(plan, 'book-C0200-attempt-1'));
    assert.match(review.id, /^RVW-C0200-[0-9a-f]{12}$/);
    assert.equal(review.status, 'booked');
    assert.equal(review.dueDate, '2026-04-20');
    assert.equal(review.proposedDate, '2026-04-01');
    assert.deepEqual(
      review.history.map((h) => h.change),
      ['booked'],
    );
    assert.deepEqual(await fx.records.reviews.get(review.id), review);
  });

  it('creates one meeting when the same booking request arrives twice, even at the same time', async () => {
    const plan = await finalPlan('C0201');
    const [a, b] = await Promise.all([fx.records.reviews.book(booking(plan, 'book-C0201-attempt-1')), fx.records.reviews.book(booking(plan, 'book-C0201-attempt-1'))]);
    assert.equal(a.id, b.id);
    const again = await fx.records.reviews.book(booking(plan, 'book-C0201-attempt-1'));
    assert.equal(again.id, a.id);
    assert.equal((await fx.records.reviews.forPlan(plan.id, plan.childId)).length, 1);
  });

  it('refuses a second, different booking while one meeting is booked', async () => {
    const plan = await finalPlan('C0202');
    await fx.records.reviews.book(booking(plan, 'book-C0202-attempt-1'));
    await assert.rejects(fx.records.reviews.book(booking(plan, 'book-C0202-attempt-2', '2026-04-02')), /already has a review meeting booked/);
  });

  it("refuses a date with less than two weeks' notice (reg 20(3))", async () => {
    const plan = await finalPlan('C0203');
    await assert.rejects(fx.records.reviews.book(booking(plan, 'book-C0203-attempt-1', '2026-03-12')), (err: unknown) => {
      assert.ok(err instanceof InvalidStateError);
      assert.match(err.message, /^ReviewRepository\.book\(\): cannot book a meeting on 2026-03-12/);
      return true;
    });
  });

  it('refuses a booking that leaves out an invitee regulation 20(2) requires', async () => {
    const plan = await finalPlan('C0204');
    const invitees = REVIEW_INVITEES.filter((i) => i.role !== 'social_care');
    await assert.rejects(fx.records.reviews.book({ ...booking(plan, 'book-C0204-attempt-1'), invitees }), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.match(err.message, /must include social_care \(Regs 2014 reg 20\(2\)\)/);
      return true;
    });
  });

  it('refuses to book a review for a plan that is not final', async () => {
    const plan = await fx.records.plans.create({ childId: 'C0205', status: 'requested', keyDates: { requestReceived: '2026-02-01' } });
    await assert.rejects(fx.records.reviews.book(booking(plan, 'book-C0205-attempt-1')), InvalidStateError);
  });

  it('records every statutory step from booking to the final amended plan, with history', async () => {
    const plan = await finalPlan('C0206', '2025-02-10');
    let review = await fx.records.reviews.book(booking(plan, 'book-C0206-attempt-1', '2026-03-20'));
    review = await fx.records.reviews.reschedule(review, { to: '2026-03-26', reason: 'Head teacher unavailable', by: 'S001' });
    assert.equal(review.status, 'rescheduled');
    review = await fx.records.reviews.recordInvitationsSent(review, { on: '2026-03-05', by: 'S001' });
    review = await fx.records.reviews.recordAdviceCirculated(review, { on: '2026-03-05', by: 'S001' });
    // Later steps are recorded on a later day (same database, later clock).
    const later = recordsOn(fx.handle, '2026-07-01');
    let r = await later.reviews.get(review.id);
    await assert.rejects(later.reviews.get('RVW-C0206-000000000000'), NotFoundError);
    r = await later.reviews.recordHeld(r, {
      on: '2026-03-26',
      by: 'S001',
      attendance: [
        { role: 'parent_or_young_person', name: 'Alex Parent', attended: true },
        { role: 'social_care', name: 'Social Worker', attended: false },
      ],
    });
    r = await later.reviews.recordReportReceived(r, { on: '2026-04-02', by: 'S001' });
    r = await later.reviews.recordDecision(r, { decision: 'amend', on: '2026-04-16', by: 'S001' });
    assert.equal(r.outcome, undefined, 'an amend decision waits for the amended plan');
    r = await later.reviews.recordAmendmentNotice(r, { on: '2026-04-16', by: 'S001' });
    r = await later.reviews.recordFinalAmendedPlan(r, { on: '2026-06-01', by: 'S001' });
    assert.equal(r.outcome, 'amend');
    assert.deepEqual(
      r.history.map((h) => h.change),
      ['booked', 'rescheduled', 'invitations_sent', 'advice_circulated', 'held', 'report_received', 'decision_recorded', 'amendment_notice_sent', 'final_amended_plan_issued'],
    );
    assert.deepEqual(r.history[1], {
      at: '2026-03-05T12:00:00.000Z',
      by: 'S001',
      change: 'rescheduled',
      from: '2026-03-20',
      to: '2026-03-26',
      reason: 'Head teacher unavailable',
    });
  });

  it('rejects a stale update of a meeting with ConflictError', async () => {
    const plan = await finalPlan('C0207');
    const review = await fx.records.reviews.book(booking(plan, 'book-C0207-attempt-1'));
    await fx.records.reviews.recordInvitationsSent(review, { on: '2026-03-05', by: 'S001' });
    await assert.rejects(fx.records.reviews.cancel(review, { reason: 'Family moved', by: 'S002' }), ConflictError);
    assert.equal((await fx.records.reviews.get(review.id)).status, 'booked');
  });

  it('refuses a decision before the meeting was held', async () => {
    const plan = await finalPlan('C0208');
    const review = await fx.records.reviews.book(booking(plan, 'book-C0208-attempt-1'));
    await assert.rejects(fx.records.reviews.recordDecision(review, { decision: 'maintain', on: '2026-03-05', by: 'S001' }), InvalidStateError);
  });

  it('allows a new booking after the booked meeting is cancelled', async () => {
    const plan = await finalPlan('C0209');
    const review = await fx.records.reviews.book(booking(plan, 'book-C0209-attempt-1'));
    const cancelled = await fx.records.reviews.cancel(review, { reason: 'Parent asked for a new date', by: 'S001' });
    assert.equal(cancelled.cancellationReason, 'Parent asked for a new date');
    const rebooked = await fx.records.reviews.book(booking(plan, 'book-C0209-attempt-2', '2026-04-08'));
    assert.notEqual(rebooked.id, review.id);
  });
});
