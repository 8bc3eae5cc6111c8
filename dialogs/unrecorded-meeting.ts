/**
 * "The meeting booked for 23 October 2026 has no record. Was it held?" Asked before a plan with such
 * a meeting is booked, moved or looked at, from the overdue list's buttons, and from the weekly
 * reminder card. Yes records the outcome; No marks it not held with the reason and books the new
 * meeting; Not sure asks the school for the review report. The rules are in bot/casework/unrecorded.ts.
 */
import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { UnrecordedMeeting } from '../bot/records/compliance';
import { UNRECORDED_ANSWERS, type RecordedChange, type UnrecordedAnswer, type UnrecordedReminder, type UnrecordedResult, type UnrecordedView } from '../bot/casework/unrecorded';
import { identityOf } from '../bot/identity/identity';
import { formatLongDate } from '../bot/statutory';
import { cardMessage, choiceCard, type AdaptiveCard } from './cards';
import { choicePrompt, choiceQuestion, textPrompt } from './form';
import { NOT_FOUND } from './plan-status';
import { BOOK_REVIEW, BookReviewDialog } from './book-review';
import { RECORD_OUTCOME, RecordOutcomeDialog } from './record-outcome';
import { planChoiceQuestion } from './review-cards';
import type { StartOptions } from './router';
import type { DialogServices } from './services';

export const UNRECORDED_MEETING = 'unrecordedMeeting';

/** The three answers, as buttons. */
export const ANSWER_TITLES: Readonly<Record<UnrecordedAnswer, string>> = {
  held: 'Yes, it was held',
  not_held: 'No, it was not held',
  not_sure: 'Not sure: ask the school',
};
const TITLES = UNRECORDED_ANSWERS.map((a) => ANSWER_TITLES[a]);
const SHOWN = 8;

export interface UnrecordedOptions extends StartOptions {
  readonly planRef?: string;
  /** The meeting a reminder card was about: if it has been recorded since, the reply says by whom. */
  readonly reviewId?: string;
  /** The button pressed on a reminder card, so the question is not asked twice. */
  readonly answer?: UnrecordedAnswer;
  /** Started by the booking dialog: after "not held", hand back so the booking carries on. */
  readonly thenReturn?: boolean;
  /** Started after a plan's status: say nothing when the person may not record outcomes for it. */
  readonly quiet?: boolean;
}

/** What the dialog hands back to a parent dialog. */
export interface UnrecordedOutcome {
  readonly planRef?: string;
  readonly outcome: 'held' | 'not_held' | 'school_asked' | 'none';
}

interface State {
  meeting?: UnrecordedView;
  answer?: UnrecordedAnswer;
  key: string;
}

const P = { plan: 'unrecorded.plan', answer: 'unrecorded.answer', reason: 'unrecorded.reason' } as const;
const STAFF_ONLY = 'Only the council’s SEND caseworkers and managers can record review meetings.';

/** "Was it held?" with the three answers; also used by the reminder card. */
export function wasItHeldQuestion(m: UnrecordedView): Partial<Activity> {
  const who = m.childName ? `${m.childName} (${m.planRef})` : m.planRef;
  return choiceQuestion(`The review meeting for ${who} booked for ${formatLongDate(m.date)} has no record. Was it held?`, TITLES);
}

/** "Already recorded …, by whom": when someone else answered first. */
export function alreadyText(c: RecordedChange): string {
  const what =
    c.status === 'held'
      ? `was already recorded as held on ${formatLongDate(c.date)}`
      : c.status === 'not_held'
        ? `was already recorded as not held`
        : c.status === 'cancelled'
          ? 'was cancelled'
          : `is now booked for ${formatLongDate(c.date)}`;
  return `The meeting for ${c.planRef} ${what}, by ${c.by} on ${formatLongDate(c.on)}. Nothing has been changed.`;
}

/** The reply to an answer. */
export function unrecordedReply(result: UnrecordedResult, council: { sendEmail: string }): string {
  switch (result.kind) {
    case 'denied':
      return 'I could not record that: this plan is not one you can record meetings for. It may have moved to another caseworker. Nothing has been changed.';
    case 'repeat':
      return 'That answer has already been recorded. Nothing more has been changed.';
    case 'already':
      return alreadyText(result.change);
    case 'not_held': {
      const late = result.reviewDaysLate
        ? ` The annual review was due by ${formatLongDate(result.reviewDue!)} and is now ${result.reviewDaysLate} ${result.reviewDaysLate === 1 ? 'day' : 'days'} late (Children and Families Act 2014, section 44(1)).`
        : result.reviewDue
          ? ` The annual review is due by ${formatLongDate(result.reviewDue)}.`
          : '';
      return `Recorded: the meeting for ${result.planRef} booked for ${formatLongDate(result.date)} did not take place. The reason is kept with the meeting’s history.${late}`;
    }
    case 'school_asked':
      return (
        `I have emailed ${result.school} (${result.email}) for the review report. It is due within 2 weeks of the meeting (SEND Regulations 2014, regulation 20(7)). ` +
        `The meeting stays on your list as booked, not recorded, and you will be reminded each week. When you know, answer "Yes, it was held" or "No, it was not held".`
      );
    case 'no_school_email':
      return (
        `The invitation has no email address for ${result.school ?? 'the school'}, so I could not ask them. Please contact the school for the review report, and ask them to send it to ${council.sendEmail}. ` +
        'The meeting stays on your list as booked, not recorded, until you answer.'
      );
  }
}

/** One line per meeting for the overdue list and the morning card: how long ago, how late the review, reminders. */
export function unrecordedLine(u: UnrecordedMeeting): string {
  const late = u.reviewDaysLate ? `review ${u.reviewDaysLate} ${u.reviewDaysLate === 1 ? 'day' : 'days'} late` : `review due ${formatLongDate(u.reviewDue)}`;
  const chased = [
    ...(u.reminders > 0 ? [`${u.reminders} ${u.reminders === 1 ? 'reminder' : 'reminders'} sent`] : []),
    ...(u.schoolAsked ? [`school asked ${formatLongDate(u.schoolAsked)}`] : []),
  ];
  return `${u.plan.id}: meeting booked for ${formatLongDate(u.record.proposedDate)}, ${u.daysSince} ${u.daysSince === 1 ? 'day' : 'days'} ago; ${late}${chased.length ? `; ${chased.join(', ')}` : ''}`;
}

/** A card with a button per meeting that asks its question ("EHC-000196: booked for 23 October 2026"). */
export function unrecordedButtons(items: readonly UnrecordedMeeting[]): AdaptiveCard | undefined {
  if (items.length === 0) return undefined;
  const more = items.length > SHOWN ? [`Showing the ${SHOWN} oldest. Type "meetings not recorded" for the whole list.`] : [];
  return choiceCard({
    heading: `Say what happened to ${items.length === 1 ? 'the meeting' : 'the meetings'} booked but not recorded`,
    lines: more,
    buttons: items
      .slice(0, SHOWN)
      .map((u) => ({ title: `${u.plan.id}: booked for ${formatLongDate(u.record.proposedDate)}`, data: { action: UNRECORDED_MEETING, planRef: u.plan.id } })),
  });
}

/** The reminder to the caseworker: "Did the review for Ravi (EHC-000002) happen on 23 October 2026?", with the three answers. */
export function reminderCard(r: UnrecordedReminder): Partial<Activity> {
  const who = r.childName ? `${r.childName} (${r.planRef})` : r.planRef;
  const heading = `Did the review for ${who} happen on ${formatLongDate(r.date)}?`;
  const lines = [
    `The meeting was booked for ${formatLongDate(r.date)}, ${r.daysSince} ${r.daysSince === 1 ? 'day' : 'days'} ago, and nothing has been recorded.`,
    r.schoolEmailed
      ? 'I have emailed the school for the review report (due within 2 weeks of the meeting, SEND Regulations 2014, regulation 20(7)).'
      : 'The invitation has no email address for the school.',
    `Reminder ${r.reminder}: you will be reminded each week until it is recorded.`,
  ];
  return cardMessage(
    [heading, ...lines, ...TITLES.map((t) => `- ${t}`)].join('\n\n'),
    choiceCard({
      heading,
      lines,
      buttons: UNRECORDED_ANSWERS.map((answer) => ({ title: ANSWER_TITLES[answer], data: { action: UNRECORDED_MEETING, planRef: r.planRef, reviewId: r.reviewId, answer } })),
    }),
  );
}

/** The daily reminder job (2 working days after the meeting's date, then weekly). Returns how many meetings were chased. */
export function sendUnrecordedReminders(services: DialogServices): Promise<number> {
  return services.casework.unrecorded.chase(reminderCard);
}

export class UnrecordedMeetingDialog extends ComponentDialog {
  /**
   * @param canBook add the booking dialog, to book the new meeting after "not held" (the booking
   * dialog's own copy of this dialog has it off, and hands back instead).
   */
  constructor(
    private readonly services: DialogServices,
    private readonly canBook = true,
  ) {
    super(UNRECORDED_MEETING);
    this.addDialog(new RecordOutcomeDialog(services));
    if (canBook) this.addDialog(new BookReviewDialog(services, { askAboutUnrecorded: false }));
    this.addDialog(textPrompt(P.plan, { min: 3, max: 20, what: 'the plan reference' }));
    this.addDialog(choicePrompt(P.answer, TITLES));
    this.addDialog(textPrompt(P.reason, { min: 3, max: 300, what: 'why the meeting did not take place' }));
    this.addDialog(
      new WaterfallDialog<UnrecordedOptions>(`${UNRECORDED_MEETING}.steps`, [
        (s) => this.choosePlan(s),
        (s) => this.open(s),
        (s) => this.act(s),
        (s) => this.afterAct(s),
        // After the new meeting's booking dialog.
        (s) => s.endDialog({ planRef: this.state(s).meeting?.planRef, outcome: 'not_held' } satisfies UnrecordedOutcome),
      ]),
    );
    this.initialDialogId = `${UNRECORDED_MEETING}.steps`;
  }

  private state(step: WaterfallStepContext): State {
    const values = step.values as Partial<State>;
    values.key ??= `unrecorded-${randomUUID()}`;
    return values as State;
  }

  private async choosePlan(step: WaterfallStepContext<UnrecordedOptions>): Promise<DialogTurnResult> {
    const identity = identityOf(step.context);
    if (step.options.planRef) return step.next(step.options.planRef);
    const items = await this.services.casework.unrecorded.list(identity);
    if (!items) {
      await step.context.sendActivity(STAFF_ONLY);
      return step.endDialog({ outcome: 'none' } satisfies UnrecordedOutcome);
    }
    if (items.length === 0) {
      await step.context.sendActivity('There are no meetings booked for a past date without a record. Every booked meeting has been recorded.');
      return step.endDialog({ outcome: 'none' } satisfies UnrecordedOutcome);
    }
    return step.prompt(P.plan, {
      prompt: planChoiceQuestion(
        `${items.length} ${items.length === 1 ? 'meeting has' : 'meetings have'} no record of whether they were held. Which one do you want to record? Oldest first.`,
        items.slice(0, SHOWN).map((u) => ({ ref: u.plan.id, label: `${u.plan.id}: booked for ${formatLongDate(u.record.proposedDate)}` })),
        'Or type a plan reference, like EHC-000123.',
      ),
    });
  }

  private async open(step: WaterfallStepContext<UnrecordedOptions>): Promise<DialogTurnResult> {
    const opened = await this.services.casework.unrecorded.open(identityOf(step.context), String(step.result ?? ''), step.options.reviewId);
    if (opened.kind !== 'ready') {
      if (!step.options.quiet) {
        await step.context.sendActivity(
          opened.kind === 'not_found'
            ? step.options.reviewId
              ? unrecordedReply({ kind: 'denied' }, this.services.council)
              : NOT_FOUND
            : opened.change
              ? alreadyText(opened.change)
              : `There is no meeting on ${opened.planRef} booked for a past date without a record.`,
        );
      }
      return step.endDialog({ outcome: 'none', ...(opened.kind === 'none' ? { planRef: opened.planRef } : {}) } satisfies UnrecordedOutcome);
    }
    const state = this.state(step);
    state.meeting = opened.meeting;
    if (step.options.answer) return step.next(ANSWER_TITLES[step.options.answer]);
    return step.prompt(P.answer, { prompt: wasItHeldQuestion(opened.meeting) });
  }

  private async act(step: WaterfallStepContext<UnrecordedOptions>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const meeting = state.meeting!;
    state.answer = UNRECORDED_ANSWERS.find((a) => ANSWER_TITLES[a] === step.result) ?? 'not_sure';
    if (state.answer === 'held') return step.beginDialog(RECORD_OUTCOME, { text: meeting.planRef } satisfies StartOptions);
    if (state.answer === 'not_held') {
      return step.prompt(P.reason, { prompt: 'Why did the meeting not take place? For example "The school closed for snow". This is kept with the meeting’s history.' });
    }
    const result = await this.services.casework.unrecorded.askSchool(identityOf(step.context), { reviewId: meeting.reviewId, key: state.key });
    await step.context.sendActivity(unrecordedReply(result, this.services.council));
    return step.endDialog({ planRef: meeting.planRef, outcome: result.kind === 'school_asked' ? 'school_asked' : 'none' } satisfies UnrecordedOutcome);
  }

  private async afterAct(step: WaterfallStepContext<UnrecordedOptions>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const meeting = state.meeting!;
    if (state.answer === 'held') return step.endDialog({ planRef: meeting.planRef, outcome: 'held' } satisfies UnrecordedOutcome);
    const result = await this.services.casework.unrecorded.markNotHeld(identityOf(step.context), { reviewId: meeting.reviewId, reason: String(step.result), key: state.key });
    if (result.kind !== 'not_held') {
      await step.context.sendActivity(unrecordedReply(result, this.services.council));
      return step.endDialog({ planRef: meeting.planRef, outcome: 'none' } satisfies UnrecordedOutcome);
    }
    const done = { planRef: meeting.planRef, outcome: 'not_held' } satisfies UnrecordedOutcome;
    await step.context.sendActivity(`${unrecordedReply(result, this.services.council)} Now book the new meeting.`);
    if (step.options.thenReturn || !this.canBook) return step.endDialog(done);
    return step.beginDialog(BOOK_REVIEW, { text: meeting.planRef } satisfies StartOptions);
  }
}
