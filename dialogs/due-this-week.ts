import type { Activity } from 'botbuilder';
import { OneStepDialog } from './one-step';
import type { DueThisWeek } from '../bot/casework/compliance';
import { identityOf } from '../bot/identity/identity';
import { formatLongDate } from '../bot/statutory';
import { adaptiveCard, cardMessage } from './cards';
import type { DialogServices } from './services';
import { unrecordedButtons, unrecordedLine } from './unrecorded-meeting';

export const DUE_THIS_WEEK = 'dueThisWeek';
const SHOWN = 8;

interface Section {
  readonly heading: string;
  readonly empty: string;
  readonly items: readonly string[];
}

/**
 * "What's due this week" for a caseworker's caseload (a manager: every plan): annual reviews due
 * with no meeting booked, meetings held with no decision yet, and complaints whose response is due.
 * Sent on demand and, for staff who installed the app, each morning at the configured time.
 */
export function dueThisWeekMessage(week: DueThisWeek): Partial<Activity> {
  const { today, weekEnd, reviews, decisions, complaints, unrecorded } = week;
  const sections: Section[] = [
    {
      heading: `Annual reviews due with no meeting booked (${reviews.length})`,
      empty: 'None this week.',
      items: reviews.map((r) => `${r.record.id}: due ${formatLongDate(r.deadline.date)}`),
    },
    {
      heading: `Meetings booked, not recorded (${unrecorded.length})`,
      empty: 'None.',
      items: unrecorded.map(unrecordedLine),
    },
    {
      heading: `Review meetings with no decision after 4 weeks (${decisions.length})`,
      empty: 'None.',
      items: decisions.map((d) => `${d.record.planRef}: decision was due ${formatLongDate(d.deadline.date)} (${d.daysLate} days late)`),
    },
    {
      heading: `Complaint responses due by ${formatLongDate(weekEnd)} (${complaints.length})`,
      empty: 'None.',
      items: complaints.map(({ complaint: c, due }) => `${c.id}: response due ${formatLongDate(due)}${due < today ? ' (overdue)' : ''}`),
    },
  ];
  const who = week.caseloadOnly ? 'your caseload' : 'all plans';
  const intro = `What's due this week for ${who} (${formatLongDate(today)} to ${formatLongDate(weekEnd)}).`;
  const text = [
    intro,
    ...sections.map(
      (s) =>
        `${s.heading}:\n${
          s.items.length
            ? s.items
                .slice(0, SHOWN)
                .map((i) => `- ${i}`)
                .join('\n')
            : s.empty
        }`,
    ),
  ].join('\n\n');
  const card = adaptiveCard({
    body: [
      { type: 'TextBlock', text: "What's due this week", weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'TextBlock', text: intro, wrap: true },
      ...sections.flatMap((s) => [
        { type: 'TextBlock', text: s.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        ...(s.items.length ? s.items.slice(0, SHOWN) : [s.empty]).map((i) => ({ type: 'TextBlock', text: i, wrap: true, spacing: 'Small' })),
        ...(s.items.length > SHOWN ? [{ type: 'TextBlock', text: `and ${s.items.length - SHOWN} more`, isSubtle: true, wrap: true }] : []),
      ]),
    ],
    // A button per meeting booked but not recorded, to say what happened.
    ...(unrecorded.length ? { actions: unrecordedButtons(unrecorded)!.actions ?? [] } : {}),
    fallbackText: text,
  });
  return cardMessage(text, card);
}

/** The on-demand version, from the menu or "what's due this week". */
export class DueThisWeekDialog extends OneStepDialog {
  constructor(services: DialogServices) {
    super(DUE_THIS_WEEK, async (context) => {
      const week = await services.casework.compliance.dueThisWeek(identityOf(context));
      return week ? dueThisWeekMessage(week) : "Only caseworkers and team managers have a list of what's due.";
    });
  }
}

/**
 * Sends each caseworker and manager who installed the app their "what's due this week" card, once a
 * day. Returns how many were sent.
 */
export function sendDueThisWeek(services: DialogServices): Promise<number> {
  return services.casework.compliance.sendDueThisWeek((week) => dueThisWeekMessage(week));
}
