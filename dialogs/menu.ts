import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { cardMessage, choiceCard } from './cards';

/** The jobs the assistant does, as the menu offers them. Each is the `action` of a card submission. */
export const MenuAction = z.enum(['planStatus', 'bookReview', 'complaint', 'askQuestion', 'contactSendias']);
export type MenuAction = z.infer<typeof MenuAction>;

export const MENU_ITEMS: readonly { action: MenuAction; title: string }[] = [
  { action: 'planStatus', title: 'Check an EHC plan' },
  { action: 'bookReview', title: 'Book an annual review' },
  { action: 'complaint', title: 'Make a complaint' },
  { action: 'askQuestion', title: 'Ask a question about SEND' },
  { action: 'contactSendias', title: 'Contact SENDIAS' },
];

export function welcomeText(councilName: string): string {
  return (
    `Hello. I'm the SEND Assistant for ${councilName}. ` +
    'I can help with special educational needs and disabilities (SEND), including EHC plans (education, health and care plans).'
  );
}

export function menuMessage(intro: string): Partial<Activity> {
  return cardMessage(
    intro,
    choiceCard({
      heading: 'What would you like to do?',
      lines: ['Choose an option, or type your question.'],
      buttons: MENU_ITEMS.map((item) => ({ title: item.title, data: { action: item.action } })),
    }),
  );
}
