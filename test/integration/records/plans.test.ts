import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../../../bot/records';
import { finalPlanInput, openRecordsFixture, type RecordsFixture } from '../../helpers/records-cosmos';

describe('PlanRepository (embedded Cosmos)', () => {
  let fx: RecordsFixture;
  before(async () => {
    fx = await openRecordsFixture();
  });
  after(async () => {
    await fx.close();
  });

  it('creates a plan under the next EHC reference and reads it back by reference and by child', async () => {
    const plan = await fx.records.plans.create({ childId: 'C0100', status: 'requested', keyDates: { requestReceived: '2026-02-03' } });
    assert.match(plan.id, /^EHC-\d{6}$/);
    assert.equal(plan.status, 'requested');
    assert.equal(typeof plan.etag, 'string');
    const read = await fx.records.plans.get(plan.id);
    assert.deepEqual(read, plan);
    const forChild = await fx.records.plans.forChild('C0100');
    assert.deepEqual(
      forChild.map((p) => p.id),
      [plan.id],
    );
  });

  it('returns the same plan when the same idempotency key is used twice', async () => {
    const input = { childId: 'C0101', status: 'requested' as const, keyDates: { requestReceived: '2026-02-10' } };
    const first = await fx.records.plans.create(input, { idempotencyKey: 'request-C0101-web-1' });
    const second = await fx.records.plans.create(input, { idempotencyKey: 'request-C0101-web-1' });
    assert.equal(second.id, first.id);
    assert.equal((await fx.records.plans.forChild('C0101')).length, 1);
  });

  it('throws NotFoundError saying where and which plan', async () => {
    await assert.rejects(fx.records.plans.get('EHC-999999'), (err: unknown) => {
      assert.ok(err instanceof NotFoundError);
      assert.equal(err.message, 'PlanRepository.get(): plan EHC-999999 not found');
      return true;
    });
  });

  it('rejects a stale write with ConflictError and keeps the first write', async () => {
    const plan = await fx.records.plans.create({ childId: 'C0102', status: 'requested', keyDates: { requestReceived: '2026-01-05' } });
    const first = await fx.records.plans.assignCaseworker(plan, 'S002');
    await assert.rejects(fx.records.plans.assignCaseworker(plan, 'S003'), (err: unknown) => {
      assert.ok(err instanceof ConflictError);
      assert.match(err.message, /^PlanRepository\.assignCaseworker\(\): plan EHC-\d{6} was changed by someone else/);
      assert.ok(err.cause, 'keeps the Cosmos error as cause');
      return true;
    });
    assert.equal((await fx.records.plans.get(plan.id)).caseworkerId, 'S002');
    assert.equal(first.caseworkerId, 'S002');
  });

  it('moves a plan through assessment to a final plan and starts the review clock', async () => {
    let plan = await fx.records.plans.create({ childId: 'C0103', status: 'requested', keyDates: { requestReceived: '2025-09-01' } });
    plan = await fx.records.plans.recordAssessmentDecision(plan, 'assess', '2025-10-06');
    assert.equal(plan.status, 'assessing');
    plan = await fx.records.plans.recordDraftIssued(plan, '2025-12-01');
    plan = await fx.records.plans.recordFinalIssued(plan, '2026-01-12');
    assert.equal(plan.status, 'final_issued');
    assert.equal(plan.keyDates.planFirstIssued, '2026-01-12');
  });

  it('closes a refused request as ceased with the reason', async () => {
    const plan = await fx.records.plans.create({ childId: 'C0104', status: 'requested', keyDates: { requestReceived: '2026-01-05' } });
    const refused = await fx.records.plans.recordAssessmentDecision(plan, 'refuse', '2026-02-10');
    assert.equal(refused.status, 'ceased');
    assert.equal(refused.ceasedReason, 'refused_to_assess');
  });

  it('refuses a step that does not follow from the current status', async () => {
    const plan = await fx.records.plans.create({ childId: 'C0105', status: 'requested', keyDates: { requestReceived: '2026-01-05' } });
    await assert.rejects(fx.records.plans.recordFinalIssued(plan, '2026-02-01'), InvalidStateError);
  });

  it("lists a caseworker's open plans and leaves out ceased ones", async () => {
    const open = await fx.records.plans.create(finalPlanInput('C0106', '2025-05-01', { caseworkerId: 'S009' }));
    const ceased = await fx.records.plans.create(finalPlanInput('C0107', '2025-05-01', { caseworkerId: 'S009' }));
    await fx.records.plans.cease(ceased, '2026-01-10', 'no_longer_necessary');
    const caseload = await fx.records.plans.caseload('S009');
    assert.deepEqual(
      caseload.map((p) => p.id),
      [open.id],
    );
  });

  it('rejects impossible dates, unknown statuses and dates in the wrong order before writing', async () => {
    await assert.rejects(
      fx.records.plans.create({ childId: 'C0108', status: 'requested', keyDates: { requestReceived: '2026-02-30' } }),
      (err: unknown) => err instanceof ValidationError && /keyDates\.requestReceived/.test(err.message),
    );
    await assert.rejects(
      // @ts-expect-error an unknown status is a type error as well as a runtime one
      fx.records.plans.create({ childId: 'C0108', status: 'lost', keyDates: { requestReceived: '2026-02-03' } }),
      ValidationError,
    );
    await assert.rejects(
      fx.records.plans.create({
        childId: 'C0108',
        status: 'assessing',
        assessmentDecision: 'assess',
        keyDates: { requestReceived: '2026-02-03', decisionToAssess: '2026-01-03' },
      }),
      (err: unknown) => err instanceof ValidationError && /decisionToAssess \(2026-01-03\) is before/.test(err.message),
    );
    assert.deepEqual(await fx.records.plans.forChild('C0108'), []);
  });

  it('keeps child ids unique: a second child with the same id fails with AlreadyExistsError', async () => {
    await fx.records.children.create({ id: 'C0109', givenName: 'Ada', familyName: 'Lark', dateOfBirth: '2015-06-01' });
    await assert.rejects(fx.records.children.create({ id: 'C0109', givenName: 'Ada', familyName: 'Lark', dateOfBirth: '2015-06-01' }), AlreadyExistsError);
  });
});
