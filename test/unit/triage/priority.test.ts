import assert from 'node:assert/strict';
import type { Enquiry } from '../../../bot/records/enquiries';
import { enquiry } from '../../helpers/enquiry';
import { compareTriaged, prioritise, triage } from '../../../bot/triage';

// Wednesday 11 March 2026; a working week with no bank holidays.
const TODAY = '2026-03-11';

const codes = (e: Enquiry, today = TODAY, ackWorkingDays?: number): string[] => triage(e, { today, ...(ackWorkingDays ? { ackWorkingDays } : {}) }).reasons.map((r) => r.code);

describe('SENDIAS triage rules (docs/triage.md)', () => {
  it('a new enquiry with nothing special is normal, with no reasons', () => {
    const t = triage(enquiry(), { today: TODAY });
    assert.equal(t.level, 'normal');
    assert.deepEqual(t.reasons, []);
    assert.equal(t.ageDays, 0);
    assert.equal(t.showSafeguardingContacts, false);
  });

  it('rule 1: a safeguarding flag is urgent and shows the safeguarding contacts', () => {
    const t = triage(enquiry({ priority: { safeguarding: true } }), { today: TODAY });
    assert.equal(t.level, 'urgent');
    assert.equal(t.reasons[0]?.code, 'safeguarding');
    assert.match(t.reasons[0]!.text, /Safeguarding/);
    assert.equal(t.showSafeguardingContacts, true);
  });

  describe('rule 2: statutory deadlines', () => {
    it('an appeal deadline within 14 days is urgent (14 days exactly included)', () => {
      const t = triage(enquiry({ priority: { appealDeadline: '2026-03-25' } }), { today: TODAY });
      assert.equal(t.level, 'urgent');
      assert.deepEqual(
        t.reasons.map((r) => r.code),
        ['appeal_deadline_close'],
      );
      assert.match(t.reasons[0]!.text, /Appeal deadline in 14 days \(25 March 2026\)/);
    });
    it('an appeal deadline today is urgent and says today', () => {
      const t = triage(enquiry({ priority: { appealDeadline: TODAY } }), { today: TODAY });
      assert.equal(t.level, 'urgent');
      assert.match(t.reasons[0]!.text, /Appeal deadline today/);
    });
    it('an appeal deadline 15 days away adds nothing', () => {
      assert.deepEqual(codes(enquiry({ priority: { appealDeadline: '2026-03-26' } })), []);
    });
    it('an appeal deadline that has passed is high, and says a late appeal needs permission', () => {
      const t = triage(enquiry({ priority: { appealDeadline: '2026-03-09' } }), { today: TODAY });
      assert.equal(t.level, 'high');
      assert.equal(t.reasons[0]?.code, 'appeal_deadline_passed');
      assert.match(t.reasons[0]!.text, /passed 2 days ago \(9 March 2026\).*permission/);
    });
    it('a final plan overdue is high', () => {
      const t = triage(enquiry({ priority: { finalPlanOverdue: true } }), { today: TODAY });
      assert.equal(t.level, 'high');
      assert.deepEqual(
        t.reasons.map((r) => r.code),
        ['final_plan_overdue'],
      );
    });
  });

  describe('rule 3: out of school or excluded', () => {
    it('out of school is high', () => {
      const t = triage(enquiry({ priority: { outOfSchool: true } }), { today: TODAY });
      assert.equal(t.level, 'high');
      assert.deepEqual(
        t.reasons.map((r) => r.code),
        ['out_of_school'],
      );
    });
    it('excluded is high and replaces "out of school" (one reason, not two)', () => {
      assert.deepEqual(codes(enquiry({ priority: { outOfSchool: true, excluded: true } })), ['excluded']);
      assert.equal(triage(enquiry({ priority: { excluded: true } }), { today: TODAY }).level, 'high');
    });
  });

  describe('rule 4: a tribunal hearing', () => {
    it('within 14 days is urgent', () => {
      const t = triage(enquiry({ priority: { tribunalHearing: '2026-03-20' } }), { today: TODAY });
      assert.equal(t.level, 'urgent');
      assert.match(t.reasons[0]!.text, /Tribunal hearing in 9 days \(20 March 2026\)/);
    });
    it('in 15 days to 8 weeks is high (56 days included)', () => {
      assert.equal(triage(enquiry({ priority: { tribunalHearing: '2026-03-26' } }), { today: TODAY }).level, 'high');
      assert.deepEqual(codes(enquiry({ priority: { tribunalHearing: '2026-05-06' } })), ['hearing_within_8_weeks']);
    });
    it('more than 8 weeks away, or already past, adds nothing', () => {
      assert.deepEqual(codes(enquiry({ priority: { tribunalHearing: '2026-05-07' } })), []);
      assert.deepEqual(codes(enquiry({ priority: { tribunalHearing: '2026-03-10' } })), []);
    });
  });

  describe('rule 5: the acknowledgement target (working days) and age', () => {
    // Received Thursday 5 March 2026: 2 working days → Monday 9 March.
    const received = { createdAt: '2026-03-05T10:00:00.000Z' };
    it('is due 2 working days after it came in, skipping the weekend', () => {
      const t = triage(enquiry(received), { today: '2026-03-09' });
      assert.equal(t.acknowledgeBy, '2026-03-09');
      assert.equal(t.acknowledgementOverdue, false, 'not overdue on the day it is due');
      assert.equal(t.level, 'normal');
      assert.equal(t.ageDays, 4);
    });
    it('is overdue the day after, rises to high, and says when it was due', () => {
      const t = triage(enquiry(received), { today: '2026-03-10' });
      assert.equal(t.acknowledgementOverdue, true);
      assert.equal(t.level, 'high');
      assert.match(t.reasons[0]!.text, /Not acknowledged: was due by 9 March 2026/);
    });
    it('uses the configured number of working days', () => {
      const t = triage(enquiry(received), { today: '2026-03-10', ackWorkingDays: 5 });
      assert.equal(t.acknowledgeBy, '2026-03-12');
      assert.equal(t.acknowledgementOverdue, false);
    });
    it('skips bank holidays (Good Friday and Easter Monday 2026)', () => {
      // Thursday 2 April 2026 + 2 working days: Friday 3 and Monday 6 April are bank holidays.
      const t = triage(enquiry({ createdAt: '2026-04-02T10:00:00.000Z' }), { today: '2026-04-08' });
      assert.equal(t.acknowledgeBy, '2026-04-08');
      assert.equal(t.acknowledgementOverdue, false);
    });
    it('is not overdue once acknowledged, nor when closed', () => {
      assert.equal(triage(enquiry({ ...received, acknowledgedAt: '2026-03-10T09:00:00.000Z' }), { today: '2026-03-20' }).acknowledgementOverdue, false);
      assert.equal(triage(enquiry({ ...received, status: 'closed', closedAt: '2026-03-06T09:00:00.000Z' }), { today: '2026-03-20' }).acknowledgementOverdue, false);
    });
    it('counts from the date in England, not UTC', () => {
      // 31 March 23:30 UTC is 1 April 00:30 in London (BST), so it came in on Wednesday 1 April;
      // 2 working days on, past Good Friday and Easter Monday, is Tuesday 7 April.
      const t = triage(enquiry({ createdAt: '2026-03-31T23:30:00.000Z' }), { today: '2026-04-01' });
      assert.equal(t.ageDays, 0);
      assert.equal(t.acknowledgeBy, '2026-04-07');
    });
  });

  it('lists every reason, most urgent first, and takes the highest level', () => {
    const t = triage(enquiry({ createdAt: '2026-03-02T10:00:00.000Z', priority: { outOfSchool: true, tribunalHearing: '2026-03-13', safeguarding: true } }), { today: TODAY });
    assert.equal(t.level, 'urgent');
    assert.deepEqual(
      t.reasons.map((r) => r.code),
      ['safeguarding', 'hearing_soon', 'out_of_school', 'acknowledgement_overdue'],
    );
  });
});

describe('SENDIAS queue order', () => {
  const opts = { today: TODAY };
  it('urgent, then high, then normal; within a level overdue acknowledgements first, then more reasons, then oldest', () => {
    const list = [
      enquiry({ id: 'ENQ-2026-00001', createdAt: '2026-03-01T09:00:00.000Z', acknowledgedAt: '2026-03-02T09:00:00.000Z' }), // normal, oldest
      enquiry({ id: 'ENQ-2026-00002', createdAt: '2026-03-11T08:00:00.000Z', priority: { safeguarding: true } }), // urgent
      enquiry({ id: 'ENQ-2026-00003', createdAt: '2026-03-10T08:00:00.000Z', priority: { outOfSchool: true } }), // high, 1 reason
      enquiry({ id: 'ENQ-2026-00004', createdAt: '2026-03-02T08:00:00.000Z' }), // high: ack overdue
      enquiry({ id: 'ENQ-2026-00005', createdAt: '2026-03-11T07:00:00.000Z', priority: { outOfSchool: true, finalPlanOverdue: true } }), // high, 2 reasons
      enquiry({ id: 'ENQ-2026-00006', createdAt: '2026-03-09T08:00:00.000Z', priority: { outOfSchool: true } }), // high, 1 reason, older than 3
      enquiry({ id: 'ENQ-2026-00007', createdAt: '2026-03-11T10:00:00.000Z' }), // normal, newest
    ];
    assert.deepEqual(
      prioritise(list, opts).map((x) => x.enquiry.id),
      ['ENQ-2026-00002', 'ENQ-2026-00004', 'ENQ-2026-00005', 'ENQ-2026-00006', 'ENQ-2026-00003', 'ENQ-2026-00001', 'ENQ-2026-00007'],
    );
  });

  it('an overdue acknowledgement rises above a newer normal enquiry and above same-level ones', () => {
    const late = enquiry({ id: 'ENQ-2026-00010', createdAt: '2026-03-02T08:00:00.000Z' });
    const outOfSchool = enquiry({ id: 'ENQ-2026-00011', createdAt: '2026-02-20T08:00:00.000Z', acknowledgedAt: '2026-02-21T08:00:00.000Z', priority: { outOfSchool: true } });
    const a = { enquiry: late, triage: triage(late, opts) };
    const b = { enquiry: outOfSchool, triage: triage(outOfSchool, opts) };
    assert.ok(compareTriaged(a, b) < 0);
    // Acknowledged in time, the same enquiry would sort after the out-of-school one.
    const acked = enquiry({ ...late, acknowledgedAt: '2026-03-03T08:00:00.000Z' });
    assert.ok(compareTriaged({ enquiry: acked, triage: triage(acked, opts) }, b) > 0);
  });

  it('is stable by reference when everything else is equal', () => {
    const x = enquiry({ id: 'ENQ-2026-00021' });
    const y = enquiry({ id: 'ENQ-2026-00020' });
    assert.deepEqual(
      prioritise([x, y], opts).map((i) => i.enquiry.id),
      ['ENQ-2026-00020', 'ENQ-2026-00021'],
    );
  });
});
