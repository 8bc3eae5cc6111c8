/**
 * Messages the service sends to people outside the chat: verification codes, meeting invitations,
 * complaint and enquiry receipts. One interface; GOV.UK Notify in production, an in-memory outbox
 * locally (readable at GET /dev/outbox in local mode only). Callers never see which one they have.
 */
import type { Notifier } from './message';

export { NotifyAttachment, NotifyMessage, type Notifier, type SentMessage } from './message';

/** Where to send a message to a contact: their preferred route, falling back to the other. */
export function addressOf(contact: { email?: string; phone?: string; preferredContact: 'email' | 'phone' }): { kind: 'email' | 'sms'; to: string } | undefined {
  const email = contact.email ? { kind: 'email' as const, to: contact.email } : undefined;
  const sms = contact.phone ? { kind: 'sms' as const, to: contact.phone } : undefined;
  return contact.preferredContact === 'phone' ? (sms ?? email) : (email ?? sms);
}

/**
 * Sends a receipt to a contact by their preferred route: the full text by email, a short text by
 * SMS. Resolves with the route used, or undefined when the contact has no address.
 */
export async function sendReceipt(
  notifier: Notifier,
  contact: { email?: string; phone?: string; preferredContact: 'email' | 'phone' },
  message: { subject: string; body: string; sms: string; reference: string },
): Promise<'email' | 'sms' | undefined> {
  const address = addressOf(contact);
  if (!address) return undefined;
  await notifier.send(
    address.kind === 'email'
      ? { kind: 'email', to: address.to, subject: message.subject, body: message.body, reference: message.reference }
      : { kind: 'sms', to: address.to, body: message.sms, reference: message.reference },
  );
  return address.kind;
}

export { OutboxNotifier, type OutboxEntry } from './outbox';
export { GovUkNotifier, type GovUkNotifierOptions } from './govuk';
export { meetingInvitation, type MeetingInvitation } from './calendar';
