/**
 * A typed wrapper over one Cosmos container for one document type: validates every document
 * written and read with its zod schema, maps Cosmos status codes to typed errors, and carries the
 * eTag so writes can be conditional. Repositories build on it; nothing outside the records layer
 * should need it.
 */
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import type { z } from 'zod';
import { cosmosStatus } from '../storage/cosmos';
import { AlreadyExistsError, ConflictError, NotFoundError, RecordsError, ValidationError } from './errors';

/** A record as read from Cosmos, with the eTag a conditional write must present. */
export type Stored<T> = T & { readonly etag: string };

/** Where "now" comes from; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export { cosmosStatus };

/**
 * Pages as large as the service allows (`maxItemCount: -1`: Cosmos fills each page up to its 4 MB
 * limit) instead of the SDK's 100 items: a query over thousands of documents is a few round trips,
 * not hundreds, and the embedded local server, which evaluates the whole query again for every
 * page, answers in one.
 */
export const QUERY_PAGES = { maxItemCount: -1 } as const;

/** Summarises zod issues as `path: message` lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(record)'}: ${i.message}`);
}

/** Parses `input` with `schema` or throws {@link ValidationError} naming `where`. */
export function validate<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, where: string, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new ValidationError(`${where}: invalid ${what}: ${issues.join('; ')}`, issues, { cause: parsed.error });
  }
  return parsed.data;
}

export interface DocStoreOptions<T> {
  readonly container: Container;
  readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** The partition key value of a document. */
  readonly partitionKeyOf: (doc: T) => string;
  /** A word for messages: "plan", "review meeting". */
  readonly noun: string;
}

export class DocStore<T extends { readonly id: string }> {
  readonly container: Container;
  readonly noun: string;
  private readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  private readonly partitionKeyOf: (doc: T) => string;
  private readonly listeners: ((doc: T) => Promise<void>)[] = [];

  constructor(options: DocStoreOptions<T>) {
    this.container = options.container;
    this.schema = options.schema;
    this.partitionKeyOf = options.partitionKeyOf;
    this.noun = options.noun;
  }

  /**
   * Calls `listener` after each document this store creates or replaces, once the write has
   * succeeded (the report's facts follow the records this way). It must not throw: the record is saved.
   */
  afterWrite(listener: (doc: T) => Promise<void>): void {
    this.listeners.push(listener);
  }

  private async written(doc: Stored<T>): Promise<Stored<T>> {
    for (const listener of this.listeners) await listener(doc);
    return doc;
  }

  /** Validates a document about to be written (strips unknown fields such as `etag`). */
  validate(doc: unknown, where: string): T {
    return validate(this.schema, doc, where, this.noun);
  }

  /** Point read; `undefined` when absent. */
  async read(id: string, partitionKey: string, where: string): Promise<Stored<T> | undefined> {
    try {
      const response = await this.container.item(id, partitionKey).read<Record<string, unknown>>();
      if (response.statusCode === 404 || response.resource === undefined) return undefined;
      return this.fromCosmos(response.resource, where);
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw this.wrap(err, where, id);
    }
  }

  /** Creates the document; {@link AlreadyExistsError} when the id is taken. */
  async create(doc: T, where: string): Promise<Stored<T>> {
    const valid = this.validate(doc, where);
    try {
      const response = await this.container.items.create<T>(valid);
      return await this.written(this.fromCosmos(response.resource, where));
    } catch (err) {
      if (err instanceof RecordsError) throw err;
      if (cosmosStatus(err) === 409) {
        throw new AlreadyExistsError(`${where}: ${this.noun} ${valid.id} already exists`, { cause: err });
      }
      throw this.wrap(err, where, valid.id);
    }
  }

  /** Creates the document, or returns the one already stored under its id (idempotent create). */
  async createOrGet(doc: T, where: string): Promise<{ record: Stored<T>; created: boolean }> {
    const valid = this.validate(doc, where);
    try {
      const response = await this.container.items.create<T>(valid);
      return { record: await this.written(this.fromCosmos(response.resource, where)), created: true };
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw this.wrap(err, where, valid.id);
      const existing = await this.read(valid.id, this.partitionKeyOf(valid), where);
      if (!existing) {
        throw new RecordsError(`${where}: ${this.noun} ${valid.id} reported as existing but could not be read`, { cause: err });
      }
      return { record: existing, created: false };
    }
  }

  /** Replaces the document only if its eTag still matches; {@link ConflictError} if it changed. */
  async replace(doc: T, etag: string, where: string): Promise<Stored<T>> {
    const valid = this.validate(doc, where);
    try {
      const response = await this.container.item(valid.id, this.partitionKeyOf(valid)).replace<T>(valid, { accessCondition: { type: 'IfMatch', condition: etag } });
      return await this.written(this.fromCosmos(response.resource, where));
    } catch (err) {
      if (err instanceof RecordsError) throw err;
      const status = cosmosStatus(err);
      if (status === 412) {
        throw new ConflictError(`${where}: ${this.noun} ${valid.id} was changed by someone else after it was read; read it again before saving`, { cause: err });
      }
      if (status === 404) {
        throw new NotFoundError(`${where}: ${this.noun} ${valid.id} not found`, { cause: err });
      }
      throw this.wrap(err, where, valid.id);
    }
  }

  /**
   * Runs a query and validates every result. Pass `partitionKey` for a single-partition query;
   * the WHERE clause must filter on the partition key too (the embedded server ignores the option).
   */
  async query(spec: SqlQuerySpec, where: string, partitionKey?: string): Promise<Stored<T>[]> {
    const rows = await this.queryRows(spec, where, partitionKey);
    return rows.map((row) => this.fromCosmos(row, where));
  }

  private async queryRows(spec: SqlQuerySpec, where: string, partitionKey?: string): Promise<unknown[]> {
    try {
      const iterator = this.container.items.query<unknown>(spec, { ...QUERY_PAGES, ...(partitionKey === undefined ? {} : { partitionKey }) });
      const { resources } = await iterator.fetchAll();
      return resources;
    } catch (err) {
      throw this.wrap(err, where, undefined);
    }
  }

  private fromCosmos(raw: unknown, where: string): Stored<T> {
    return parseStoredDocument(this.schema, raw, where, this.noun);
  }

  private wrap(err: unknown, where: string, id: string | undefined): RecordsError {
    if (err instanceof RecordsError) return err;
    const status = cosmosStatus(err);
    const subject = id === undefined ? `${this.noun} query` : `${this.noun} ${id}`;
    return new RecordsError(`${where}: Cosmos request for ${subject} failed${status ? ` (HTTP ${status})` : ''}`, {
      cause: err,
    });
  }
}

/** Validates a document read from Cosmos and attaches its eTag (system fields are stripped). */
export function parseStoredDocument<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown, where: string, noun: string): Stored<T> {
  if (typeof raw !== 'object' || raw === null) {
    throw new RecordsError(`${where}: Cosmos returned no ${noun} document`);
  }
  const etag = (raw as { _etag?: unknown })._etag;
  if (typeof etag !== 'string') {
    throw new RecordsError(`${where}: stored ${noun} has no eTag`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    const id = (raw as { id?: unknown }).id;
    throw new ValidationError(`${where}: stored ${noun} ${String(id)} does not match its schema: ${issues.join('; ')}`, issues, {
      cause: parsed.error,
    });
  }
  return { ...parsed.data, etag };
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<I, O>(items: readonly I[], limit: number, task: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as I, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return results;
}
