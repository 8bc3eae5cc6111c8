import type { Activity } from 'botbuilder';
import { OneStepDialog } from './one-step';
import { cardMessage } from './cards';
import { unrecordedButtons, unrecordedLine } from './unrecorded-meeting';
import type { ComplaintQueue, Overdue } from '../bot/casework/compliance';
import { identityOf, type Identity } from '../bot/identity/identity';
import { formatLongDate } from '../bot/statutory';
import type { DialogServices } from './services';

export const OVERDUE = 'overdue';
export const COMPLAINT_QUEUE = 'complaintQueue';
const SHOWN = 10;

export function shortList(heading: string, items: readonly string[], empty: string): string {
  if (items.length === 0) return `${heading} (0): ${empty}`;
  const more = items.length > SHOWN ? `\n- and ${items.length - SHOWN} more` : '';
  return `${heading} (${items.length}):\n${items
    .slice(0, SHOWN)
    .map((i) => `- ${i}`)
    .join('\n')}${more}`;
}

/** A meeting booked for the overdue review (still to come: one whose date has passed is listed as booked, not recorded). */
export function meetingNote(proposedDate: string | undefined): string {
  return proposedDate ? ` (meeting booked for ${formatLongDate(proposedDate)})` : '';
}

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'} late`;
const REFUSAL = 'Sorry, that list is only for the council’s SEND caseworkers and managers.';

/** A one-step dialog that sends one list, or the refusal when the casework says the person may not see it. */
class StaffListDialog extends OneStepDialog {
  constructor(id: string, render: (identity: Identity) => Promise<Partial<Activity> | string | undefined>) {
    super(id, async (context) => (await render(identityOf(context))) ?? REFUSAL);
  }
}

/** "What's overdue": every statutory deadline missed on the caseload (a manager: all plans), with days late. */
export function overdueText(o: Overdue): string {
  const { today } = o;
  // A review whose booked meeting has passed without a record is listed once, as booked, not recorded.
  const unrecorded = new Set(o.unrecorded.map((u) => u.plan.id));
  return [
    `Overdue on ${o.caseloadOnly ? 'your caseload' : 'all plans'}, ${formatLongDate(today)}. Most late first.`,
    shortList(
      'Annual reviews not held',
      o.reviews
        .filter((r) => !unrecorded.has(r.record.id))
        .map((r) => `${r.record.id}: due ${formatLongDate(r.deadline.date)}, ${days(r.daysLate)}${meetingNote(r.bookedMeeting?.proposedDate)}`),
      'none',
    ),
    shortList('Meetings booked, not recorded (the date has passed; was it held?)', o.unrecorded.map(unrecordedLine), 'none'),
    shortList(
      'Decisions after a review meeting',
      o.decisions.map((d) => `${d.record.planRef}: due ${formatLongDate(d.deadline.date)}, ${days(d.daysLate)}`),
      'none',
    ),
    shortList(
      'Final amended plans',
      o.amended.map((d) => `${d.record.planRef}: due ${formatLongDate(d.deadline.date)}, ${days(d.daysLate)}`),
      'none',
    ),
    shortList(
      'Assessments past a statutory point',
      o.assessments.map((a) => `${a.record.id}: ${a.deadline.kind.replace(/_/g, ' ')} due ${formatLongDate(a.deadline.date)}, ${days(a.daysLate)}`),
      'none',
    ),
    shortList(
      'Complaint responses',
      o.complaints.map((m) => `${m.record.id}: due ${formatLongDate(m.deadline.date)}, ${days(m.daysLate)}`),
      'none',
    ),
  ].join('\n\n');
}

/** The complaints queue: open complaints, soonest response first, overdue ones marked. */
export function complaintQueueText(q: ComplaintQueue): string {
  const overdue = q.open.filter(({ due }) => due.respondBy < q.today).length;
  const items = q.open.map(({ complaint: c, due }) => {
    const state = c.acknowledged ? `acknowledged ${formatLongDate(c.acknowledged)}` : `not acknowledged (due ${formatLongDate(due.acknowledgeBy)})`;
    return `${c.id} (stage ${c.stage}, ${c.category.replace(/_/g, ' ')}): response due ${formatLongDate(due.respondBy)}${due.respondBy < q.today ? ' (OVERDUE)' : ''}; ${state}`;
  });
  return [`Open complaints: ${q.open.length}, of which ${overdue} overdue.`, shortList('Soonest response first', items, 'no open complaints')].join('\n\n');
}

export class OverdueDialog extends StaffListDialog {
  constructor(services: DialogServices) {
    super(OVERDUE, async (identity) => {
      const overdue = await services.casework.compliance.overdue(identity);
      if (!overdue) return undefined;
      const buttons = unrecordedButtons(overdue.unrecorded);
      return buttons ? cardMessage(overdueText(overdue), buttons) : overdueText(overdue);
    });
  }
}

export class ComplaintQueueDialog extends StaffListDialog {
  constructor(services: DialogServices) {
    super(COMPLAINT_QUEUE, async (identity) => {
      const queue = await services.casework.compliance.complaintQueue(identity);
      return queue && complaintQueueText(queue);
    });
  }
}
