/**
 * Small building blocks the guided dialogs share: a choice asked with an Adaptive Card (buttons)
 * that also accepts the typed answer, free-text questions with limits, contact details, and the
 * `answer` card submission that feeds a button press to the waiting question.
 */
import type { Activity } from 'botbuilder';
import { TextPrompt, type DialogContext, type PromptOptions, type PromptValidatorContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { Email, Phone } from '../bot/records';
import { cardMessage, choiceCard } from './cards';
import { submissionRoute, type SubmissionRoute } from './router';

export const ANSWER_ACTION = 'answer';

/** A question with fixed answers, as card buttons; a typed answer (or its number) works too. */
export function choiceQuestion(question: string, options: readonly string[], lines: readonly string[] = []): Partial<Activity> {
  const numbered = options.map((o, i) => `${i + 1}. ${o}`).join('\n');
  return cardMessage(
    `${question}\n\n${numbered}`,
    choiceCard({ heading: question, lines, buttons: options.map((o) => ({ title: o, data: { action: ANSWER_ACTION, value: o } })) }),
  );
}

/** Matches a typed or pressed answer to one of the options: exact (any case), its number, or a unique prefix. */
export function matchChoice(text: string | undefined, options: readonly string[]): string | undefined {
  const t = (text ?? '').trim().toLowerCase().replace(/[.!]$/, '');
  if (!t) return undefined;
  const n = Number(t);
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1];
  const exact = options.find((o) => o.toLowerCase() === t);
  if (exact) return exact;
  const starts = options.filter((o) => o.toLowerCase().startsWith(t) || t.startsWith(o.toLowerCase()));
  return starts.length === 1 ? starts[0] : undefined;
}

const AskedOptions = z.object({ options: z.array(z.string().min(1)).min(1).max(20) });

/**
 * A prompt whose answer must be one of `options`. Without fixed options, they travel with the
 * question in `validations` (see {@link choiceOptions}), for choices built per person.
 */
export function choicePrompt(id: string, fixed?: readonly string[]): TextPrompt {
  return new TextPrompt(id, async (prompt: PromptValidatorContext<string>) => {
    const asked = AskedOptions.safeParse(prompt.options.validations);
    const options = fixed ?? (asked.success ? asked.data.options : []);
    const match = matchChoice(prompt.recognized.value, options);
    if (match) {
      prompt.recognized.value = match;
      return true;
    }
    await prompt.context.sendActivity(`Please choose one of: ${options.join(', ')}.`);
    return false;
  });
}

/** Prompt options for a {@link choicePrompt} without fixed options: the card, and the options to accept. */
export function choiceOptions(question: string, options: readonly string[], lines: readonly string[] = []): PromptOptions & { prompt: Partial<Activity> } {
  return { prompt: choiceQuestion(question, options, lines), validations: { options: [...options] } };
}

/** A free-text prompt with a length limit and a polite reason when the answer does not fit. */
export function textPrompt(id: string, limits: { min: number; max: number; what: string }): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const value = (prompt.recognized.value ?? '').trim();
    if (value.length >= limits.min && value.length <= limits.max) {
      prompt.recognized.value = value;
      return true;
    }
    await prompt.context.sendActivity(
      value.length < limits.min
        ? `Please tell me a little more about ${limits.what} (at least ${limits.min} characters).`
        : `That is too long. Please keep ${limits.what} under ${limits.max.toLocaleString('en-GB')} characters.`,
    );
    return false;
  });
}

/** What a `parsedPrompt` reader says of an answer: fine (with the value to keep, if it changes it), or why not. */
export type AnswerCheck = { readonly ok: true; readonly value?: string } | { readonly ok: false; readonly message: string };

/** A text prompt whose answer is checked by `read`: a refused answer gets its reason and the question again. */
export function parsedPrompt(id: string, read: (text: string) => AnswerCheck): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const result = read((prompt.recognized.value ?? '').trim());
    if (!result.ok) {
      await prompt.context.sendActivity(result.message);
      return false;
    }
    if (result.value !== undefined) prompt.recognized.value = result.value;
    return true;
  });
}

/** An email address or UK phone number, checked with the records' own schemas. */
export function contactPrompt(id: string, kind: () => 'email' | 'phone'): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const schema = kind() === 'email' ? Email : Phone;
    const parsed = schema.safeParse(prompt.recognized.value ?? '');
    if (parsed.success) {
      prompt.recognized.value = parsed.data;
      return true;
    }
    await prompt.context.sendActivity(
      kind() === 'email'
        ? 'That does not look like an email address. Please type it like name@example.com.'
        : 'That does not look like a UK phone number. Please type it like 07700 900123.',
    );
    return false;
  });
}

/**
 * A button on a question card: hands its value to the question that is waiting, as if typed. With no
 * question waiting (an old card), nothing happens and the person is told.
 */
export function answerRoute(): SubmissionRoute {
  return submissionRoute(ANSWER_ACTION, z.object({ action: z.literal(ANSWER_ACTION), value: z.string().min(1).max(100) }).strict(), async (dc: DialogContext, data) => {
    if (!dc.activeDialog) {
      await dc.context.sendActivity('That button is from an earlier question, so I have not used it. Nothing has changed. Type "help" to see what I can do.');
      return;
    }
    dc.context.activity.text = data.value;
    await dc.continueDialog();
  });
}

/** The confirm step's card: a summary as facts, then Confirm / Cancel. */
export function confirmCard(heading: string, facts: readonly (readonly [string, string])[], confirmTitle = 'Confirm'): Partial<Activity> {
  const text = `${heading}\n\n${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\nType "${confirmTitle.toLowerCase()}" or "cancel".`;
  const card = choiceCard({ heading, buttons: [confirmTitle, 'Cancel'].map((title) => ({ title, data: { action: ANSWER_ACTION, value: title } })) });
  card.body.push({ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) });
  return cardMessage(text, card);
}
