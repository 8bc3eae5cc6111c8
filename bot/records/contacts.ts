/**
 * Parent links: parents and carers with the children they hold parental responsibility for, and
 * young people over 16 who act for themselves. Identity checks use these before anything about
 * a child is shown (Regs 2014 reg 17; SEND-RULES 11.4). Container `contacts`, partitioned by id.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { ChildId, ContactId, ContactPreference, Email, IsoDateTime, Phone, PersonName, checkPreferredContact } from './common';
import { NotFoundError } from './errors';
import { DocStore, systemClock, type Clock, type Stored } from './store';

export const CONTACT_KINDS = ['parent_carer', 'young_person'] as const;

export const ParentLink = z
  .object({
    /** `P0001` for a parent or carer; `Y0287` for the young person of child `C0287`. */
    id: ContactId,
    docType: z.literal('contact'),
    kind: z.enum(CONTACT_KINDS),
    givenName: PersonName,
    familyName: PersonName,
    email: Email.optional(),
    phone: Phone.optional(),
    preferredContact: ContactPreference,
    /**
     * For a parent or carer: the children they hold parental responsibility for.
     * For a young person: their own child id, only.
     */
    childIds: z
      .array(ChildId)
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, 'child ids must not repeat'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .superRefine((p, ctx) => {
    checkPreferredContact({ name: p.givenName, email: p.email, phone: p.phone }, p.preferredContact, ctx, []);
    if (p.kind === 'young_person') {
      const own = `C${p.id.slice(1)}`;
      if (!p.id.startsWith('Y') || p.childIds.length !== 1 || p.childIds[0] !== own) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['childIds'], message: 'a young person Ynnnn acts only for their own record Cnnnn' });
      }
    } else if (!p.id.startsWith('P')) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['id'], message: 'a parent or carer id starts with P' });
    }
  });
export type ParentLink = z.infer<typeof ParentLink>;

export type NewParentLink = Omit<z.input<typeof ParentLink>, 'docType' | 'createdAt' | 'updatedAt'>;

export function contactStore(container: Container): DocStore<ParentLink> {
  return new DocStore({ container, schema: ParentLink, partitionKeyOf: (p) => p.id, noun: 'contact' });
}

export class ParentRepository {
  readonly store: DocStore<ParentLink>;

  constructor(
    container: Container,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = contactStore(container);
  }

  async create(input: NewParentLink): Promise<Stored<ParentLink>> {
    const where = 'ParentRepository.create()';
    const now = this.now();
    return this.store.create(this.store.validate({ ...input, docType: 'contact', createdAt: now, updatedAt: now }, where), where);
  }

  async find(id: ContactId): Promise<Stored<ParentLink> | undefined> {
    return this.store.read(id, id, 'ParentRepository.find()');
  }

  async get(id: ContactId): Promise<Stored<ParentLink>> {
    const contact = await this.find(id);
    if (!contact) throw new NotFoundError(`ParentRepository.get(): contact ${id} not found`);
    return contact;
  }

  /** Contacts with this email address (case-insensitive). */
  async findByEmail(email: string): Promise<Stored<ParentLink>[]> {
    const parsed = Email.safeParse(email);
    if (!parsed.success) return [];
    return this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'contact' AND c.email = @email", parameters: [{ name: '@email', value: parsed.data }] },
      'ParentRepository.findByEmail()',
    );
  }

  /** Contacts with this phone number (spaces ignored). */
  async findByPhone(phone: string): Promise<Stored<ParentLink>[]> {
    const parsed = Phone.safeParse(phone);
    if (!parsed.success) return [];
    return this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'contact' AND c.phone = @phone", parameters: [{ name: '@phone', value: parsed.data }] },
      'ParentRepository.findByPhone()',
    );
  }

  /** Everyone who may act for the child: parents and carers, and the young person. */
  async forChild(childId: ChildId): Promise<Stored<ParentLink>[]> {
    const rows = await this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'contact' AND ARRAY_CONTAINS(c.childIds, @childId)", parameters: [{ name: '@childId', value: childId }] },
      'ParentRepository.forChild()',
    );
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** True when the contact holds parental responsibility for the child, or is that young person. */
  async canActFor(contactId: ContactId, childId: ChildId): Promise<boolean> {
    const contact = await this.find(contactId);
    return contact !== undefined && contact.childIds.includes(childId);
  }

  async replace(contact: Stored<ParentLink>): Promise<Stored<ParentLink>> {
    return this.store.replace({ ...contact, updatedAt: this.now() }, contact.etag, 'ParentRepository.replace()');
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
