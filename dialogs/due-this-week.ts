import type { Activity, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AccessDeniedError } from '../bot/identity/access';
import { identityOf, type Identity } from '../bot/identity/identity';
import { deadlinesOf, type StaffId } from '../bot/records';
import { addDays, formatLongDate } from '../bot/statutory';
import { cardMessage, type AdaptiveCard } from './cards';
import type { DialogServices } from './services';

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
export async function dueThisWeekMessage(services: DialogServices, identity: Identity): Promise<Partial<Activity> | undefined> {
  try {
    await services.guard.authorize(identity, 'compliance.overdue');
  } catch (error) {
    if (error instanceof AccessDeniedError) return undefined;
    throw error;
  }
  if (identity.kind !== 'staff') return undefined;
  const today = services.today();
  const weekEnd = addDays(today, 7);
  const caseload = identity.roles.includes('team_manager') ? {} : { caseworkerId: identity.actorId as StaffId };
  const { compliance, complaints, plans } = services.records;
  const [reviews, decisions, open, myPlans] = await Promise.all([
    compliance.reviewsDueWithoutMeeting(today, 1, caseload),
    compliance.decisionsOverdue(today, caseload),
    complaints.open(),
    caseload.caseworkerId ? plans.caseload(caseload.caseworkerId) : Promise.resolve(undefined),
  ]);
  const mine = myPlans ? new Set(myPlans.map((p) => p.childId)) : undefined;
  const complaintsDue = open
    .map((c) => ({ c, due: deadlinesOf(c).respondBy }))
    .filter(({ c, due }) => due <= weekEnd && (!mine || (c.childId !== undefined && mine.has(c.childId)) || c.handlerId === identity.actorId))
    .sort((a, b) => a.due.localeCompare(b.due));
  const sections: Section[] = [
    {
      heading: `Annual reviews due with no meeting booked (${reviews.length})`,
      empty: 'None this week.',
      items: reviews.map((r) => `${r.record.id}: due ${formatLongDate(r.deadline.date)}`),
    },
    {
      heading: `Review meetings with no decision after 4 weeks (${decisions.length})`,
      empty: 'None.',
      items: decisions.map((d) => `${d.record.planRef}: decision was due ${formatLongDate(d.deadline.date)} (${d.daysLate} days late)`),
    },
    {
      heading: `Complaint responses due by ${formatLongDate(weekEnd)} (${complaintsDue.length})`,
      empty: 'None.',
      items: complaintsDue.map(({ c, due }) => `${c.id}: response due ${formatLongDate(due)}${due < today ? ' (overdue)' : ''}`),
    },
  ];
  const who = identity.roles.includes('team_manager') ? 'all plans' : 'your caseload';
  const intro = `What's due this week for ${who} (${formatLongDate(today)} to ${formatLongDate(weekEnd)}).`;
  const text = [intro, ...sections.map((s) => `${s.heading}:\n${s.items.length ? s.items.slice(0, SHOWN).map((i) => `- ${i}`).join('\n') : s.empty}`)].join('\n\n');
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: "What's due this week", weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'TextBlock', text: intro, wrap: true },
      ...sections.flatMap((s) => [
        { type: 'TextBlock', text: s.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        ...(s.items.length ? s.items.slice(0, SHOWN) : [s.empty]).map((i) => ({ type: 'TextBlock', text: i, wrap: true, spacing: 'Small' })),
        ...(s.items.length > SHOWN ? [{ type: 'TextBlock', text: `and ${s.items.length - SHOWN} more`, isSubtle: true, wrap: true }] : []),
      ]),
    ],
    fallbackText: text,
  };
  return cardMessage(text, card);
}

/** The on-demand version, from the menu or "what's due this week". */
export class DueThisWeekDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(DUE_THIS_WEEK);
    this.addDialog(new WaterfallDialog(`${DUE_THIS_WEEK}.steps`, [(step) => this.show(step)]));
    this.initialDialogId = `${DUE_THIS_WEEK}.steps`;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const message = await dueThisWeekMessage(this.services, identityOf(step.context));
    await step.context.sendActivity(message ?? "Only caseworkers and team managers have a list of what's due.");
    return step.endDialog();
  }
}

/** Remembers where to send a staff member's morning card: their personal chat with the assistant. */
export async function rememberStaffChat(services: DialogServices, context: TurnContext, identity: Identity): Promise<void> {
  if (identity.kind === 'staff' && context.activity.conversation?.conversationType !== 'channel') {
    await services.proactive.remember(`staff:${identity.actorId}`, context);
  }
}

/**
 * Sends each caseworker and manager who installed the app their "what's due this week" card, once a
 * day (a claim per person per day, so several instances send it once). Returns how many were sent.
 */
export async function sendDueThisWeek(services: DialogServices): Promise<number> {
  const today = services.today();
  let sent = 0;
  const staff = (await services.records.staff.list()).filter((s) => s.active && (s.roles.includes('caseworker') || s.roles.includes('team_manager')));
  for (const member of staff) {
    const reference = await services.proactive.referenceFor(`staff:${member.id}`);
    if (!reference || !(await services.proactive.claimOnce(`due-this-week:${today}:${member.id}`))) continue;
    const identity: Identity = { kind: 'staff', actorId: member.id, name: member.displayName, roles: member.roles, channel: 'teams' };
    const message = await dueThisWeekMessage(services, identity);
    if (message && (await services.proactive.send(`due-this-week:${member.id}`, reference, message)) !== 'failed') sent++;
  }
  return sent;
}
