import { CardFactory, MessageFactory, type Activity } from 'botbuilder';

/** An Adaptive Card (schema 1.5) body; kept as plain JSON so it renders in Teams and Web Chat alike. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  fallbackText?: string;
}

export interface SubmitButton {
  readonly title: string;
  readonly data: Readonly<Record<string, string>>;
}

/** The one Adaptive Card envelope (schema 1.5). Every card says what it shows in `fallbackText`, for clients that cannot draw it. */
export function adaptiveCard(content: Omit<AdaptiveCard, 'type' | '$schema' | 'version' | 'fallbackText'> & { fallbackText: string }): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', ...content };
}

/** A card with a heading, optional lines of text and submit buttons; `fallbackText` for clients without cards. */
export function choiceCard(options: { heading: string; lines?: readonly string[]; buttons: readonly SubmitButton[] }): AdaptiveCard {
  const fallback = [options.heading, ...(options.lines ?? []), ...options.buttons.map((b) => `- ${b.title}`)].join('\n');
  return adaptiveCard({
    body: [
      { type: 'TextBlock', text: options.heading, wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading' },
      ...(options.lines ?? []).map((text) => ({ type: 'TextBlock', text, wrap: true })),
    ],
    actions: options.buttons.map((b) => ({ type: 'Action.Submit', title: b.title, data: { ...b.data } })),
    fallbackText: fallback,
  });
}

/** A message: plain text first (read by every client and screen reader), then the card. */
export function cardMessage(text: string, card: AdaptiveCard): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card), text);
  activity.text = text;
  return activity;
}
