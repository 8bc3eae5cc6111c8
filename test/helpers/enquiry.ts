import type { Enquiry } from '../../bot/records/enquiries';

/** A SENDIAS enquiry received on Wednesday 11 March 2026 at 9am, with nothing special about it, unless overridden. */
export function enquiry(overrides: Partial<Omit<Enquiry, 'priority'>> & { priority?: Partial<Enquiry['priority']> } = {}): Enquiry {
  const { priority, ...rest } = overrides;
  return {
    id: 'ENQ-2026-00001',
    queue: 'sendias',
    docType: 'enquiry',
    contact: { name: 'Jo Parent', email: 'jo@example.org' },
    contactPreference: 'email',
    consent: { storeAndContact: true, shareCasework: false, givenAt: '2026-03-11T09:00:00.000Z' },
    channel: 'web_chat',
    text: 'We need help with the annual review.',
    sharedCaseRefs: [],
    status: 'new',
    notes: [],
    createdAt: '2026-03-11T09:00:00.000Z',
    updatedAt: '2026-03-11T09:00:00.000Z',
    ...rest,
    priority: { outOfSchool: false, safeguarding: false, ...priority },
  } as Enquiry;
}
