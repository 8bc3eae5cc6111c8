import assert from 'node:assert/strict';
import { AssessmentRequest, Child, Complaint, Enquiry, PLAN_STATUSES, ParentLink, Plan, Review, StaffMember, mulberry32 } from '../../../bot/records';
import { demoAadObjectId, generateDemoData } from '../../../bot/records/demo-data';

describe('generateDemoData()', () => {
  const data = generateDemoData({ seed: 2014, today: '2026-03-05' });

  it('gives the same data for the same seed and day', () => {
    assert.deepEqual(generateDemoData({ seed: 2014, today: '2026-03-05' }), data);
  });

  it('keeps the fixed ids and personas whatever the seed', () => {
    const other = generateDemoData({ seed: 7, today: '2026-03-05' });
    assert.notDeepEqual(
      other.children.map((c) => c.givenName),
      data.children.map((c) => c.givenName),
    );
    for (const d of [data, other]) {
      assert.equal(d.children.length, 300);
      assert.equal(d.children[0]?.id, 'C0001');
      assert.equal(d.children[299]?.id, 'C0300');
      d.plans.forEach((p, i) => {
        assert.equal(p.id, `EHC-${String(i + 1).padStart(6, '0')}`);
        assert.equal(p.childId, `C${String(i + 1).padStart(4, '0')}`);
      });
      assert.equal(d.personas.parentWithPlanInAssessment.contactId, 'P0001');
      assert.equal(d.personas.parentWithPlanInAssessment.planStatus, 'assessing');
      assert.equal(d.personas.parentWithReviewDue.contactId, 'P0002');
      assert.ok(d.planted.reviewsDueWithoutMeeting.planRefs.includes('EHC-000002'));
      assert.equal(d.personas.caseworker.staffId, 'S001');
      assert.equal(d.personas.caseworker.aadObjectId, '5e7d0000-0000-4000-8000-000000000001');
      assert.equal(d.personas.teamManager.staffId, 'S007');
      assert.equal(d.personas.sendiasAdviser.staffId, 'S008');
    }
  });

  it('gives parent P000n parental responsibility for child C000n, and a few a second child', () => {
    const parents = data.contacts.filter((c) => c.kind === 'parent_carer');
    assert.equal(parents.length, 300);
    for (const p of parents) assert.equal(p.childIds[0], `C${p.id.slice(1)}`);
    assert.deepEqual(data.contacts.find((c) => c.id === 'P0010')?.childIds, ['C0010', 'C0011']);
    assert.ok(data.contacts.some((c) => c.kind === 'young_person'));
  });

  it('uses no real contact details: example.org emails and Ofcom drama numbers only', () => {
    const emails = [
      ...data.contacts.map((c) => c.email),
      ...data.staff.map((s) => s.email),
      ...data.complaints.map((c) => c.contact.email),
      ...data.enquiries.map((e) => e.contact.email),
    ].filter((e): e is string => e !== undefined);
    assert.ok(emails.length > 400);
    for (const email of emails) assert.match(email, /@example\.org$/);
    const phones = [...data.contacts.map((c) => c.phone), ...data.complaints.map((c) => c.contact.phone), ...data.enquiries.map((e) => e.contact.phone)].filter(
      (p): p is string => p !== undefined,
    );
    for (const phone of phones) assert.match(phone, /^07700900\d{3}$/);
  });

  it('produces only documents that pass their schemas', () => {
    const check = (schema: { safeParse(v: unknown): { success: boolean } }, docs: readonly unknown[], name: string): void => {
      docs.forEach((d, i) => assert.equal(schema.safeParse(d).success, true, `${name}[${i}]`));
    };
    check(StaffMember, data.staff, 'staff');
    check(Child, data.children, 'children');
    check(ParentLink, data.contacts, 'contacts');
    check(Plan, data.plans, 'plans');
    check(AssessmentRequest, data.assessmentRequests, 'assessmentRequests');
    check(Review, data.reviews, 'reviews');
    check(Complaint, data.complaints, 'complaints');
    check(Enquiry, data.enquiries, 'enquiries');
  });

  it('covers every plan status and every meeting status, and plants late cases of every kind', () => {
    assert.deepEqual(new Set(data.plans.map((p) => p.status)), new Set(PLAN_STATUSES));
    assert.deepEqual(new Set(data.reviews.map((r) => r.status)), new Set(['held', 'booked', 'rescheduled', 'cancelled']));
    const p = data.planted;
    for (const list of [p.reviewsOverdue, p.reviewsDueWithoutMeeting.planRefs, p.decisionsOverdue, p.amendedPlansOverdue, p.assessmentsOverdue, p.complaintsOverdue]) {
      assert.ok(list.length >= 3);
    }
    assert.deepEqual(new Set(p.assessmentsOverdue.map((a) => a.kind)), new Set(['decision_to_assess', 'decision_whether_to_issue', 'final_plan']));
  });

  it('stays consistent on awkward days (leap day, Christmas, the end of August)', () => {
    for (const today of ['2024-02-29', '2025-12-27', '2026-08-31', '2027-01-01']) {
      for (const seed of [1, 2, 3]) {
        const d = generateDemoData({ seed, today });
        assert.equal(d.today, today);
        assert.ok(d.reviews.every((r) => Review.safeParse(r).success));
      }
    }
  });

  it('derives the AAD object id from the staff number', () => {
    assert.equal(demoAadObjectId('S010'), '5e7d0000-0000-4000-8000-000000000010');
  });
});

describe('mulberry32()', () => {
  it('gives the published sequence for seed 1 and never leaves [0, 1)', () => {
    const next = mulberry32(1);
    assert.equal(next(), 0.6270739405881613);
    assert.equal(next(), 0.002735721180215478);
    for (let i = 0; i < 1000; i += 1) {
      const v = next();
      assert.ok(v >= 0 && v < 1);
    }
  });
});
