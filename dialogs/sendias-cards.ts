/**
 * Adaptive Cards for SENDIAS triage: the advisers' queue, one enquiry with its actions, the card
 * for the SENDIAS Teams channel about an urgent enquiry, and the adviser's reply as the family sees
 * it. Every card's meaning is also in the message text (screen readers, clients without cards).
 *
 * Card actions carry the enquiry reference and the eTag the card was drawn from, so a press on an
 * old card is detected (dialogs/sendias-queue.ts). Inputs live inside Action.ShowCard sub-cards, so
 * each submission carries only its own fields.
 */
import type { Activity } from 'botbuilder';
import type { CaseworkMessages } from '../bot/casework';
import { OUTCOME_TITLES, QUEUE_FILTERS, type AdviserNames, type QueueFilter, type TriagedEnquiry } from '../bot/casework/enquiries';
import { ENQUIRY_OUTCOMES, type EnquiryStatus } from '../bot/records/enquiries';
import { formatLongDate, englandDateOf } from '../bot/statutory';
import { levelLabel } from '../bot/triage';
import { adaptiveCard, cardMessage } from './cards';
import type { CouncilContacts } from './knowledge-replies';

/** The casework layer's proactive messages, drawn by these card builders. */
export function caseworkMessages(council: CouncilContacts): CaseworkMessages {
  return { familyReply: familyReplyMessage, urgentAlert: (item) => urgentChannelMessage(item, council) };
}

export const SENDIAS_ACTIONS = {
  queue: 'sendiasQueue',
  open: 'sendiasOpen',
  assignMe: 'sendiasAssignMe',
  reassign: 'sendiasReassign',
  note: 'sendiasNote',
  reply: 'sendiasReply',
  priority: 'sendiasPriority',
  close: 'sendiasClose',
  familyReply: 'sendiasFamilyReply',
} as const;

const FILTER_TITLES: Readonly<Record<QueueFilter, string>> = { open: 'All open', unassigned: 'Unassigned', mine: 'Mine', overdue: 'Overdue' };
const FILTER_HEADINGS: Readonly<Record<QueueFilter, string>> = {
  open: 'Open SENDIAS enquiries',
  unassigned: 'Unassigned SENDIAS enquiries',
  mine: 'SENDIAS enquiries assigned to you',
  overdue: 'SENDIAS enquiries not acknowledged in time',
};

const STATUS_TITLES: Readonly<Record<EnquiryStatus, string>> = {
  new: 'New',
  assigned: 'Assigned',
  waiting_for_family: 'Waiting for the family',
  closed: 'Closed',
};

/** Names of advisers by staff id. */

const SHOWN = 10;
const EXCERPT = 120;

const nameOf = (names: AdviserNames, id: string | undefined): string => (id ? (names.get(id) ?? id) : 'Not assigned');
const age = (days: number): string => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);
const excerpt = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);

export function safeguardingContacts(council: CouncilContacts): string {
  return `Safeguarding contacts: ${council.name} children's services ${council.frontDoorPhone}; 999 if a child is in immediate danger; Childline 0800 1111 (for the child).`;
}

/** One line each: priority and why, age, status, assignee. */
export function summaryLines(item: TriagedEnquiry, names: AdviserNames): { heading: string; why: string; facts: string; ack: string } {
  const { enquiry: e, triage: t } = item;
  const received = formatLongDate(englandDateOf(new Date(e.createdAt)));
  return {
    heading: `${e.id}: ${levelLabel(t.level)}`,
    why: t.reasons.length ? `Why: ${t.reasons.map((r) => r.text).join('; ')}.` : 'Why: no urgent factors; ordered by age.',
    facts: `Received ${received} (${age(t.ageDays)}). Status: ${STATUS_TITLES[e.status]}. Assigned to: ${nameOf(names, e.assigneeId)}.`,
    ack: e.acknowledgedAt
      ? `Acknowledged ${formatLongDate(englandDateOf(new Date(e.acknowledgedAt)))}.`
      : `Acknowledge by ${formatLongDate(t.acknowledgeBy)}${t.acknowledgementOverdue ? ' (overdue)' : ''}.`,
  };
}

const filterButtons = (): Record<string, unknown>[] =>
  QUEUE_FILTERS.map((f) => ({ type: 'Action.Submit', title: FILTER_TITLES[f], data: { action: SENDIAS_ACTIONS.queue, filter: f } }));

/** The queue, highest priority first, with filter buttons and per-enquiry actions. */
export function queueMessage(options: { filter: QueueFilter; items: readonly TriagedEnquiry[]; names: AdviserNames; me: string; council: CouncilContacts }): Partial<Activity> {
  const { filter, items, names, me, council } = options;
  const heading = `${FILTER_HEADINGS[filter]}: ${items.length}`;
  const urgent = items.filter((i) => i.triage.level === 'urgent').length;
  const overdue = items.filter((i) => i.triage.acknowledgementOverdue).length;
  const intro = `${heading}. ${urgent} urgent, ${overdue} not acknowledged in time. Highest priority first.`;
  const shown = items.slice(0, SHOWN);
  const textItems = shown.map((item) => {
    const l = summaryLines(item, names);
    const sg = item.triage.showSafeguardingContacts ? `\n  ${safeguardingContacts(council)}` : '';
    return `- ${l.heading}. ${l.why} ${l.facts} ${l.ack}${sg}`;
  });
  const more = items.length > SHOWN ? [`and ${items.length - SHOWN} more. Use a filter to narrow the list.`] : [];
  const text = [intro, ...(items.length ? textItems : ['No enquiries here.']), ...more, `Filters: ${QUEUE_FILTERS.map((f) => FILTER_TITLES[f]).join(', ')}.`].join('\n');
  const card = adaptiveCard({
    body: [
      { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'TextBlock', text: `${urgent} urgent, ${overdue} not acknowledged in time. Highest priority first.`, wrap: true },
      { type: 'ActionSet', actions: filterButtons() },
      ...(items.length ? [] : [{ type: 'TextBlock', text: 'No enquiries here.', wrap: true }]),
      ...shown.map((item) => {
        const l = summaryLines(item, names);
        const e = item.enquiry;
        const actions: Record<string, unknown>[] = [];
        if (e.assigneeId !== me) actions.push({ type: 'Action.Submit', title: 'Assign to me', data: { action: SENDIAS_ACTIONS.assignMe, ref: e.id, etag: e.etag } });
        actions.push({ type: 'Action.Submit', title: 'Open', data: { action: SENDIAS_ACTIONS.open, ref: e.id } });
        return {
          type: 'Container',
          separator: true,
          spacing: 'Medium',
          style: item.triage.level === 'urgent' ? 'attention' : item.triage.level === 'high' ? 'warning' : 'default',
          items: [
            { type: 'TextBlock', text: l.heading, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: l.why, wrap: true, spacing: 'Small' },
            { type: 'TextBlock', text: `${l.facts} ${l.ack}`, wrap: true, spacing: 'Small', isSubtle: true },
            { type: 'TextBlock', text: `“${excerpt(e.text)}”`, wrap: true, spacing: 'Small' },
            ...(item.triage.showSafeguardingContacts ? [{ type: 'TextBlock', text: safeguardingContacts(council), wrap: true, color: 'Attention', spacing: 'Small' }] : []),
            { type: 'ActionSet', actions },
          ],
        };
      }),
      ...(more.length ? [{ type: 'TextBlock', text: more[0], wrap: true, isSubtle: true }] : []),
    ],
    fallbackText: text,
  });
  return cardMessage(text, card);
}

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

/** For the SENDIAS Teams channel: a new urgent enquiry (no personal details beyond the reasons). */
export function urgentChannelMessage(item: TriagedEnquiry, council: CouncilContacts): Partial<Activity> {
  const e = item.enquiry;
  const why = item.triage.reasons
    .filter((r) => r.level === 'urgent')
    .map((r) => r.text)
    .join('; ');
  const lines = [
    `New urgent SENDIAS enquiry ${e.id}.`,
    `Why: ${why}.`,
    `Acknowledge by ${formatLongDate(item.triage.acknowledgeBy)}. Open it from the queue ("show the queue") to assign it.`,
    ...(item.triage.showSafeguardingContacts ? [safeguardingContacts(council)] : []),
  ];
  const text = lines.join('\n');
  const card = adaptiveCard({
    body: [
      { type: 'TextBlock', text: `New urgent enquiry ${e.id}`, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true, color: 'Attention' },
      ...lines.slice(1).map((t) => ({ type: 'TextBlock', text: t, wrap: true })),
    ],
    actions: [
      { type: 'Action.Submit', title: 'Assign to me', data: { action: SENDIAS_ACTIONS.assignMe, ref: e.id, etag: e.etag } },
      { type: 'Action.Submit', title: 'Open', data: { action: SENDIAS_ACTIONS.open, ref: e.id } },
    ],
    fallbackText: text,
  });
  return cardMessage(text, card);
}

/** An adviser's reply as the family sees it in web chat, with a button to answer. */
export function familyReplyMessage(ref: string, text: string): Partial<Activity> {
  const intro = `A SENDIAS adviser has replied about your enquiry ${ref}:`;
  const after = 'To answer, choose "Reply to SENDIAS".';
  const card = adaptiveCard({
    body: [
      { type: 'TextBlock', text: `Reply from SENDIAS (${ref})`, weight: 'Bolder', size: 'Medium', style: 'heading', wrap: true },
      { type: 'TextBlock', text, wrap: true },
    ],
    actions: [{ type: 'Action.Submit', title: 'Reply to SENDIAS', data: { action: SENDIAS_ACTIONS.familyReply, ref } }],
    fallbackText: `${intro}\n\n${text}`,
  });
  return cardMessage(`${intro}\n\n${text}\n\n${after}`, card);
}
