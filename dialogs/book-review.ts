import { randomUUID } from 'node:crypto';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DateRules } from '../bot/casework/reviews';
import { identityOf } from '../bot/identity/identity';
import type { Invitee, Venue } from '../bot/records';
import { formatLongDate, formatLongDateWithWeekday } from '../bot/statutory';
import { parseUkDate } from './dates';
import { choicePrompt, choiceQuestion, parsedPrompt, textPrompt } from './form';
import { parseOtherInvitees, readTime } from './review-answers';
import { CANCEL, CHANGE, ROLE_NAMES, changeReply, planChoiceQuestion, refusalText, reviewConfirmCard } from './review-cards';
import type { StartOptions } from './router';
import type { DialogServices } from './services';
import { VERIFY, VerifyDialog, type VerifyResult } from './verify';
import { NOT_FOUND } from './plan-status';
import { UNRECORDED_MEETING, UnrecordedMeetingDialog, type UnrecordedOptions, type UnrecordedOutcome } from './unrecorded-meeting';

export const BOOK_REVIEW = 'bookReview';

const VENUES = ['In person', 'Online'] as const;
const CONFIRM = ['Book meeting', 'Confirm', CHANGE, CANCEL] as const;
const EXISTING = ['Move it to another date', 'Cancel the meeting', 'Keep it'] as const;

interface BookingState {
  key: string;
  planRef?: string;
  rules?: DateRules;
  date?: string;
  time?: string;
  venue?: Venue;
  invitees?: Invitee[];
  existingId?: string;
  reason?: string;
  mode?: 'book' | 'reschedule' | 'cancel';
  /** "Was it held?" was asked about a past meeting; its answer comes back to the next step. */
  askedUnrecorded?: boolean;
}

const P = {
  plan: 'bookReview.plan',
  existing: 'bookReview.existing',
  date: 'bookReview.date',
  time: 'bookReview.time',
  venue: 'bookReview.venue',
  place: 'bookReview.place',
  others: 'bookReview.others',
  reason: 'bookReview.reason',
  confirm: 'bookReview.confirm',
} as const;

/**
 * "Book an annual review": a verified parent for their child's plan, staff for a plan in their
 * scope. The rules (2 weeks' notice, late and phase-transfer warnings, the regulation 20(2)
 * invitees, invitations with a calendar file) are in bot/casework/reviews.ts; this dialog asks the
 * questions and words the replies. An existing meeting can be moved or cancelled, keeping its history.
 */
export class BookReviewDialog extends ComponentDialog {
  /**
   * @param options.askAboutUnrecorded ask "Was it held?" about a past meeting with no record before
   * booking (on, except in the copy inside that question's own dialog, which has just asked it).
   */
  constructor(
    private readonly services: DialogServices,
    private readonly options: { readonly askAboutUnrecorded?: boolean } = {},
  ) {
    super(BOOK_REVIEW);
    if (options.askAboutUnrecorded !== false) this.addDialog(new UnrecordedMeetingDialog(services, false));
    // Its own copy: a component's inner dialogs are looked up in its own set when it is re-prompted
    // (a safeguarding message mid-verification), where the root set cannot be seen.
    this.addDialog(new VerifyDialog(services));
    this.addDialog(textPrompt(P.plan, { min: 3, max: 20, what: 'the plan reference' }));
    this.addDialog(choicePrompt(P.existing, EXISTING));
    this.addDialog(
      new TextPrompt(P.date, async (prompt) => {
        const rules = prompt.options.validations as DateRules;
        const parsed = parseUkDate(prompt.recognized.value ?? '', this.services.clock.today(), { future: true });
        if (!parsed.ok) {
          await prompt.context.sendActivity(parsed.message);
          return false;
        }
        const blocks = this.reviews.checkDate(parsed.date, rules).filter((p) => p.severity === 'block');
        if (blocks.length > 0) {
          await prompt.context.sendActivity(blocks.map((p) => p.message).join(' '));
          return false;
        }
        prompt.recognized.value = parsed.date;
        return true;
      }),
    );
    this.addDialog(parsedPrompt(P.time, readTime));
    this.addDialog(choicePrompt(P.venue, VENUES));
    this.addDialog(textPrompt(P.place, { min: 3, max: 300, what: 'where the meeting is' }));
    this.addDialog(parsedPrompt(P.others, (text) => parseOtherInvitees(text)));
    this.addDialog(textPrompt(P.reason, { min: 3, max: 300, what: 'the reason' }));
    this.addDialog(choicePrompt(P.confirm, CONFIRM));
    this.addDialog(
      new WaterfallDialog<StartOptions>(`${BOOK_REVIEW}.steps`, [
        (s) => this.start(s),
        (s) => this.choosePlan(s),
        (s) => this.loadPlan(s),
        (s) => this.afterUnrecorded(s),
        (s) => this.afterExisting(s),
        (s) => this.askTime(s),
        (s) => this.askVenue(s),
        (s) => this.askPlace(s),
        (s) => this.askOthers(s),
        (s) => this.confirm(s),
        (s) => this.save(s),
      ]),
    );
    this.initialDialogId = `${BOOK_REVIEW}.steps`;
  }

  private get reviews() {
    return this.services.casework.reviews;
  }

  private state(step: WaterfallStepContext): BookingState {
    const values = step.values as Partial<BookingState>;
    values.key ??= `review-${randomUUID()}`;
    return values as BookingState;
  }

  private async start(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    this.state(step);
    if (identityOf(step.context).kind === 'public') return step.beginDialog(VERIFY, { purpose: "book your child's annual review" });
    return step.next({ verified: true } satisfies VerifyResult);
  }

  private async choosePlan(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    if (!(step.result as VerifyResult | undefined)?.verified) return step.endDialog();
    const identity = identityOf(step.context);
    const typed = identity.kind === 'staff' ? /\bEHC[\s-]?(\d{6})\b/i.exec(step.options.text ?? '') : null;
    if (typed) return step.next(`EHC-${typed[1]}`);
    const plans = await this.reviews.bookablePlans(identity);
    if (plans.kind === 'no_final_plan') {
      await step.context.sendActivity('Annual reviews are for final EHC plans. I could not find a final plan for your child. If you think this is wrong, contact the SEND team.');
      return step.endDialog();
    }
    if (plans.kind === 'one') return step.next(plans.ref);
    // Each choice is checked by the guard again in the next step.
    if (identity.kind === 'parent') return step.prompt(P.plan, { prompt: planChoiceQuestion('Which child is the annual review for?', plans.plans) });
    if (plans.plans.length > 0) {
      return step.prompt(P.plan, {
        prompt: planChoiceQuestion(
          'Which plan is the review for? These final plans on your caseload are due soonest.',
          plans.plans,
          'Or type another plan reference, like EHC-000123.',
        ),
      });
    }
    return step.prompt(P.plan, { prompt: 'Which plan is the review for? Type the reference, like EHC-000123.' });
  }

  private async loadPlan(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    return this.open(step, String(step.result ?? ''));
  }

  /** After "Was it held?": carry on booking once the old meeting is marked not held; otherwise that dialog has said what happens next. */
  private async afterUnrecorded(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (!state.askedUnrecorded) return step.next(step.result);
    state.askedUnrecorded = false;
    const answered = step.result as UnrecordedOutcome | undefined;
    if (answered?.outcome !== 'not_held' || !answered.planRef) return step.endDialog();
    return this.open(step, answered.planRef);
  }

  /** Opens the plan for booking: asks about a past meeting with no record first, offers to move or cancel a booked one, or asks for the date. */
  private async open(step: WaterfallStepContext, ref: string): Promise<DialogTurnResult> {
    const opened = await this.reviews.openForBooking(identityOf(step.context), ref);
    if (opened.kind === 'not_found') {
      await step.context.sendActivity(NOT_FOUND);
      return step.endDialog();
    }
    if (opened.kind === 'not_final') {
      await step.context.sendActivity(`${opened.planRef} is not a final EHC plan yet, so there is no annual review to book. Annual reviews start once a final plan is issued.`);
      return step.endDialog();
    }
    const state = this.state(step);
    if (opened.kind === 'unrecorded') {
      // Never offer every step of a booking the records will refuse at the end.
      if (identityOf(step.context).kind !== 'staff' || this.options.askAboutUnrecorded === false) {
        await step.context.sendActivity(
          identityOf(step.context).kind === 'staff'
            ? `Nothing has been booked. ${refusalText({ kind: 'unrecorded', date: opened.date })}`
            : `A review meeting was booked for ${formatLongDate(opened.date)} and the council has not yet recorded whether it took place, so a new meeting cannot be booked here yet. Please contact your caseworker or the SEND team at ${this.services.council.sendEmail}.`,
        );
        return step.endDialog();
      }
      state.askedUnrecorded = true;
      return step.beginDialog(UNRECORDED_MEETING, { planRef: opened.planRef, reviewId: opened.reviewId, thenReturn: true } satisfies UnrecordedOptions);
    }
    state.planRef = opened.planRef;
    state.rules = { due: opened.due, ...(opened.phase ? { phase: opened.phase } : {}) };
    if (opened.active) {
      state.existingId = opened.active.id;
      const when = `${formatLongDateWithWeekday(opened.active.date)}${opened.active.startTime ? ` at ${opened.active.startTime}` : ''}`;
      return step.prompt(P.existing, {
        prompt: choiceQuestion(
          `${opened.planRef} already has an annual review meeting booked for ${when}. The review is due by ${formatLongDate(opened.due)}. What would you like to do?`,
          EXISTING,
        ),
      });
    }
    state.mode = 'book';
    return this.askDate(step);
  }

  private async askDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    return step.prompt(P.date, {
      prompt:
        `The annual review for ${state.planRef} is due by ${formatLongDate(state.rules!.due)}. ` +
        `What date would you like for the meeting? It must be on or after ${formatLongDate(this.reviews.earliestDate())}, to give everyone 2 weeks' notice. ` +
        'For example 5/3/2027, 5 March, or next Thursday.',
      validations: state.rules,
    });
  }

  private async afterExisting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode === 'book') {
      state.date = String(step.result);
      return step.next(undefined);
    }
    if (step.result === 'Keep it') {
      await step.context.sendActivity('OK, the meeting stays as it is.');
      return step.endDialog();
    }
    if (step.result === 'Cancel the meeting') {
      state.mode = 'cancel';
      return step.prompt(P.reason, { prompt: 'Why is the meeting being cancelled? This is kept with the meeting’s history.' });
    }
    state.mode = 'reschedule';
    return this.askDate(step);
  }

  private async askTime(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode === 'cancel') return step.next(step.result);
    if (state.mode === 'reschedule') state.date = String(step.result);
    return step.prompt(P.time, { prompt: 'What time will it start? For example 10am or 14:30. Type "skip" if it is not decided.' });
  }

  private async askVenue(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode === 'cancel') return step.next(step.result);
    if (typeof step.result === 'string' && /^\d{2}:\d{2}$/.test(step.result)) state.time = step.result;
    if (state.mode === 'reschedule') return step.prompt(P.reason, { prompt: 'Why is the meeting moving? This is kept with the meeting’s history.' });
    return step.prompt(P.venue, { prompt: choiceQuestion('Where will the meeting be?', VENUES) });
  }

  private async askPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode !== 'book') return step.next(step.result);
    if (step.result === 'Online') {
      state.venue = { kind: 'online' };
      return step.next(undefined);
    }
    return step.prompt(P.place, { prompt: 'What is the address or room? For example "Oakfield Primary School, meeting room 2".' });
  }

  private async askOthers(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode !== 'book') return step.next(step.result);
    if (!state.venue) state.venue = { kind: 'in_person', place: String(step.result) };
    state.invitees = await this.reviews.requiredInvitees(state.planRef!);
    const list = state.invitees.map((i) => `- ${ROLE_NAMES[i.role]}: ${i.name}`).join('\n');
    return step.prompt(P.others, {
      prompt:
        `These people must be invited (SEND Regulations 2014, regulation 20(2)), so they cannot be removed:\n${list}\n\n` +
        'Would you like to invite anyone else? Type their name and email address, like "Dr Sam Lee, sam.lee@example.org", or "no".',
    });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode === 'book') {
      const extra = parseOtherInvitees(String(step.result ?? ''));
      if (extra.ok) state.invitees = [...(state.invitees ?? []), ...extra.invitees];
    } else {
      state.reason = String(step.result);
    }
    const facts: [string, string][] = [['Plan', state.planRef ?? '']];
    if (state.mode === 'cancel') {
      facts.push(['Cancel the meeting because', state.reason ?? '']);
    } else {
      facts.push(['Date', `${formatLongDateWithWeekday(state.date!)}${state.time ? ` at ${state.time}` : ''}`]);
      if (state.mode === 'book') {
        facts.push(['Where', state.venue?.kind === 'online' ? 'Online' : (state.venue as { place: string }).place]);
        facts.push(['Invited', (state.invitees ?? []).map((i) => (i.email ? `${i.name} (${i.email})` : i.name)).join('; ')]);
      } else {
        facts.push(['Reason for moving', state.reason ?? '']);
      }
      for (const w of this.reviews.warnings(state.date!, state.rules!)) facts.push(['Please note', w]);
    }
    const title = state.mode === 'cancel' ? 'Cancel this meeting?' : state.mode === 'reschedule' ? 'Move the meeting to this date?' : 'Check the meeting before you book it';
    return step.prompt(P.confirm, { prompt: reviewConfirmCard(title, facts, state.mode === 'book' ? 'Book meeting' : 'Confirm') });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (step.result === CHANGE) {
      // Start again from the plan (nothing is stored yet); the plan reference carries over.
      return step.replaceDialog(`${BOOK_REVIEW}.steps`, { text: state.planRef } satisfies StartOptions);
    }
    // "Book meeting" and "Confirm" both mean yes, whichever the card showed.
    if (step.result === CANCEL) {
      await step.context.sendActivity('OK, nothing has been booked or changed.');
      return step.endDialog();
    }
    const identity = identityOf(step.context);
    const planRef = state.planRef!;
    const time = state.time ? { startTime: state.time } : {};
    const change =
      state.mode === 'book'
        ? await this.reviews.book(identity, { planRef, date: state.date!, ...time, venue: state.venue!, invitees: state.invitees!, key: state.key, rules: state.rules! })
        : state.mode === 'reschedule'
          ? await this.reviews.move(identity, { planRef, reviewId: state.existingId!, date: state.date!, ...time, reason: state.reason ?? '', key: state.key })
          : await this.reviews.cancel(identity, { planRef, reviewId: state.existingId!, reason: state.reason ?? '', key: state.key });
    await step.context.sendActivity(changeReply(change));
    return step.endDialog();
  }
}
