import assert from 'node:assert/strict';
import { AuditInput, Complaint, Enquiry, ParentLink, Plan, RecordRef, Review, StaffMember, childIdFromCaseRecordId, reviewId } from '../../../bot/records';

const STAMP = '2026-03-05T09:00:00.000Z';

const plan = {
  id: 'EHC-000123',
  childId: 'C0123',
  docType: 'plan',
  status: 'final_issued',
  keyDates: { requestReceived: '2025-01-06', planFirstIssued: '2025-05-19', finalIssued: '2025-05-19' },
  createdAt: STAMP,
  updatedAt: STAMP,
};

const review = {
  id: reviewId('C0123', 'EHC-000123', 'booking-key-1'),
  childId: 'C0123',
  planRef: 'EHC-000123',
  docType: 'review',
  idempotencyKey: 'booking-key-1',
  dueDate: '2026-05-19',
  proposedDate: '2026-04-20',
  status: 'booked',
  venue: { kind: 'in_person', place: 'Oakfield Primary School' },
  invitees: [
    { role: 'parent_or_young_person', name: 'Amy Abbott' },
    { role: 'head_or_setting', name: 'SENCO' },
    { role: 'la_sen_officer', name: 'Sam Okafor' },
    { role: 'health_professional', name: 'Named health professional' },
    { role: 'social_care', name: 'Social care officer' },
  ],
  history: [{ at: STAMP, by: 'S001', change: 'booked', to: '2026-04-20' }],
  createdAt: STAMP,
  updatedAt: STAMP,
};

function issues(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('records schemas', () => {
  describe('Plan', () => {
    it('accepts a final plan with its key dates', () => {
      assert.deepEqual(issues(Plan.safeParse(plan)), []);
    });

    it('rejects an impossible date such as 30 February', () => {
      const result = Plan.safeParse({ ...plan, keyDates: { ...plan.keyDates, finalIssued: '2025-02-30' } });
      assert.match(issues(result).join('\n'), /keyDates\.finalIssued: must be a real date/);
    });

    it('rejects a date written the British way', () => {
      assert.equal(Plan.safeParse({ ...plan, keyDates: { ...plan.keyDates, finalIssued: '19/05/2025' } }).success, false);
    });

    it('rejects an unknown status', () => {
      assert.match(issues(Plan.safeParse({ ...plan, status: 'on_hold' })).join('\n'), /status/);
    });

    it('needs the dates the status implies', () => {
      const result = Plan.safeParse({ ...plan, keyDates: { requestReceived: '2025-01-06' } });
      assert.deepEqual(issues(result), ['keyDates.finalIssued: is required when status is final_issued', 'keyDates.planFirstIssued: is required when status is final_issued']);
    });

    it('rejects a final plan issued before its draft', () => {
      const result = Plan.safeParse({
        ...plan,
        keyDates: { ...plan.keyDates, decisionToAssess: '2025-02-10', draftIssued: '2025-06-01' },
      });
      assert.match(issues(result).join('\n'), /keyDates\.finalIssued: keyDates\.finalIssued \(2025-05-19\) is before keyDates\.draftIssued/);
    });

    it('allows a ceased reason only on a ceased plan', () => {
      assert.match(issues(Plan.safeParse({ ...plan, ceasedReason: 'no_longer_necessary' })).join('\n'), /ceasedReason: is only allowed/);
    });
  });

  describe('Review', () => {
    it('accepts a booked meeting with everyone regulation 20(2) requires', () => {
      assert.deepEqual(issues(Review.safeParse(review)), []);
    });

    it('rejects a meeting missing the health professional', () => {
      const result = Review.safeParse({ ...review, invitees: [...review.invitees.slice(0, 3), review.invitees[4], { role: 'other', name: 'EP' }] });
      assert.deepEqual(issues(result), ['invitees: must include health_professional (Regs 2014 reg 20(2))']);
    });

    it('rejects a held status without the date it was held, and a decision before the meeting', () => {
      assert.match(issues(Review.safeParse({ ...review, status: 'held' })).join('\n'), /meetingHeld: is set exactly when status is held/);
      const result = Review.safeParse({
        ...review,
        status: 'held',
        meetingHeld: '2026-04-20',
        laDecision: { decision: 'maintain', decidedOn: '2026-04-01' },
      });
      assert.match(issues(result).join('\n'), /laDecision\.decidedOn \(2026-04-01\) is before meetingHeld/);
    });

    it('rejects an unknown review status and an unknown outcome', () => {
      assert.equal(Review.safeParse({ ...review, status: 'postponed' }).success, false);
      assert.equal(Review.safeParse({ ...review, status: 'held', meetingHeld: '2026-04-20', laDecision: { decision: 'pause', decidedOn: '2026-04-30' } }).success, false);
    });

    it('keeps the child id inside the review id so the partition is known', () => {
      assert.equal(childIdFromCaseRecordId(review.id), 'C0123');
      assert.match(issues(Review.safeParse({ ...review, childId: 'C0124' })).join('\n'), /id: must carry the child id C0124/);
    });
  });

  describe('Complaint, Enquiry, ParentLink, StaffMember', () => {
    const complaint = {
      id: 'CMP-2026-00042',
      docType: 'complaint',
      stage: 1,
      category: 'delay',
      summary: 'The plan is late.',
      received: '2026-03-02',
      previousStages: [],
      contact: { name: 'Amy Abbott', phone: '07700 900001' },
      contactPreference: 'phone',
      channel: 'web_chat',
      createdAt: STAMP,
      updatedAt: STAMP,
    };

    it('normalises a phone number and accepts a complaint', () => {
      const parsed = Complaint.parse(complaint);
      assert.equal(parsed.contact.phone, '07700900001');
    });

    it('rejects a responded complaint without an outcome and a stage 3', () => {
      assert.match(issues(Complaint.safeParse({ ...complaint, responded: '2026-03-04' })).join('\n'), /outcome/);
      assert.equal(Complaint.safeParse({ ...complaint, stage: 3 }).success, false);
    });

    it('rejects an enquiry logged without consent to keep it', () => {
      const enquiry = {
        id: 'ENQ-2026-00017',
        queue: 'sendias',
        docType: 'enquiry',
        contact: { name: 'Amy Abbott', email: 'parent.p0001@example.org' },
        contactPreference: 'email',
        consent: { storeAndContact: false, shareCasework: false, givenAt: STAMP },
        channel: 'web_chat',
        text: 'Help with a review',
        sharedCaseRefs: [],
        status: 'new',
        notes: [],
        priority: { outOfSchool: false, safeguarding: false },
        createdAt: STAMP,
        updatedAt: STAMP,
      };
      assert.match(issues(Enquiry.safeParse(enquiry)).join('\n'), /consent\.storeAndContact/);
      assert.deepEqual(issues(Enquiry.safeParse({ ...enquiry, consent: { ...enquiry.consent, storeAndContact: true } })), []);
    });

    it('rejects a parent id for a young person and a missing child list', () => {
      const contact = {
        id: 'P0001',
        docType: 'contact',
        kind: 'young_person',
        givenName: 'Ria',
        familyName: 'Cole',
        email: 'young.person@example.org',
        preferredContact: 'email',
        childIds: ['C0001'],
        createdAt: STAMP,
        updatedAt: STAMP,
      };
      assert.equal(ParentLink.safeParse(contact).success, false);
      assert.equal(ParentLink.safeParse({ ...contact, kind: 'parent_carer', childIds: [] }).success, false);
      assert.equal(ParentLink.safeParse({ ...contact, kind: 'parent_carer' }).success, true);
    });

    it('rejects a staff member with no role or a malformed AAD object id', () => {
      const member = {
        id: 'S001',
        docType: 'staff',
        aadObjectId: '5e7d0000-0000-4000-8000-000000000001',
        displayName: 'Sam Okafor',
        roles: ['caseworker'],
        active: true,
        createdAt: STAMP,
        updatedAt: STAMP,
      };
      assert.equal(StaffMember.safeParse(member).success, true);
      assert.equal(StaffMember.safeParse({ ...member, roles: [] }).success, false);
      assert.equal(StaffMember.safeParse({ ...member, aadObjectId: 'not-a-guid' }).success, false);
    });
  });

  describe('AuditInput', () => {
    const input = { actor: { id: 'S001', role: 'caseworker' }, channel: 'teams', action: 'plan.read', recordRef: 'EHC-000001', outcome: 'allowed' };

    it('accepts who, role, channel, action, record and outcome', () => {
      assert.equal(AuditInput.safeParse(input).success, true);
    });

    it('has no place for message text, even nested in the actor', () => {
      assert.equal(AuditInput.safeParse({ ...input, message: 'hello' }).success, false);
      assert.equal(AuditInput.safeParse({ ...input, actor: { ...input.actor, said: 'hello' } }).success, false);
    });

    it('accepts only known reference formats', () => {
      for (const ok of ['C0001', 'EHC-000123', 'CMP-2026-00042', 'ENQ-2026-00017', 'S001', 'P0001', 'Y0287']) assert.equal(RecordRef.safeParse(ok).success, true, ok);
      for (const bad of ['EHC-123', 'CMP-26-00042', 'c0001', '']) assert.equal(RecordRef.safeParse(bad).success, false, bad);
    });
  });
});
