import assert from 'node:assert/strict';
import { explainTribunalAppealDeadline, mediationArrangedBy, mediationCertificateDeadline, tribunalAppealDeadline } from '../../../bot/statutory';

describe('tribunalAppealDeadline()', () => {
  it('is 2 calendar months after the decision letter when that is a working day', () => {
    assert.equal(tribunalAppealDeadline('2026-01-12'), '2026-03-12');
    assert.equal(explainTribunalAppealDeadline('2026-01-12').adjustment, 'none');
  });

  it('rolls a deadline that lands on a Saturday forward to Monday', () => {
    const detail = explainTribunalAppealDeadline('2026-01-07');
    assert.equal(detail.unadjusted, '2026-03-07');
    assert.equal(detail.deadline, '2026-03-09');
    assert.equal(detail.adjustment, 'nonWorkingDay');
  });

  it('rolls a deadline that lands on Good Friday past Easter Monday to Tuesday', () => {
    assert.equal(tribunalAppealDeadline('2026-02-03'), '2026-04-07');
  });

  it('clamps at month end: 31 December + 2 months is 28 February, then rolls off the weekend', () => {
    assert.equal(explainTribunalAppealDeadline('2025-12-31').unadjusted, '2026-02-28');
    assert.equal(tribunalAppealDeadline('2025-12-31'), '2026-03-02');
    assert.equal(tribunalAppealDeadline('2023-12-31'), '2024-02-29');
  });

  it('moves a deadline landing on 27 December to the first working day after 1 January', () => {
    const detail = explainTribunalAppealDeadline('2026-10-27');
    assert.equal(detail.unadjusted, '2026-12-27');
    assert.equal(detail.deadline, '2027-01-04');
    assert.equal(detail.adjustment, 'christmasNewYear');
  });

  it('treats 25 December and 1 January as inside the Christmas period', () => {
    assert.equal(tribunalAppealDeadline('2026-10-25'), '2027-01-04');
    assert.equal(tribunalAppealDeadline('2026-11-01'), '2027-01-04');
  });

  it('skips the New Year substitute day when 1 January 2028 is a Saturday', () => {
    assert.equal(tribunalAppealDeadline('2027-10-27'), '2028-01-04');
  });

  it('leaves 24 December alone when it is a working day', () => {
    assert.equal(tribunalAppealDeadline('2027-10-24'), '2027-12-24');
  });

  it('moves a deadline landing on 10 August to 1 September when that is a working day', () => {
    const detail = explainTribunalAppealDeadline('2026-06-10');
    assert.equal(detail.unadjusted, '2026-08-10');
    assert.equal(detail.deadline, '2026-09-01');
    assert.equal(detail.adjustment, 'august');
  });

  it('moves an August deadline to the next working day when 1 September is a Sunday (2024)', () => {
    assert.equal(tribunalAppealDeadline('2024-06-10'), '2024-09-02');
  });

  it('uses the mediation certificate + 1 month when that is later than the decision + 2 months', () => {
    const detail = explainTribunalAppealDeadline('2026-01-12', '2026-03-02');
    assert.equal(detail.fromDecision, '2026-03-12');
    assert.equal(detail.fromMediationCertificate, '2026-04-02');
    assert.equal(detail.basis, 'mediationCertificate');
    assert.equal(detail.deadline, '2026-04-02');
  });

  it('keeps the decision + 2 months when the certificate period ends earlier', () => {
    const detail = explainTribunalAppealDeadline('2026-01-12', '2026-01-20');
    assert.equal(detail.basis, 'decision');
    assert.equal(detail.deadline, '2026-03-12');
    assert.equal(tribunalAppealDeadline('2026-01-12', null), '2026-03-12');
  });

  it('applies the August rule to a certificate period ending on the summer bank holiday', () => {
    assert.equal(tribunalAppealDeadline('2026-05-01', '2026-07-31'), '2026-09-01');
  });

  it('applies the Christmas rule to a certificate period ending on Boxing Day', () => {
    assert.equal(tribunalAppealDeadline('2026-10-01', '2026-11-26'), '2027-01-04');
  });
});

describe('mediation timescales', () => {
  it('gives 3 working days for a mediation certificate, skipping Christmas', () => {
    assert.equal(mediationCertificateDeadline('2026-03-02'), '2026-03-05');
    assert.equal(mediationCertificateDeadline('2026-12-23'), '2026-12-30');
  });

  it('gives 30 calendar days to arrange mediation', () => {
    assert.equal(mediationArrangedBy('2026-03-01'), '2026-03-31');
  });
});
