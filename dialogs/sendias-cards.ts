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
import { QUEUE_FILTERS, type AdviserNames, type QueueFilter, type TriagedEnquiry } from '../bot/casework/enquiries';
import type { EnquiryStatus } from '../bot/records/enquiries';
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

export const STATUS_TITLES: Readonly<Record<EnquiryStatus, string>> = {
  new: 'New',
  assigned: 'Assigned',
  waiting_for_family: 'Waiting for the family',
  closed: 'Closed',
};

/** Names of advisers by staff id. */

const SHOWN = 10;
const EXCERPT = 120;

export const nameOf = (names: AdviserNames, id: string | undefined): string => (id ? (names.get(id) ?? id) : 'Not assigned');
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
