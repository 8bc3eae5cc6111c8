import assert from 'node:assert/strict';
import { StatutoryInputError, planTransferDeadline, transferredPlanDeadlines } from '../../../bot/statutory';

describe('planTransferDeadline()', () => {
  it('is the day of the move when the old council knew 15 working days before', () => {
    assert.deepEqual(planTransferDeadline('2026-03-02', '2026-03-23'), { transferBy: '2026-03-23', basis: 'dayOfMove' });
  });

  it('is the 15th working day counting the day of awareness as day 1 when it knew later', () => {
    assert.deepEqual(planTransferDeadline('2026-03-03', '2026-03-23'), {
      transferBy: '2026-03-23',
      basis: 'fifteenWorkingDays',
    });
  });

  it('starts counting on Monday when the council learned on a Saturday', () => {
    assert.equal(planTransferDeadline('2026-03-07', '2026-03-10').transferBy, '2026-03-27');
  });

  it('skips Good Friday and Easter Monday', () => {
    assert.equal(planTransferDeadline('2026-03-30', '2026-04-01').transferBy, '2026-04-21');
  });

  it('counts from awareness when the council only learned after the move', () => {
    assert.equal(planTransferDeadline('2026-04-20', '2026-04-01').transferBy, '2026-05-11');
  });
});

describe('transferredPlanDeadlines()', () => {
  it('gives the new council 6 weeks to write to the family', () => {
    assert.equal(transferredPlanDeadlines('2026-03-10', '2025-09-15').informFamilyBy, '2026-04-21');
  });

  it('keeps the 12-month review date when it is later than 3 months after the transfer', () => {
    assert.equal(transferredPlanDeadlines('2026-03-10', '2025-09-15').reviewBy, '2026-09-15');
  });

  it('allows 3 months from the transfer when the 12-month date is sooner', () => {
    assert.equal(transferredPlanDeadlines('2026-03-10', '2025-04-01').reviewBy, '2026-06-10');
  });

  it('rejects a last review after the transfer', () => {
    assert.throws(() => transferredPlanDeadlines('2026-03-10', '2026-03-11'), StatutoryInputError);
  });
});
