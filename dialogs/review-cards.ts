/**
 * Cards for booking and recording annual reviews: a plan picker (a caseworker's caseload) and the
 * confirm card (a FactSet with Confirm / Change / Cancel). Every button is an `answer` submission,
 * so it is checked by the answer route's strict schema and then by the question that is waiting,
 * exactly like typed text: a forged value changes nothing.
 */
import type { Activity } from 'botbuilder';
import { cardMessage, choiceCard } from './cards';
import { ANSWER_ACTION } from './form';

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
