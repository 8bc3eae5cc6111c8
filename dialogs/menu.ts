import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { scopeFor, type Action } from '../bot/identity/access';
import type { Identity } from '../bot/identity/identity';
import { cardMessage, choiceCard } from './cards';

/** The jobs the assistant does, as the menu offers them. Each is the `action` of a card submission and a dialog id. */
export const MenuAction = z.enum([
  'planStatus',
  'bookReview',
  'recordOutcome',
  'overdue',
  'dueThisWeek',
  'complaint',
  'complaintQueue',
  'askQuestion',
  'contactSendias',
  'sendiasQueue',
]);
export type MenuAction = z.infer<typeof MenuAction>;

interface MenuItem {
  readonly action: MenuAction;
  readonly title: string;
  readonly staffTitle?: string;
  /** Shown only to people who may do this (a member of the public may, once verified, if a parent may). */
  readonly requires?: Action;
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { action: 'planStatus', title: 'Check an EHC plan', staffTitle: 'Look up a plan', requires: 'plan.read' },
  { action: 'bookReview', title: 'Book an annual review', requires: 'review.book' },
  { action: 'recordOutcome', title: 'Record a review outcome', requires: 'review.record_outcome' },
  { action: 'overdue', title: "What's overdue", requires: 'compliance.overdue' },
  { action: 'dueThisWeek', title: "What's due this week", requires: 'compliance.overdue' },
  { action: 'complaintQueue', title: 'Complaints queue', requires: 'complaint.queue' },
  { action: 'complaint', title: 'Make a complaint', requires: 'complaint.create' },
  { action: 'askQuestion', title: 'Ask a question about SEND' },
  { action: 'contactSendias', title: 'Contact SENDIAS', requires: 'enquiry.create' },
  { action: 'sendiasQueue', title: 'SENDIAS enquiries', requires: 'enquiry.queue' },
];

/** The menu items this person can use. Web chat users see the parent items: they verify when they choose one. */
export function menuFor(identity: Identity | undefined): readonly MenuItem[] {
  const asParent: Identity | undefined =
    identity?.kind === 'public' && identity.channel === 'web_chat'
      ? { kind: 'parent', actorId: identity.actorId, contactKind: 'parent_carer', childIds: [], channel: 'web_chat', userKey: identity.actorId }
      : identity;
  return MENU_ITEMS.filter((item) => {
    if (!item.requires) return true;
    if (!asParent) return item.requires === 'complaint.create' || item.requires === 'enquiry.create';
    return scopeFor(asParent, item.requires) !== undefined;
  });
}

export function welcomeText(councilName: string): string {
  return (
    `Hello. I'm the SEND Assistant for ${councilName}. ` +
    'I can help with special educational needs and disabilities (SEND), including EHC plans (education, health and care plans).'
  );
}

export function menuMessage(intro: string, identity?: Identity): Partial<Activity> {
  const staff = identity?.kind === 'staff';
  return cardMessage(
    intro,
    choiceCard({
      heading: 'What would you like to do?',
      lines: ['Choose an option, or type your question.'],
      buttons: menuFor(identity).map((item) => ({ title: (staff && item.staffTitle) || item.title, data: { action: item.action } })),
    }),
  );
}
