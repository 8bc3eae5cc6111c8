/**
 * "SENDIAS figures": SENDIAS's own report for its advisers (enquiries received, acknowledged in
 * time, open by priority, time to close). Council staff never see it: SENDIAS is at arm's length.
 */
import type { Activity } from 'botbuilder';
import { OUTCOME_TITLES } from '../bot/casework/enquiries';
import { identityOf } from '../bot/identity/identity';
import { ENQUIRY_OUTCOMES } from '../bot/records/enquiries';
import { formatLongDate } from '../bot/statutory';
import type { SendiasFigures } from '../bot/triage';
import { factsMessage } from './cards';
import { OneStepDialog } from './one-step';
import type { DialogServices } from './services';

export const SENDIAS_REPORT = 'sendiasReport';

const share = (part: number, whole: number): string => (whole === 0 ? 'none due' : `${part} of ${whole} (${Math.round((part / whole) * 100)}%)`);

export function sendiasReportMessage(f: SendiasFigures, ackWorkingDays: number): Partial<Activity> {
  const headline = `SENDIAS figures for the last 12 months (${formatLongDate(f.from)} to ${formatLongDate(f.to)}): ${f.received} ${f.received === 1 ? 'enquiry' : 'enquiries'} received; acknowledged within ${ackWorkingDays} working days: ${share(f.acknowledgedInTime, f.acknowledgementDue)}.`;
  const facts: [string, string][] = [
    ['Enquiries received', String(f.received)],
    [`Acknowledged within ${ackWorkingDays} working days`, share(f.acknowledgedInTime, f.acknowledgementDue)],
    ['Open now: urgent', String(f.openByPriority.urgent)],
    ['Open now: high', String(f.openByPriority.high)],
    ['Open now: normal', String(f.openByPriority.normal)],
    ['Closed', String(f.closed)],
    ['Median days to close', f.medianDaysToClose === undefined ? 'none closed' : String(f.medianDaysToClose)],
    ...ENQUIRY_OUTCOMES.filter((o) => f.closedByOutcome[o]).map((o): [string, string] => [`Closed: ${OUTCOME_TITLES[o].toLowerCase()}`, String(f.closedByOutcome[o])]),
  ];
  return factsMessage('SENDIAS figures', headline, [{ facts }], 'These figures are for SENDIAS advisers only.');
}

export class SendiasReportDialog extends OneStepDialog {
  constructor(services: DialogServices) {
    super(SENDIAS_REPORT, async (context) => {
      const figures = await services.casework.enquiries.figures(identityOf(context));
      return figures
        ? sendiasReportMessage(figures, services.casework.enquiries.ackWorkingDays)
        : 'Sorry, SENDIAS figures are only for SENDIAS advisers. SENDIAS is separate from the council’s SEND team.';
    });
  }
}
