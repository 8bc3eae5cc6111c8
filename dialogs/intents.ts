/**
 * Free text that asks to *do* one of the jobs starts its dialog; questions about how things work
 * ("how do I complain?") go to the knowledge base instead. Each feature declares its pattern
 * (dialogs/index.ts): patterns are about wanting to act, "I want to", "can I", "book", "check my",
 * possessives like "my son's plan".
 */
import type { MenuItem } from './feature';

export interface Intent {
  readonly action: string;
  readonly pattern: RegExp;
}

/** The first feature whose pattern matches, in declaration order. */
export function intentOf(text: string, intents: readonly Intent[]): string | undefined {
  return intents.find((intent) => intent.pattern.test(text))?.action;
}

const COMMAND_START = /^\s*(?:please\s+)?(?:show|open|see|view|check|look up|find|book|arrange|record|make|log|raise|contact|what(?:'s| is| are))\b/i;
const MAX_COMMAND_WORDS = 6;
const words = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A command typed while a question is waiting ("show the SENDIAS queue" when asked for a name): a
 * menu button's words, or a short order that starts with a command word and matches a feature.
 * Anything else (a name, a date, a reference, a sentence about what happened) is an answer.
 */
export function commandOf(text: string, menu: readonly MenuItem[], intents: readonly Intent[]): string | undefined {
  const said = words(text);
  if (!said) return undefined;
  const button = menu.find((m) => words(m.title) === said || (m.staffTitle !== undefined && words(m.staffTitle) === said));
  if (button) return button.action;
  if (said.split(' ').length > MAX_COMMAND_WORDS || !COMMAND_START.test(text)) return undefined;
  return intentOf(text, intents);
}
