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

/** A part of a figures message: an optional heading and its figures. */
export interface FactSection {
  readonly heading?: string;
  readonly facts: readonly (readonly [string, string])[];
}

/**
 * Figures as a message: a title, the headline (answer first), then each section as a FactSet, and
 * an optional note; the text says the same ("Heading:" then "- figure: value" lines).
 */
/** A picture after the headline (a data URI, with its words), and a button that opens a page. */
export interface FactsExtras {
  readonly image?: { readonly url: string; readonly altText: string };
  readonly link?: { readonly title: string; readonly url: string };
}

export function factsMessage(title: string, headline: string, sections: readonly FactSection[], note?: string, extras: FactsExtras = {}): Partial<Activity> {
  const text = [headline, ...sections.map((s) => `${s.heading ? `${s.heading}:\n` : ''}${s.facts.map(([k, v]) => `- ${k}: ${v}`).join('\n')}`), ...(note ? [note] : [])].join(
    '\n\n',
  );
  const card = adaptiveCard({
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'TextBlock', text: headline, wrap: true },
      ...(extras.image ? [{ type: 'Image', url: extras.image.url, altText: extras.image.altText, size: 'Stretch' }] : []),
      ...sections.flatMap((s) => [
        ...(s.heading ? [{ type: 'TextBlock', text: s.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' }] : []),
        { type: 'FactSet', facts: s.facts.map(([title, value]) => ({ title, value })) },
      ]),
      ...(note ? [{ type: 'TextBlock', text: note, isSubtle: true, wrap: true }] : []),
    ],
    ...(extras.link ? { actions: [{ type: 'Action.OpenUrl', title: extras.link.title, url: extras.link.url }] } : {}),
    fallbackText: extras.link
      ? `${text}

${extras.link.title}: ${extras.link.url}`
      : text,
  });
  return cardMessage(text, card);
}
