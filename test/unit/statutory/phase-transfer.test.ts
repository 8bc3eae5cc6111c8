import assert from 'node:assert/strict';
import { PHASE_TRANSFER_KINDS, PhaseTransferKindSchema, SCHOOL_PHASE_TRANSFER_KINDS, StatutoryInputError, phaseTransferDeadline } from '../../../bot/statutory';
import type { FixedDatePhaseTransferKind } from '../../../bot/statutory';
import { untyped } from './helpers';

describe('phaseTransferDeadline()', () => {
  it('is 15 February of the calendar year of transfer for every school move', () => {
    for (const kind of SCHOOL_PHASE_TRANSFER_KINDS) {
      assert.equal(phaseTransferDeadline(2027, kind), '2027-02-15', kind);
    }
  });

  it('is 31 March of the calendar year of transfer from secondary school to post-16', () => {
    assert.equal(phaseTransferDeadline(2027, 'secondaryToPost16'), '2027-03-31');
  });

  it('takes the calendar year from a move date, so a September 2027 move has a February 2027 deadline', () => {
    assert.equal(phaseTransferDeadline('2027-09-06', 'primaryToSecondary'), '2027-02-15');
    assert.equal(phaseTransferDeadline('2027-09-01', 'secondaryToPost16'), '2027-03-31');
  });

  it('is 5 calendar months before the move for a post-16 to post-16 transfer at any other time', () => {
    assert.equal(phaseTransferDeadline('2027-01-10', 'post16ToPost16'), '2026-08-10');
  });

  it('clamps to the end of a shorter month, which keeps at least 5 months (31 July → 28 February)', () => {
    assert.equal(phaseTransferDeadline('2026-07-31', 'post16ToPost16'), '2026-02-28');
  });

  it('needs the move date, not a year, for a post-16 to post-16 transfer', () => {
    assert.throws(() => phaseTransferDeadline(untyped<string>(2027), 'post16ToPost16'), /post16ToPost16 transfer needs the move date/);
  });

  it('rejects an unknown kind, a non-year and an impossible move date', () => {
    assert.throws(
      () => phaseTransferDeadline(2027, untyped<FixedDatePhaseTransferKind>('juniorToUniversity')),
      (error: unknown) => {
        assert.ok(error instanceof StatutoryInputError);
        assert.match(error.message, /kind "juniorToUniversity" is not one of earlyYearsToSchool/);
        return true;
      },
    );
    assert.throws(() => phaseTransferDeadline(2027.5, 'primaryToSecondary'), /transferYear number 2027.5 is not a calendar year/);
    assert.throws(() => phaseTransferDeadline('2027-02-30', 'primaryToSecondary'), /moveDate "2027-02-30" is not a real date/);
  });

  it('exposes the kinds as a zod enum for records and dialogs', () => {
    assert.equal(PHASE_TRANSFER_KINDS.length, 7);
    assert.equal(PhaseTransferKindSchema.parse('post16ToPost16'), 'post16ToPost16');
    assert.equal(PhaseTransferKindSchema.safeParse('sixthForm').success, false);
  });
});
