/**
 * One SENDIAS enquiry as an adviser sees it, with every action (dialogs/sendias-queue.ts handles
 * them). Inputs sit inside Action.ShowCard sub-cards, so each submission carries only its own fields;
 * required inputs carry an errorMessage, without which Web Chat refuses to draw the card.
 */
import type { Activity } from 'botbuilder';
import { OUTCOME_TITLES, type AdviserNames, type TriagedEnquiry } from '../bot/casework/enquiries';
import { ENQUIRY_OUTCOMES } from '../bot/records/enquiries';
import { englandDateOf, formatLongDate } from '../bot/statutory';
import { levelLabel } from '../bot/triage';
import { adaptiveCard, cardMessage } from './cards';
import type { CouncilContacts } from './knowledge-replies';
import { SENDIAS_ACTIONS, STATUS_TITLES, nameOf, safeguardingContacts, summaryLines } from './sendias-cards';

/** One enquiry in full, with every action. */
export function enquiryMessage(options: {
  item: TriagedEnquiry;
  names: AdviserNames;
  advisers: readonly { id: string; name: string }[];
  me: string;
  council: CouncilContacts;
  intro?: string;
  /** Whether a reply can go straight into the family's web chat. */
  webChatOpen: boolean;
}): Partial<Activity> {
  const { item, names, advisers, me, council, webChatOpen } = options;
  const e = item.enquiry;
  const l = summaryLines(item, names);
  const route = webChatOpen ? 'into their web chat' : e.contactPreference === 'phone' ? 'by text message' : 'by email';
  const closed = e.status === 'closed';
  const facts: [string, string][] = [
    ['Priority', levelLabel(item.triage.level)],
    ['Why', item.triage.reasons.map((r) => r.text).join('; ') || 'No urgent factors'],
    ['Received', l.facts.split('. ')[0]!.replace(/^Received /, '')],
    ['Status', STATUS_TITLES[e.status] + (e.outcome ? ` (${OUTCOME_TITLES[e.outcome]})` : '')],
    ['Assigned to', nameOf(names, e.assigneeId)],
    ['Acknowledgement', l.ack],
    ['Contact', `${e.contact.name}, prefers ${e.contactPreference}. Replies go ${route}.`],
  ];
  const messages = (e.messages ?? [])
    .slice(-5)
    .map((m) => `${formatLongDate(englandDateOf(new Date(m.at)))}, ${m.from === 'family' ? 'the family' : nameOf(names, m.by)}: ${m.text}`);
  const notes = e.notes.slice(-5).map((n) => `${formatLongDate(englandDateOf(new Date(n.at)))}, ${nameOf(names, n.by)}: ${n.text}`);
  const textParts = [
    ...(options.intro ? [options.intro] : []),
    `${l.heading}.`,
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(item.triage.showSafeguardingContacts ? [safeguardingContacts(council)] : []),
    `What they said: ${e.text}`,
    ...(messages.length ? ['Messages:', ...messages.map((m) => `- ${m}`)] : []),
    ...(notes.length ? ['Notes:', ...notes.map((n) => `- ${n}`)] : []),
    closed ? 'This enquiry is closed.' : 'Actions: assign to me, reassign, add a note, reply to the family, update priority details, close.',
  ];
  const data = { ref: e.id, etag: e.etag };
  const submit = (title: string, action: string): Record<string, unknown> => ({ type: 'Action.Submit', title, data: { action, ...data } });
  const showCard = (title: string, body: Record<string, unknown>[], submitTitle: string, action: string): Record<string, unknown> => ({
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', version: '1.5', body, actions: [submit(submitTitle, action)] },
  });
  const others = advisers.filter((a) => a.id !== e.assigneeId);
  const actions: Record<string, unknown>[] = closed
    ? []
    : [
        ...(e.assigneeId !== me ? [submit('Assign to me', SENDIAS_ACTIONS.assignMe)] : []),
        ...(others.length
          ? [
              showCard(
                'Reassign',
                [
                  {
                    type: 'Input.ChoiceSet',
                    id: 'assignee',
                    label: 'Assign to',
                    isRequired: true,
                    errorMessage: 'Choose an adviser.',
                    value: others[0]!.id,
                    choices: others.map((a) => ({ title: a.name, value: a.id })),
                  },
                ],
                'Reassign',
                SENDIAS_ACTIONS.reassign,
              ),
            ]
          : []),
        showCard(
          'Add a note',
          [
            { type: 'Input.Text', id: 'note', label: 'Note (only advisers see it)', isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: 'Type a note.' },
            { type: 'Input.Toggle', id: 'contacted', title: 'I have contacted the family (counts as the acknowledgement)', value: 'false', valueOn: 'true', valueOff: 'false' },
          ],
          'Save note',
          SENDIAS_ACTIONS.note,
        ),
        showCard(
          'Reply to the family',
          [{ type: 'Input.Text', id: 'reply', label: `Your reply (goes ${route})`, isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: 'Type your reply.' }],
          'Send reply',
          SENDIAS_ACTIONS.reply,
        ),
        showCard(
          'Update priority details',
          [
            { type: 'Input.Toggle', id: 'safeguarding', title: 'Safeguarding concern', value: String(e.priority.safeguarding), valueOn: 'true', valueOff: 'false' },
            { type: 'Input.Toggle', id: 'outOfSchool', title: 'Child out of school', value: String(e.priority.outOfSchool), valueOn: 'true', valueOff: 'false' },
            { type: 'Input.Toggle', id: 'excluded', title: 'Child excluded', value: String(e.priority.excluded ?? false), valueOn: 'true', valueOff: 'false' },
            {
              type: 'Input.Toggle',
              id: 'finalPlanOverdue',
              title: 'Final EHC plan overdue',
              value: String(e.priority.finalPlanOverdue ?? false),
              valueOn: 'true',
              valueOff: 'false',
            },
            { type: 'Input.Date', id: 'appealDeadline', label: 'Appeal deadline (if known)', ...(e.priority.appealDeadline ? { value: e.priority.appealDeadline } : {}) },
            { type: 'Input.Date', id: 'tribunalHearing', label: 'Tribunal hearing date (if known)', ...(e.priority.tribunalHearing ? { value: e.priority.tribunalHearing } : {}) },
          ],
          'Save priority details',
          SENDIAS_ACTIONS.priority,
        ),
        showCard(
          'Close',
          [
            {
              type: 'Input.ChoiceSet',
              id: 'outcome',
              label: 'Outcome',
              isRequired: true,
              errorMessage: 'Choose an outcome.',
              choices: ENQUIRY_OUTCOMES.map((o) => ({ title: OUTCOME_TITLES[o], value: o })),
            },
            { type: 'Input.Text', id: 'closeNote', label: 'Closing note (optional)', isMultiline: true, maxLength: 2000 },
          ],
          'Close enquiry',
          SENDIAS_ACTIONS.close,
        ),
      ];
  const text = textParts.join('\n');
  const card = adaptiveCard({
    body: [
      ...(options.intro ? [{ type: 'TextBlock', text: options.intro, wrap: true }] : []),
      { type: 'TextBlock', text: l.heading, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
      ...(item.triage.showSafeguardingContacts ? [{ type: 'TextBlock', text: safeguardingContacts(council), wrap: true, color: 'Attention', weight: 'Bolder' }] : []),
      { type: 'TextBlock', text: 'What they said', weight: 'Bolder', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: e.text, wrap: true },
      ...(messages.length
        ? [
            { type: 'TextBlock', text: 'Messages', weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...messages.map((m) => ({ type: 'TextBlock', text: m, wrap: true, spacing: 'Small' })),
          ]
        : []),
      ...(notes.length
        ? [
            { type: 'TextBlock', text: 'Notes', weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...notes.map((n) => ({ type: 'TextBlock', text: n, wrap: true, spacing: 'Small' })),
          ]
        : []),
      ...(closed ? [{ type: 'TextBlock', text: 'This enquiry is closed.', wrap: true }] : []),
    ],
    actions: [...actions, { type: 'Action.Submit', title: 'Back to the queue', data: { action: SENDIAS_ACTIONS.queue } }],
    fallbackText: text,
  });
  return cardMessage(text, card);
}
