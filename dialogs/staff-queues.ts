import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AccessDeniedError, type Action } from '../bot/identity/access';
import { identityOf, type Identity } from '../bot/identity/identity';
import { deadlinesOf, type StaffId } from '../bot/records';
import { formatLongDate } from '../bot/statutory';
import type { DialogServices } from './services';

export const OVERDUE = 'overdue';
export const COMPLAINT_QUEUE = 'complaintQueue';
const SHOWN = 10;

export function shortList(heading: string, items: readonly string[], empty: string): string {
  if (items.length === 0) return `${heading} (0): ${empty}`;
  const more = items.length > SHOWN ? `\n- and ${items.length - SHOWN} more` : '';
  return `${heading} (${items.length}):\n${items.slice(0, SHOWN).map((i) => `- ${i}`).join('\n')}${more}`;
}

/** A booked meeting still to come, or one whose date has passed without the meeting being recorded as held. */
export function meetingNote(proposedDate: string | undefined, today: string): string {
  if (!proposedDate) return '';
  return proposedDate < today
    ? ` (meeting booked for ${formatLongDate(proposedDate)}, not recorded as held)`
    : ` (meeting booked for ${formatLongDate(proposedDate)})`;
}

const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'} late`;

/** A one-step dialog that checks access, then sends one list. */
abstract class StaffListDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly action: Action,
    protected readonly services: DialogServices,
  ) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.steps`, [(step) => this.run(step)]));
    this.initialDialogId = `${id}.steps`;
  }

  private async run(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    try {
      await this.services.guard.authorize(identity, this.action);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      await step.context.sendActivity('Sorry, that list is only for the council’s SEND caseworkers and managers.');
      return step.endDialog();
    }
    await step.context.sendActivity(await this.render(identity));
    return step.endDialog();
  }

  protected caseload(identity: Identity): { caseworkerId?: StaffId } {
    return identity.kind === 'staff' && !identity.roles.includes('team_manager') ? { caseworkerId: identity.actorId } : {};
  }

  protected abstract render(identity: Identity): Promise<string>;
}

/** "What's overdue": every statutory deadline missed on the caseload (a manager: all plans), with days late. */
export class OverdueDialog extends StaffListDialog {
  constructor(services: DialogServices) {
    super(OVERDUE, 'compliance.overdue', services);
  }

  protected async render(identity: Identity): Promise<string> {
    const today = this.services.today();
    const filter = this.caseload(identity);
    const c = this.services.records.compliance;
    const [reviews, decisions, amended, assessments, complaints] = await Promise.all([
      c.reviewsOverdue(today, filter),
      c.decisionsOverdue(today, filter),
      c.amendedPlansOverdue(today, filter),
      c.assessmentsOverdue(today, filter),
      c.complaintsOverdue(today, filter),
    ]);
    const byLate = <T extends { daysLate: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => b.daysLate - a.daysLate);
    const who = filter.caseworkerId ? 'your caseload' : 'all plans';
    return [
      `Overdue on ${who}, ${formatLongDate(today)}. Most late first.`,
      shortList('Annual reviews not held', byLate(reviews).map((r) => `${r.record.id}: due ${formatLongDate(r.deadline.date)}, ${days(r.daysLate)}${meetingNote(r.bookedMeeting?.proposedDate, today)}`), 'none'),
      shortList('Decisions after a review meeting', byLate(decisions).map((d) => `${d.record.planRef}: due ${formatLongDate(d.deadline.date)}, ${days(d.daysLate)}`), 'none'),
      shortList('Final amended plans', byLate(amended).map((d) => `${d.record.planRef}: due ${formatLongDate(d.deadline.date)}, ${days(d.daysLate)}`), 'none'),
      shortList('Assessments past a statutory point', byLate(assessments).map((a) => `${a.record.id}: ${a.deadline.kind.replace(/_/g, ' ')} due ${formatLongDate(a.deadline.date)}, ${days(a.daysLate)}`), 'none'),
      shortList('Complaint responses', byLate(complaints).map((m) => `${m.record.id}: due ${formatLongDate(m.deadline.date)}, ${days(m.daysLate)}`), 'none'),
    ].join('\n\n');
  }
}

/** The complaints queue: open complaints, soonest response first, overdue ones marked. */
export class ComplaintQueueDialog extends StaffListDialog {
  constructor(services: DialogServices) {
    super(COMPLAINT_QUEUE, 'complaint.queue', services);
  }

  protected async render(): Promise<string> {
    const today = this.services.today();
    const open = (await this.services.records.complaints.open())
      .map((c) => ({ c, due: deadlinesOf(c) }))
      .sort((a, b) => a.due.respondBy.localeCompare(b.due.respondBy));
    const overdue = open.filter(({ due }) => due.respondBy < today).length;
    const items = open.map(({ c, due }) => {
      const state = c.acknowledged ? `acknowledged ${formatLongDate(c.acknowledged)}` : `not acknowledged (due ${formatLongDate(due.acknowledgeBy)})`;
      return `${c.id} (stage ${c.stage}, ${c.category.replace(/_/g, ' ')}): response due ${formatLongDate(due.respondBy)}${due.respondBy < today ? ' (OVERDUE)' : ''}; ${state}`;
    });
    return [`Open complaints: ${open.length}, of which ${overdue} overdue.`, shortList('Soonest response first', items, 'no open complaints')].join('\n\n');
  }
}
