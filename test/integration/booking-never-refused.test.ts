import assert from 'node:assert/strict';
import type { Identity } from '../../bot/identity/identity';
import { seedDemoData } from '../../bot/records/demo-seed';
import { caseworkOn } from '../helpers/casework';
import { openRecordsFixture, type RecordsFixture } from '../helpers/records-cosmos';

const TODAY = '2026-12-04';
const manager: Identity = { kind: 'staff', actorId: 'S007', name: 'Helen Marsh', roles: ['team_manager'], channel: 'teams' };

/**
 * The booking dialog asks for a date only after `openForBooking()` says the plan is ready with no
 * meeting booked. For every final plan in the demo data, that answer must mean the records accept
 * the booking: the dialog never walks someone to "Book meeting" for a request the records refuse
 * (the booked-but-never-recorded meeting did exactly that).
 */
describe('booking: every plan offered for booking can be booked', function () {
  this.timeout(120_000);
  let fx: RecordsFixture;

  before(async () => {
    fx = await openRecordsFixture(TODAY);
    await seedDemoData(fx.handle, { today: TODAY });
  });
  after(async () => {
    await fx?.close();
  });

  it('books the earliest allowed date on every demo plan that is ready; a past meeting with no record is asked about instead', async () => {
    const { casework } = caseworkOn(fx.records, fx.clock, TODAY);
    const plans = (await fx.records.plans.list({})).filter((p) => p.status === 'final_issued');
    const counts = { booked: 0, unrecorded: 0, alreadyBooked: 0 };
    const refused: string[] = [];
    for (const plan of plans) {
      const opened = await casework.reviews.openForBooking(manager, plan.id);
      if (opened.kind === 'unrecorded') {
        counts.unrecorded++;
        continue;
      }
      assert.equal(opened.kind, 'ready', `${plan.id}: ${opened.kind}`);
      if (opened.kind !== 'ready') continue;
      if (opened.active) {
        counts.alreadyBooked++;
        continue;
      }
      const rules = { due: opened.due, ...(opened.phase ? { phase: opened.phase } : {}) };
      const date = casework.reviews.earliestDate();
      assert.deepEqual(
        casework.reviews.checkDate(date, rules).filter((p) => p.severity === 'block'),
        [],
      );
      const invitees = await casework.reviews.requiredInvitees(plan.id);
      const change = await casework.reviews.book(manager, { planRef: plan.id, date, venue: { kind: 'online' }, invitees, key: `invariant-${plan.id}`, rules });
      if (change.kind === 'booked') counts.booked++;
      else refused.push(`${plan.id}: ${JSON.stringify(change)}`);
    }
    assert.deepEqual(refused, [], 'the records refused bookings the dialog would have offered');
    assert.equal(counts.unrecorded, 3, 'the demo data’s meetings booked but not recorded are asked about first');
    assert.ok(counts.booked > 200 && counts.alreadyBooked > 0, JSON.stringify(counts));
  });
});
