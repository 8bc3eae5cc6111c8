import type { Activity } from 'botbuilder';
import { scopeFor } from '../bot/identity/access';
import type { Identity } from '../bot/identity/identity';
import { cardMessage, choiceCard } from './cards';
import type { MenuItem } from './feature';

/** The menu items this person can use. Web chat users see the parent items: they verify when they choose one. */
export function menuFor(items: readonly MenuItem[], identity: Identity | undefined): readonly MenuItem[] {
  const asParent: Identity | undefined =
    identity?.kind === 'public' && identity.channel === 'web_chat'
      ? { kind: 'parent', actorId: identity.actorId, contactKind: 'parent_carer', childIds: [], channel: 'web_chat', userKey: identity.actorId }
      : identity;
  return items.filter((item) => {
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

/** The menu card for this person, built from the features' menu entries. */
export function menuMessage(items: readonly MenuItem[], intro: string, identity?: Identity): Partial<Activity> {
  const staff = identity?.kind === 'staff';
  return cardMessage(
    intro,
    choiceCard({
      heading: 'What would you like to do?',
      lines: ['Choose an option, or type your question.'],
      buttons: menuFor(items, identity).map((item) => ({ title: (staff && item.staffTitle) || item.title, data: { action: item.action } })),
    }),
  );
}
