import { randomUUID } from 'node:crypto';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationOf } from '../bot/channels/turn-state';
import { identityOf, type Identity } from '../bot/identity/identity';
import { ConflictError, Invitee as InviteeSchema, InvalidStateError, REQUIRED_INVITEE_ROLES, type Invitee, type Plan, type Review, type Stored, type Venue } from '../bot/records';
import { addressOf, meetingInvitation } from '../bot/notify';
import { addDays, checkReviewMeetingDate, formatLongDate, formatLongDateWithWeekday, phaseTransferDeadline, reviewMeetingDeadlines } from '../bot/statutory';
import { nextReviewDue } from '../bot/records';
import { parseUkDate } from './dates';
import { OncePerKey } from './once';
import { choicePrompt, choiceQuestion, textPrompt } from './form';
import { CANCEL, CHANGE, planChoiceQuestion, reviewConfirmCard, type PlanButton } from './review-cards';
import type { StartOptions } from './router';
import type { DialogServices } from './services';
import { VERIFY, VerifyDialog, type VerifyResult } from './verify';
import { NOT_FOUND } from './plan-status';

export const BOOK_REVIEW = 'bookReview';

const ROLE_NAMES: Readonly<Record<Invitee['role'], string>> = {
  parent_or_young_person: 'Parent or young person',
  head_or_setting: 'Head teacher or setting',
  la_sen_officer: 'Council SEN officer',
  health_professional: 'Health professional',
  social_care: 'Social care',
  other: 'Also invited',
};
const VENUES = ['In person', 'Online'] as const;
const CONFIRM = ['Book meeting', 'Confirm', CHANGE, CANCEL] as const;
const MAX_OTHERS = 10;
const NO_OTHERS = /^(no|none|no one|nobody|done|skip|no thanks)$/i;
const EXISTING = ['Move it to another date', 'Cancel the meeting', 'Keep it'] as const;

interface BookingState {
  key: string;
  planRef?: string;
  childId?: string;
  due?: string;
  date?: string;
  time?: string;
  venue?: Venue;
  invitees?: Invitee[];
  existingId?: string;
  phase?: string;
  mode?: 'book' | 'reschedule' | 'cancel';
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

const TIME = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$/i;
const NAME = /^[\p{L}][\p{L}' .,()-]{1,99}$/u;

/** "10am", "2.30pm", "14:00" → "14:00"; undefined when not a time. */
export function parseTime(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const half = m[3]?.toLowerCase();
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59 || (!half && !m[2])) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export type OthersParse = { readonly ok: true; readonly invitees: Invitee[] } | { readonly ok: false; readonly message: string };

/**
 * People to invite besides the regulation 20(2) roles: "no", or one or more entries separated by
 * ";" or new lines, each a name with an optional email address after a comma
 * ("Dr Sam Lee, sam.lee@example.org; Jo Khan"). Each is checked with the records' Invitee schema.
 */
export function parseOtherInvitees(text: string): OthersParse {
  const value = text.trim();
  if (NO_OTHERS.test(value)) return { ok: true, invitees: [] };
  const entries = value.split(/\s*[;\n]\s*/).filter((e) => e.length > 0);
  const bad: OthersParse = {
    ok: false,
    message: 'Please type a name, and an email address if you have one, like "Dr Sam Lee, sam.lee@example.org". Put a ; between people. Or type "no".',
  };
  if (entries.length === 0) return bad;
  if (entries.length > MAX_OTHERS) return { ok: false, message: `Please add up to ${MAX_OTHERS} people. You can invite more people yourself later.` };
  const invitees: Invitee[] = [];
  for (const entry of entries) {
    const pieces = entry.split(/\s*,\s*/);
    const last = pieces.at(-1) ?? '';
    const email = last.includes('@') ? last : undefined;
    const name = (email ? pieces.slice(0, -1) : pieces).join(', ').trim();
    if (!NAME.test(name)) return bad;
    const parsed = InviteeSchema.safeParse({ role: 'other', name, ...(email ? { email } : {}) });
    if (!parsed.success) return bad;
    invitees.push(parsed.data);
  }
  return { ok: true, invitees };
}

/**
 * "Book an annual review": a verified parent for their child's plan, staff for a plan in their
 * scope. The date must leave 2 weeks' notice; late and phase-transfer risks are warned about.
 * The regulation 20(2) invitees cannot be removed. Invitations go out with a calendar file, and the
 * reply lists every deadline that follows from the meeting date. An existing meeting can be moved or
 * cancelled, keeping its history.
 */
export class BookReviewDialog extends ComponentDialog {
  private readonly done = new OncePerKey<string>();

  constructor(private readonly services: DialogServices) {
    super(BOOK_REVIEW);
    // Its own copy: a component's inner dialogs are looked up in its own set when it is re-prompted
    // (a safeguarding message mid-verification), where the root set cannot be seen.
    this.addDialog(new VerifyDialog(services));
    this.addDialog(textPrompt(P.plan, { min: 3, max: 20, what: 'the plan reference' }));
    this.addDialog(choicePrompt(P.existing, EXISTING));
    this.addDialog(
      new TextPrompt(P.date, async (prompt) => {
        const state = prompt.options.validations as { due: string; phase?: string } | undefined;
        const parsed = parseUkDate(prompt.recognized.value ?? '', this.services.today(), { future: true });
        if (!parsed.ok) {
          await prompt.context.sendActivity(parsed.message);
          return false;
        }
        const check = checkReviewMeetingDate(parsed.date, { today: this.services.today(), reviewDue: state?.due ?? parsed.date, ...(state?.phase ? { phaseTransferDeadline: state.phase } : {}) });
        const blocks = check.problems.filter((p) => p.severity === 'block');
        if (blocks.length > 0) {
          await prompt.context.sendActivity(blocks.map((p) => p.message).join(' '));
          return false;
        }
        prompt.recognized.value = parsed.date;
        return true;
      }),
    );
    this.addDialog(
      new TextPrompt(P.time, async (prompt) => {
        const value = (prompt.recognized.value ?? '').trim();
        if (/^(skip|none|no time|not sure)$/i.test(value)) return true;
        const time = parseTime(value);
        if (time) {
          prompt.recognized.value = time;
          return true;
        }
        await prompt.context.sendActivity('Please type a time like 10am or 14:30, or "skip".');
        return false;
      }),
    );
    this.addDialog(choicePrompt(P.venue, VENUES));
    this.addDialog(textPrompt(P.place, { min: 3, max: 300, what: 'where the meeting is' }));
    this.addDialog(
      new TextPrompt(P.others, async (prompt) => {
        const value = (prompt.recognized.value ?? '').trim();
        const parsed = parseOtherInvitees(value);
        if (parsed.ok) return true;
        await prompt.context.sendActivity(parsed.message);
        return false;
      }),
    );
    this.addDialog(textPrompt(P.reason, { min: 3, max: 300, what: 'the reason' }));
    this.addDialog(choicePrompt(P.confirm, CONFIRM));
    this.addDialog(
      new WaterfallDialog<StartOptions>(`${BOOK_REVIEW}.steps`, [
        (s) => this.start(s),
        (s) => this.choosePlan(s),
        (s) => this.loadPlan(s),
        (s) => this.afterExisting(s),
        (s) => this.askTime(s),
        (s) => this.askVenue(s),
        (s) => this.askPlace(s),
        (s) => this.askOthers(s),
        (s) => this.addOthers(s),
        (s) => this.save(s),
      ]),
    );
    this.initialDialogId = `${BOOK_REVIEW}.steps`;
  }

  private state(step: WaterfallStepContext): BookingState {
    const values = step.values as Partial<BookingState>;
    values.key ??= `review-${randomUUID()}`;
    return values as BookingState;
  }

  private async start(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    this.state(step);
    const identity = identityOf(step.context);
    if (identity.kind === 'public') return step.beginDialog(VERIFY, { purpose: "book your child's annual review" });
    return step.next({ verified: true } satisfies VerifyResult);
  }

  private async choosePlan(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    if (!(step.result as VerifyResult | undefined)?.verified) return step.endDialog();
    const identity = actingIdentity(step);
    if (identity.kind === 'parent') {
      const plans = (await Promise.all(identity.childIds.map((id) => this.services.records.plans.forChild(id)))).flat();
      const final = plans.filter((p) => p.status === 'final_issued');
      if (final.length === 0) {
        await step.context.sendActivity('Annual reviews are for final EHC plans. I could not find a final plan for your child. If you think this is wrong, contact the SEND team.');
        return step.endDialog();
      }
      if (final.length === 1) return step.next(final[0]!.id);
      // More than one child with a final plan: ask which (each choice is checked by the guard in the next step).
      const children = await this.services.records.children.getMany(final.map((p) => p.childId));
      const nameOf = new Map(children.map((c) => [c.id, c.givenName]));
      return step.prompt(P.plan, {
        prompt: planChoiceQuestion(
          'Which child is the annual review for?',
          final.map((p) => ({ ref: p.id, label: `${nameOf.get(p.childId) ?? 'Your child'} (${p.id})` })),
        ),
      });
    }
    const typed = /\bEHC[\s-]?(\d{6})\b/i.exec(step.options.text ?? '');
    if (typed) return step.next(`EHC-${typed[1]}`);
    const caseload = await this.caseloadButtons(identity);
    if (caseload.length > 0) {
      return step.prompt(P.plan, {
        prompt: planChoiceQuestion('Which plan is the review for? These final plans on your caseload are due soonest.', caseload, 'Or type another plan reference, like EHC-000123.'),
      });
    }
    return step.prompt(P.plan, { prompt: 'Which plan is the review for? Type the reference, like EHC-000123.' });
  }

  /** A caseworker's final plans, soonest review first (at most 8); none for anyone without a caseload. */
  private async caseloadButtons(identity: Identity): Promise<PlanButton[]> {
    if (identity.kind !== 'staff' || !(await this.services.guard.allows(identity, 'plan.caseload'))) return [];
    const plans = await this.services.records.plans.caseload(identity.actorId);
    return plans
      .flatMap((p) => {
        const due = p.status === 'final_issued' ? nextReviewDue(p) : undefined;
        return due ? [{ ref: p.id, due }] : [];
      })
      .sort((a, b) => a.due.localeCompare(b.due))
      .slice(0, 8)
      .map((p) => ({ ref: p.ref, label: `${p.ref}: review due by ${formatLongDate(p.due)}` }));
  }

  private async loadPlan(step: WaterfallStepContext<StartOptions>): Promise<DialogTurnResult> {
    const identity = actingIdentity(step);
    const ref = String(step.result ?? '').trim().toUpperCase().replace(/^EHC\s*-?\s*/, 'EHC-');
    const plan = /^EHC-\d{6}$/.test(ref) ? await this.services.records.plans.find(ref) : undefined;
    if (!plan || !(await this.allowed(identity, plan))) {
      await step.context.sendActivity(NOT_FOUND);
      return step.endDialog();
    }
    if (plan.status !== 'final_issued') {
      await step.context.sendActivity(`${plan.id} is not a final EHC plan yet, so there is no annual review to book. Annual reviews start once a final plan is issued.`);
      return step.endDialog();
    }
    const state = this.state(step);
    state.planRef = plan.id;
    state.childId = plan.childId;
    const reviews = await this.services.records.reviews.forPlan(plan.id, plan.childId);
    const held = reviews.flatMap((r) => (r.meetingHeld ? [r.meetingHeld] : []));
    state.due = nextReviewDue(plan, held) ?? addDays(this.services.today(), 365);
    const active = reviews.find((r) => (r.status === 'booked' || r.status === 'rescheduled') && r.proposedDate >= this.services.today());
    if (active) {
      state.existingId = active.id;
      return step.prompt(P.existing, {
        prompt: choiceQuestion(`${plan.id} already has an annual review meeting booked for ${formatLongDateWithWeekday(active.proposedDate)}${active.startTime ? ` at ${active.startTime}` : ''}. The review is due by ${formatLongDate(state.due)}. What would you like to do?`, EXISTING),
      });
    }
    state.mode = 'book';
    return this.askDate(step, plan);
  }

  private async askDate(step: WaterfallStepContext, plan: Plan): Promise<DialogTurnResult> {
    const state = this.state(step);
    const phase = plan.phaseTransfer ? safePhaseDeadline(plan.phaseTransfer.year, plan.phaseTransfer.kind) : undefined;
    if (phase) state.phase = phase;
    const earliest = addDays(this.services.today(), 14);
    return step.prompt(P.date, {
      prompt:
        `The annual review for ${plan.id} is due by ${formatLongDate(state.due!)}. ` +
        `What date would you like for the meeting? It must be on or after ${formatLongDate(earliest)}, to give everyone 2 weeks' notice. ` +
        'For example 5/3/2027, 5 March, or next Thursday.',
      validations: { due: state.due, ...(phase ? { phase } : {}) },
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
    const plan = await this.services.records.plans.get(state.planRef!);
    return this.askDate(step, plan);
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
    state.invitees = await this.requiredInvitees(state);
    const list = state.invitees.map((i) => `- ${ROLE_NAMES[i.role]}: ${i.name}`).join('\n');
    return step.prompt(P.others, {
      prompt:
        `These people must be invited (SEND Regulations 2014, regulation 20(2)), so they cannot be removed:\n${list}\n\n` +
        'Would you like to invite anyone else? Type their name and email address, like "Dr Sam Lee, sam.lee@example.org", or "no".',
    });
  }

  private async addOthers(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (state.mode === 'book') {
      const extra = parseOtherInvitees(String(step.result ?? ''));
      if (extra.ok) state.invitees = [...(state.invitees ?? []), ...extra.invitees];
    }
    const facts: [string, string][] = [['Plan', state.planRef ?? '']];
    if (state.mode === 'cancel') {
      facts.push(['Cancel the meeting because', String(step.result)]);
    } else {
      facts.push(['Date', `${formatLongDateWithWeekday(state.date!)}${state.time ? ` at ${state.time}` : ''}`]);
      if (state.mode === 'book') {
        facts.push(['Where', state.venue?.kind === 'online' ? 'Online' : (state.venue as { place: string }).place]);
        facts.push(['Invited', (state.invitees ?? []).map((i) => (i.email ? `${i.name} (${i.email})` : i.name)).join('; ')]);
      } else {
        facts.push(['Reason for moving', String(step.result)]);
      }
    }
    (step.values as { reason?: string }).reason = state.mode === 'book' ? undefined : String(step.result);
    const warnings = state.mode === 'cancel' ? [] : this.warnings(state);
    for (const w of warnings) facts.push(['Please note', w]);
    const title = state.mode === 'cancel' ? 'Cancel this meeting?' : state.mode === 'reschedule' ? 'Move the meeting to this date?' : 'Check the meeting before you book it';
    return step.prompt(P.confirm, { prompt: reviewConfirmCard(title, facts, state.mode === 'book' ? 'Book meeting' : 'Confirm') });
  }

  private warnings(state: BookingState): string[] {
    const check = checkReviewMeetingDate(state.date!, { today: this.services.today(), reviewDue: state.due!, ...(state.phase ? { phaseTransferDeadline: state.phase } : {}) });
    return check.problems.filter((p) => p.severity === 'warn').map((p) => p.message);
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
    const identity = actingIdentity(step);
    const plan = await this.services.records.plans.get(state.planRef!);
    const action = state.mode === 'book' ? 'review.book' : 'review.change';
    if (!(await this.allowed(identity, plan, action))) {
      await step.context.sendActivity(NOT_FOUND);
      return step.endDialog();
    }
    const reason = (step.values as { reason?: string }).reason ?? '';
    try {
      // Confirm pressed twice at once: one booking (records idempotency key), one audit event, one set of invitations.
      const { first, result } = this.done.run(state.key, () => this.apply(state, identity, plan, reason));
      const reply = await result;
      await step.context.sendActivity(first ? reply : 'That has already been done. Nothing more has been booked or sent.');
    } catch (error) {
      if (!(error instanceof InvalidStateError || error instanceof ConflictError)) throw error;
      await step.context.sendActivity('Sorry, I could not do that: the meeting has changed since you started, or the date is no longer allowed. Nothing has been changed. Please start again.');
    }
    return step.endDialog();
  }

  /** Books, moves or cancels the meeting, audits it and sends the invitations; returns the chat reply. */
  private async apply(state: BookingState, identity: Identity, plan: Stored<Plan>, reason: string): Promise<string> {
    const by = identity.actorId;
    if (state.mode === 'cancel' || state.mode === 'reschedule') {
      const review = await this.services.records.reviews.get(state.existingId as never);
      const changed =
        state.mode === 'cancel'
          ? await this.services.records.reviews.cancel(review, { reason, by })
          : await this.services.records.reviews.reschedule(review, { to: state.date!, reason, by, ...(state.time ? { startTime: state.time } : {}) });
      await this.services.guard.recordDone(identity, 'review.change', { childId: plan.childId, recordRef: review.id });
      await this.invite(changed, plan, state.mode === 'cancel');
      return state.mode === 'cancel'
        ? `The meeting on ${formatLongDate(review.proposedDate)} has been cancelled. Everyone invited has been told. The annual review is still due by ${formatLongDate(review.dueDate)}.`
        : `The meeting has moved from ${formatLongDate(review.proposedDate)} to ${formatLongDateWithWeekday(changed.proposedDate)}${changed.startTime ? ` at ${changed.startTime}` : ''}. Everyone invited has been sent an updated invitation.\n\nThe deadlines that follow from the new date:\n\n${deadlineLines(changed.proposedDate).join('\n')}`;
    }
    const review = await this.services.records.reviews.book({
      plan,
      proposedDate: state.date!,
      ...(state.time ? { startTime: state.time } : {}),
      venue: state.venue!,
      invitees: state.invitees!,
      bookedBy: by,
      idempotencyKey: state.key,
    });
    await this.services.guard.recordDone(identity, 'review.book', { childId: plan.childId, recordRef: review.id });
    const sent = review.invitationsSent ? review : await this.invite(review, plan, false);
    return [
      `Booked: the annual review meeting for ${plan.id} is on ${formatLongDateWithWeekday(review.proposedDate)}${review.startTime ? ` at ${review.startTime}` : ''}, ${review.venue.kind === 'online' ? 'online' : `at ${review.venue.place}`}.`,
      `Invitations with a calendar file have gone to everyone we have an email address for${sent.invitationsSent ? ` (${formatLongDate(sent.invitationsSent)})` : ''}.`,
      'The deadlines that follow from this date:',
      ...deadlineLines(review.proposedDate),
      ...this.warnings(state).map((w) => `Please note: ${w}`),
    ].join('\n\n');
  }

  private async allowed(identity: Identity, plan: Stored<Plan>, action: 'review.book' | 'review.change' = 'review.book'): Promise<boolean> {
    return this.services.guard.allows(identity, action, { childId: plan.childId, ...(plan.caseworkerId ? { caseworkerId: plan.caseworkerId } : {}), recordRef: plan.id });
  }

  private async requiredInvitees(state: BookingState): Promise<Invitee[]> {
    const plan = await this.services.records.plans.get(state.planRef!);
    const [parents, caseworker] = await Promise.all([
      this.services.records.parents.forChild(plan.childId),
      plan.caseworkerId ? this.services.records.staff.find(plan.caseworkerId) : Promise.resolve(undefined),
    ]);
    const parent = parents.find((p) => p.kind === 'parent_carer') ?? parents[0];
    const names: Record<(typeof REQUIRED_INVITEE_ROLES)[number], Invitee> = {
      parent_or_young_person: { role: 'parent_or_young_person', name: parent ? `${parent.givenName} ${parent.familyName}` : 'Parent or carer', ...(parent?.email ? { email: parent.email } : {}) },
      head_or_setting: { role: 'head_or_setting', name: plan.schoolName ? `Head teacher, ${plan.schoolName}` : 'Head teacher or setting' },
      la_sen_officer: { role: 'la_sen_officer', name: caseworker?.displayName ?? 'Council SEN officer', ...(caseworker?.email ? { email: caseworker.email } : {}) },
      health_professional: { role: 'health_professional', name: 'Health professional (designated clinical officer)' },
      social_care: { role: 'social_care', name: 'Social care' },
    };
    return REQUIRED_INVITEE_ROLES.map((role) => names[role]);
  }

  /** Sends the invitation (or update, or cancellation) to every invitee with an email, and the parent by their preferred route. */
  private async invite(review: Stored<Review>, plan: Plan, cancelled: boolean): Promise<Stored<Review>> {
    const sequence = review.history.filter((h) => h.change === 'rescheduled' || h.change === 'cancelled').length;
    const where = review.venue.kind === 'online' ? 'Online' : review.venue.place;
    const ics = meetingInvitation({
      uid: `${review.id}@send-assistant`,
      date: review.proposedDate,
      ...(review.startTime ? { startTime: review.startTime } : {}),
      title: `EHC plan annual review meeting (${plan.id})`,
      location: where,
      description: `Annual review meeting for EHC plan ${plan.id}.`,
      sequence,
      cancelled,
    });
    const when = `${formatLongDateWithWeekday(review.proposedDate)}${review.startTime ? ` at ${review.startTime}` : ''}`;
    const subject = cancelled ? `Cancelled: annual review meeting (${plan.id})` : `Annual review meeting (${plan.id}) on ${when}`;
    const body = cancelled
      ? `The annual review meeting for EHC plan ${plan.id} on ${when} has been cancelled. You will be invited to the new date.`
      : `You are invited to the annual review meeting for EHC plan ${plan.id} on ${when}, ${where === 'Online' ? 'online' : `at ${where}`}. Please send any advice or reports at least 2 weeks before the meeting. A calendar file (annual-review.ics) is attached.`;
    const sentTo = new Set<string>();
    for (const invitee of review.invitees) {
      if (!invitee.email || sentTo.has(invitee.email)) continue;
      sentTo.add(invitee.email);
      await this.services.notifier.send({ kind: 'email', to: invitee.email, subject, body, attachment: { filename: 'annual-review.ics', contentType: 'text/calendar', content: ics }, reference: plan.id });
    }
    for (const contact of await this.services.records.parents.forChild(plan.childId)) {
      const address = addressOf(contact);
      if (!address || sentTo.has(address.to)) continue;
      sentTo.add(address.to);
      await this.services.notifier.send(
        address.kind === 'email'
          ? { kind: 'email', to: address.to, subject, body, attachment: { filename: 'annual-review.ics', contentType: 'text/calendar', content: ics }, reference: plan.id }
          : { kind: 'sms', to: address.to, body: body.replace(' A calendar file (annual-review.ics) is attached.', ''), reference: plan.id },
      );
    }
    if (cancelled) return review;
    return this.services.records.reviews.recordInvitationsSent(review, { on: this.services.today(), by: review.history[0]!.by });
  }
}

/** Every deadline that follows from a meeting date (reviewMeetingDeadlines), one line each, dates as "5 March 2026". */
export function deadlineLines(meeting: string): string[] {
  const d = reviewMeetingDeadlines(meeting);
  return [
    `- Invitations sent by ${formatLongDate(d.noticeBy)} (at least 2 weeks before the meeting)`,
    `- Advice and information sent to everyone invited by ${formatLongDate(d.adviceCirculatedBy)} (at least 2 weeks before)`,
    `- Review report sent to everyone by ${formatLongDate(d.reportBy)} (within 2 weeks of the meeting)`,
    `- The council's decision (keep, change or end the plan) by ${formatLongDate(d.decisionBy)} (within 4 weeks)`,
    `- If the plan is changed, the final amended plan by ${formatLongDate(d.finalAmendedPlanBy)} (within 12 weeks)`,
  ];
}

function safePhaseDeadline(year: number, kind: string): string | undefined {
  try {
    return phaseTransferDeadline(year, kind as never);
  } catch {
    return undefined;
  }
}

/** The identity to act as: after verifying in this turn, the conversation's new verification counts. */
function actingIdentity(step: WaterfallStepContext): Identity {
  const identity = identityOf(step.context);
  const verified = conversationOf(step.context).verified;
  if (identity.kind === 'public' && verified) {
    return { kind: 'parent', actorId: verified.contactId, contactKind: verified.contactKind, childIds: verified.childIds, channel: 'web_chat', userKey: verified.userKey };
  }
  return identity;
}
