import assert from 'node:assert/strict';
import { sendiasFigures } from '../../../bot/triage';
import { enquiry } from '../../helpers/enquiry';

describe('sendiasFigures(): SENDIAS’s own figures for a period', () => {
  const period = { from: '2025-03-12', to: '2026-03-11', today: '2026-03-11', ackWorkingDays: 2 };

  it('counts acknowledgements against the working-day target, and only those already due', () => {
    const figures = sendiasFigures(
      [
        // Received Monday 2 March: due by Wednesday 4 March; acknowledged on the 4th (in time).
        enquiry({ id: 'ENQ-2026-00001', createdAt: '2026-03-02T09:00:00.000Z', acknowledgedAt: '2026-03-04T16:00:00.000Z', status: 'assigned' }),
        // Received Friday 6 March: due by Tuesday 10 March (the weekend skipped); acknowledged on the 11th (late).
        enquiry({ id: 'ENQ-2026-00002', createdAt: '2026-03-06T09:00:00.000Z', acknowledgedAt: '2026-03-11T09:00:00.000Z', status: 'assigned' }),
        // Received today: not due yet, not counted either way.
        enquiry({ id: 'ENQ-2026-00003', createdAt: '2026-03-11T09:00:00.000Z', priority: { safeguarding: true } }),
        // Received before the period.
        enquiry({
          id: 'ENQ-2025-00009',
          createdAt: '2025-01-06T09:00:00.000Z',
          acknowledgedAt: '2025-01-06T10:00:00.000Z',
          status: 'closed',
          closedAt: '2025-01-10T10:00:00.000Z',
          outcome: 'signposted',
        }),
      ],
      period,
    );
    assert.equal(figures.received, 3);
    assert.equal(figures.acknowledgementDue, 2);
    assert.equal(figures.acknowledgedInTime, 1);
    assert.deepEqual(figures.openByPriority, { urgent: 1, high: 0, normal: 2 });
    assert.equal(figures.closed, 0, 'closed before the period');
    assert.equal(figures.medianDaysToClose, undefined);
  });

  it('gives the median days to close and the outcomes of enquiries closed in the period', () => {
    const closed = (id: string, from: string, to: string) =>
      enquiry({ id, createdAt: `${from}T09:00:00.000Z`, acknowledgedAt: `${from}T10:00:00.000Z`, status: 'closed', closedAt: `${to}T12:00:00.000Z`, outcome: 'advice_given' });
    const figures = sendiasFigures(
      [closed('ENQ-2026-00011', '2026-02-02', '2026-02-05'), closed('ENQ-2026-00012', '2026-02-02', '2026-02-12'), closed('ENQ-2026-00013', '2026-02-02', '2026-02-03')],
      period,
    );
    assert.equal(figures.closed, 3);
    assert.equal(figures.medianDaysToClose, 3);
    assert.deepEqual(figures.closedByOutcome, { advice_given: 3 });
  });
});
