/**
 * Council staff and SENDIAS advisers who use the assistant in Teams. Container `staff`,
 * partitioned by Azure AD object id: who is speaking is looked up on every Teams turn.
 */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AadObjectId, Email, IsoDateTime, PersonName, StaffId } from './common';
import { AlreadyExistsError, NotFoundError } from './errors';
import { DocStore, systemClock, type Clock, type Stored } from './store';

export const STAFF_ROLES = ['caseworker', 'team_manager', 'sendias_adviser', 'knowledge_editor'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffMember = z.object({
  id: StaffId,
  docType: z.literal('staff'),
  aadObjectId: AadObjectId,
  displayName: PersonName,
  email: Email.optional(),
  roles: z
    .array(StaffRole)
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
  active: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type StaffMember = z.infer<typeof StaffMember>;

export type NewStaffMember = Omit<z.input<typeof StaffMember>, 'docType' | 'createdAt' | 'updatedAt'>;

export function staffStore(container: Container): DocStore<StaffMember> {
  return new DocStore({ container, schema: StaffMember, partitionKeyOf: (s) => s.aadObjectId, noun: 'staff member' });
}

export class StaffRepository {
  readonly store: DocStore<StaffMember>;

  constructor(
    container: Container,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = staffStore(container);
  }

  /**
   * Adds a staff member. Cosmos enforces a unique id only within a partition (one AAD object id),
   * so the staff id and the AAD object id are also checked across the container first. That check
   * is not atomic; staff are added rarely, by an administrator or the seed.
   */
  async create(input: NewStaffMember): Promise<Stored<StaffMember>> {
    const where = 'StaffRepository.create()';
    const now = this.clock.now().toISOString();
    const doc = this.store.validate({ ...input, docType: 'staff', createdAt: now, updatedAt: now }, where);
    const [byId, byAad] = await Promise.all([this.find(doc.id), this.findByAadObjectId(doc.aadObjectId)]);
    if (byId || byAad) {
      const clash = byId ? `id ${doc.id}` : `AAD object id ${doc.aadObjectId}`;
      throw new AlreadyExistsError(`${where}: a staff member with ${clash} already exists`);
    }
    return this.store.create(doc, where);
  }

  /** The staff member signed in to Teams with this AAD object id, if known (single-partition query). */
  async findByAadObjectId(aadObjectId: string): Promise<Stored<StaffMember> | undefined> {
    const rows = await this.store.query(
      { query: "SELECT * FROM c WHERE c.aadObjectId = @aad AND c.docType = 'staff'", parameters: [{ name: '@aad', value: aadObjectId.toLowerCase() }] },
      'StaffRepository.findByAadObjectId()',
      aadObjectId.toLowerCase(),
    );
    return rows[0];
  }

  async find(id: StaffId): Promise<Stored<StaffMember> | undefined> {
    const rows = await this.store.query({ query: "SELECT * FROM c WHERE c.docType = 'staff' AND c.id = @id", parameters: [{ name: '@id', value: id }] }, 'StaffRepository.find()');
    return rows[0];
  }

  async get(id: StaffId): Promise<Stored<StaffMember>> {
    const member = await this.find(id);
    if (!member) throw new NotFoundError(`StaffRepository.get(): staff member ${id} not found`);
    return member;
  }

  /** Active staff, optionally with a role, by id. */
  async list(filter: { role?: StaffRole; includeInactive?: boolean } = {}): Promise<Stored<StaffMember>[]> {
    const clauses = ["c.docType = 'staff'"];
    const parameters: { name: string; value: string }[] = [];
    if (!filter.includeInactive) clauses.push('c.active = true');
    if (filter.role) {
      clauses.push('ARRAY_CONTAINS(c.roles, @role)');
      parameters.push({ name: '@role', value: filter.role });
    }
    const rows = await this.store.query({ query: `SELECT * FROM c WHERE ${clauses.join(' AND ')}`, parameters }, 'StaffRepository.list()');
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Saves changed roles, name or active flag (the AAD object id is the partition key and cannot change). */
  async replace(member: Stored<StaffMember>): Promise<Stored<StaffMember>> {
    return this.store.replace({ ...member, updatedAt: this.clock.now().toISOString() }, member.etag, 'StaffRepository.replace()');
  }
}
