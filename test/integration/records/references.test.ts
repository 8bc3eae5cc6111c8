import assert from 'node:assert/strict';
import { openRecordsFixture, type RecordsFixture } from '../../helpers/records-cosmos';

describe('Reference numbers (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture();
  });
  after(async () => {
    await fx.close();
  });

  it('gives 50 plans created in parallel 50 distinct EHC references', async () => {
    const plans = await Promise.all(
      Array.from({ length: 50 }, (_, i) => fx.records.plans.create({ childId: `C${String(2000 + i)}`, status: 'requested', keyDates: { requestReceived: '2026-03-02' } })),
    );
    const refs = plans.map((p) => p.id);
    assert.equal(new Set(refs).size, 50);
    assert.deepEqual(
      [...refs].sort(),
      Array.from({ length: 50 }, (_, i) => `EHC-${String(i + 1).padStart(6, '0')}`),
    );
    assert.equal(await fx.records.sequences.current('EHC'), 50);
  });

  it('gives 50 complaints logged in parallel 50 distinct CMP references for the year received', async () => {
    const complaints = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fx.records.complaints.create({
          category: 'delay',
          summary: `Complaint ${i}`,
          received: '2026-03-04',
          contact: { name: 'Alex Parent', email: 'parent.p0001@example.org' },
          contactPreference: 'email',
          channel: 'web_chat',
        }),
      ),
    );
    const refs = new Set(complaints.map((c) => c.id));
    assert.equal(refs.size, 50);
    for (const ref of refs) assert.match(ref, /^CMP-2026-000\d\d$/);
  });

  it('gives 50 enquiries logged in parallel 50 distinct ENQ references', async () => {
    const enquiries = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fx.records.enquiries.create({
          contact: { name: 'Alex Parent', phone: '07700 900001' },
          contactPreference: 'phone',
          consent: { storeAndContact: true, shareCasework: false, givenAt: '2026-03-05T10:00:00.000Z' },
          channel: 'web_chat',
          text: `Enquiry ${i}`,
          sharedCaseRefs: [],
          priority: { outOfSchool: false, safeguarding: false },
        }),
      ),
    );
    assert.equal(new Set(enquiries.map((e) => e.id)).size, 50);
    assert.ok(enquiries.every((e) => /^ENQ-2026-000\d\d$/.test(e.id)));
  });

  it('starts a new complaint sequence each calendar year', async () => {
    const base = {
      category: 'other' as const,
      summary: 'Year check',
      contact: { name: 'Alex Parent', email: 'parent.p0001@example.org' },
      contactPreference: 'email' as const,
      channel: 'email' as const,
    };
    const late2025 = await fx.records.complaints.create({ ...base, received: '2025-12-30' });
    assert.equal(late2025.id, 'CMP-2025-00001');
  });

  it('does not use up a number when the input is invalid', async () => {
    const before = await fx.records.sequences.current('EHC');
    await assert.rejects(fx.records.plans.create({ childId: 'bad id', status: 'requested', keyDates: { requestReceived: '2026-03-02' } }));
    assert.equal(await fx.records.sequences.current('EHC'), before);
  });
});
