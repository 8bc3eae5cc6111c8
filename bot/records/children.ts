/** Children: the person a case is about. One partition per child in the `cases` container. */
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AssessmentRequest } from './assessment-requests';
import { ChildId, IsoDate, IsoDateTime, PersonName } from './common';
import { NotFoundError, RecordsError } from './errors';
import { Plan } from './plans';
import { Review } from './reviews';
import { DocStore, QUERY_PAGES, parseStoredDocument, systemClock, type Clock, type Stored } from './store';

export const Child = z
  .object({
    id: ChildId,
    /** Partition key; equals `id`. */
    childId: ChildId,
    docType: z.literal('child'),
    givenName: PersonName,
    familyName: PersonName,
    dateOfBirth: IsoDate,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .refine((c) => c.id === c.childId, { message: 'childId must equal id', path: ['childId'] });
export type Child = z.infer<typeof Child>;

export const NewChild = z.object({
  id: ChildId,
  givenName: PersonName,
  familyName: PersonName,
  dateOfBirth: IsoDate,
});
export type NewChild = z.input<typeof NewChild>;

/** Everything in one child's partition, read with one single-partition query. */
export interface CaseFile {
  readonly child: Stored<Child>;
  readonly plans: readonly Stored<Plan>[];
  readonly assessmentRequests: readonly Stored<AssessmentRequest>[];
  readonly reviews: readonly Stored<Review>[];
}

export function childStore(container: Container): DocStore<Child> {
  return new DocStore({ container, schema: Child, partitionKeyOf: (c) => c.childId, noun: 'child' });
}

export class ChildRepository {
  readonly store: DocStore<Child>;

  constructor(
    private readonly container: Container,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = childStore(container);
  }

  /** Adds a child; {@link AlreadyExistsError} if the id is taken. */
  async create(input: NewChild): Promise<Stored<Child>> {
    const where = 'ChildRepository.create()';
    const valid = this.store.validate({ ...input, childId: input.id, docType: 'child', ...this.stamps() }, where);
    return this.store.create(valid, where);
  }

  async find(id: ChildId): Promise<Stored<Child> | undefined> {
    return this.store.read(id, id, 'ChildRepository.find()');
  }

  async get(id: ChildId): Promise<Stored<Child>> {
    const child = await this.find(id);
    if (!child) throw new NotFoundError(`ChildRepository.get(): child ${id} not found`);
    return child;
  }

  /** Several children by id (missing ids are left out). */
  async getMany(ids: readonly ChildId[]): Promise<Stored<Child>[]> {
    if (ids.length === 0) return [];
    return this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'child' AND ARRAY_CONTAINS(@ids, c.id)", parameters: [{ name: '@ids', value: [...ids] }] },
      'ChildRepository.getMany()',
    );
  }

  /** Saves changed details; {@link ConflictError} if the child changed since it was read. */
  /** Every child's date of birth by id (one cross-partition query of two fields), for the report's phase filter. */
  async datesOfBirth(): Promise<Map<ChildId, string>> {
    const rows = await this.store.container.items
      .query<{ id: ChildId; dateOfBirth: string }>({ query: "SELECT c.id, c.dateOfBirth FROM c WHERE c.docType = 'child'" }, QUERY_PAGES)
      .fetchAll();
    const valid = z.array(z.object({ id: ChildId, dateOfBirth: IsoDate })).parse(rows.resources);
    return new Map(valid.map((r) => [r.id, r.dateOfBirth] as const));
  }

  /** Children born on a day (cross-partition query), for verification by name and date of birth. */
  async withDateOfBirth(dateOfBirth: string): Promise<Stored<Child>[]> {
    const day = IsoDate.parse(dateOfBirth);
    return this.store.query(
      { query: "SELECT * FROM c WHERE c.docType = 'child' AND c.dateOfBirth = @dob", parameters: [{ name: '@dob', value: day }] },
      'ChildRepository.withDateOfBirth()',
    );
  }

  /**
   * Children whose given or family name starts with each word typed (cross-partition query, at most
   * `limit`), for the staff search in Teams. Case-insensitive.
   */
  async searchByName(text: string, limit = 10): Promise<Stored<Child>[]> {
    const words = text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => /^[\p{L}'-]{2,50}$/u.test(w))
      .slice(0, 3);
    if (words.length === 0) return [];
    const clauses = words.map((_w, i) => `(STARTSWITH(LOWER(c.givenName), @w${i}) OR STARTSWITH(LOWER(c.familyName), @w${i}))`);
    const rows = await this.store.query(
      { query: `SELECT * FROM c WHERE c.docType = 'child' AND ${clauses.join(' AND ')}`, parameters: words.map((w, i) => ({ name: `@w${i}`, value: w })) },
      'ChildRepository.searchByName()',
    );
    return rows.sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName)).slice(0, limit);
  }

  async replace(child: Stored<Child>): Promise<Stored<Child>> {
    return this.store.replace({ ...child, updatedAt: this.now() }, child.etag, 'ChildRepository.replace()');
  }

  /** The child with their plans, assessment requests and review meetings (one partition). */
  async caseFile(id: ChildId): Promise<CaseFile> {
    const where = 'ChildRepository.caseFile()';
    let rows: unknown[];
    try {
      const response = await this.container.items
        .query<unknown>({ query: 'SELECT * FROM c WHERE c.childId = @id', parameters: [{ name: '@id', value: id }] }, { partitionKey: id })
        .fetchAll();
      rows = response.resources;
    } catch (err) {
      throw new RecordsError(`${where}: Cosmos query for child ${id} failed`, { cause: err });
    }
    let child: Stored<Child> | undefined;
    const plans: Stored<Plan>[] = [];
    const assessmentRequests: Stored<AssessmentRequest>[] = [];
    const reviews: Stored<Review>[] = [];
    for (const row of rows) {
      const docType = (row as { docType?: unknown }).docType;
      if (docType === 'child') child = parseStoredDocument(Child, row, where, 'child');
      else if (docType === 'plan') plans.push(parseStoredDocument(Plan, row, where, 'plan'));
      else if (docType === 'assessment_request') assessmentRequests.push(parseStoredDocument(AssessmentRequest, row, where, 'assessment request'));
      else if (docType === 'review') reviews.push(parseStoredDocument(Review, row, where, 'review meeting'));
    }
    if (!child) throw new NotFoundError(`${where}: child ${id} not found`);
    return { child, plans, assessmentRequests, reviews };
  }

  private stamps(): { createdAt: string; updatedAt: string } {
    const now = this.now();
    return { createdAt: now, updatedAt: now };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
