/**
 * Cards for booking and recording annual reviews: a plan picker (a caseworker's caseload) and the
 * confirm card (a FactSet with Confirm / Change / Cancel). Every button is an `answer` submission,
 * so it is checked by the answer route's strict schema and then by the question that is waiting,
 * exactly like typed text: a forged value changes nothing.
 */
import type { Activity } from 'botbuilder';
import { deadlineLines } from '../bot/casework/review-deadlines';
import { meetingWhen, type MeetingChange, type RefusalReason } from '../bot/casework/reviews';
import type { Invitee } from '../bot/records';
import { formatLongDate } from '../bot/statutory';
import { cardMessage, choiceCard } from './cards';
import { ANSWER_ACTION } from './form';
import { NOT_FOUND } from './plan-status';

export const CHANGE = 'Change';
export const CANCEL = 'Cancel';

export interface PlanButton {
  readonly ref: string;
  readonly label: string;
}

/** A question with one button per plan (the button answers with the plan reference); typing a reference works too. */
export function planChoiceQuestion(question: string, plans: readonly PlanButton[], more?: string): Partial<Activity> {
  const lines = plans.map((p) => `- ${p.label}`);
  const text = [question, lines.join('\n'), ...(more ? [more] : [])].join('\n\n');
  return cardMessage(
    text,
    choiceCard({
      heading: question,
      lines: more ? [more] : [],
      buttons: plans.map((p) => ({ title: p.label, data: { action: ANSWER_ACTION, value: p.ref } })),
    }),
  );
}

/** The confirm step: a summary as a FactSet, then the confirm button, Change and Cancel. The text says the same. */
export function reviewConfirmCard(heading: string, facts: readonly (readonly [string, string])[], confirmTitle: string): Partial<Activity> {
  const text = `${heading}\n\n${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\nType "${confirmTitle.toLowerCase()}", "change" to choose again, or "cancel".`;
  const card = choiceCard({
    heading,
    buttons: [confirmTitle, CHANGE, CANCEL].map((title) => ({ title, data: { action: ANSWER_ACTION, value: title } })),
  });
  card.body.push({ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) });
  return cardMessage(text, card);
}

export const ROLE_NAMES: Readonly<Record<Invitee['role'], string>> = {
  parent_or_young_person: 'Parent or young person',
  head_or_setting: 'Head teacher or setting',
  la_sen_officer: 'Council SEN officer',
  health_professional: 'Health professional',
  social_care: 'Social care',
  other: 'Also invited',
};

/** Why a booking or change was refused, and what to do next. */
export function refusalText(why: RefusalReason): string {
  switch (why.kind) {
    case 'unrecorded':
      return `The meeting booked for ${formatLongDate(why.date)} has no record of whether it was held. Say what happened to it first: type "what's overdue" and choose the plan.`;
    case 'booked':
      return `Someone has booked a meeting for ${formatLongDate(why.date)} since you started. Start "Book an annual review" again to move or keep that meeting.`;
    case 'date':
      return `The date can no longer be used: ${why.problems.join(' ')} Start again and choose a later date.`;
    case 'not_final':
      return 'The plan is no longer a final EHC plan, so there is no annual review to book. Look up the plan to see its status.';
    case 'changed':
      return 'Someone else changed this meeting at the same moment. Look up the plan to see what is recorded now, then try again.';
  }
}

/** The reply to a booking, a move or a cancellation: what happened first, then every deadline that follows. */
export function changeReply(change: MeetingChange): string {
  switch (change.kind) {
    case 'denied':
      return NOT_FOUND;
    case 'stale':
      return `Nothing has been booked or changed. ${refusalText(change.why)}`;
    case 'repeat':
      return 'That has already been done. Nothing more has been booked or sent.';
    case 'cancelled':
      return `The meeting on ${formatLongDate(change.review.proposedDate)} has been cancelled. Everyone invited has been told. The annual review is still due by ${formatLongDate(change.review.dueDate)}.`;
    case 'moved':
      return `The meeting has moved from ${formatLongDate(change.from)} to ${meetingWhen(change.review)}. Everyone invited has been sent an updated invitation.\n\nThe deadlines that follow from the new date:\n\n${deadlineLines(change.review.proposedDate).join('\n')}`;
    case 'booked': {
      const r = change.review;
      return [
        `Booked: the annual review meeting for ${r.planRef} is on ${meetingWhen(r)}, ${r.venue.kind === 'online' ? 'online' : `at ${r.venue.place}`}.`,
        `Invitations with a calendar file have gone to everyone we have an email address for${change.invitationsSent ? ` (${formatLongDate(change.invitationsSent)})` : ''}.`,
        'The deadlines that follow from this date:',
        ...deadlineLines(r.proposedDate),
        ...change.warnings.map((w) => `Please note: ${w}`),
      ].join('\n\n');
    }
  }
}
