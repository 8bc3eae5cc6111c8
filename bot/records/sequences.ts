/**
 * Human-readable reference numbers (`EHC-000123`, `CMP-2026-00042`, `ENQ-2026-00017`) and
 * idempotency claims, both in the `sequences` container.
 *
 * A sequence is one counter document per name (`EHC`, `CMP-2026`, `ENQ-2026`). `next()` reads it
 * and replaces it with the value plus one under an eTag `IfMatch`; when another writer got there
 * first (HTTP 412) it backs off for a random ("full jitter") delay and tries again. Every number
 * is handed out once; a number whose record was never written leaves a gap, which is allowed.
 *
 * A claim maps an idempotency key to the reference allocated for it, so a repeated request
 * (a double click, a retried HTTP call) gets the same record instead of a second one.
 */
import type { Container } from '@azure/cosmos';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { shortHash } from './common';
import { AlreadyExistsError, ConflictError, ReferenceAllocationError } from './errors';
import { DocStore, type Stored } from './store';

const SequenceDoc = z.object({
  id: z.string().regex(/^seq:[A-Z]{3}(-\d{4})?$/),
  docType: z.literal('sequence'),
  value: z.number().int().nonnegative(),
});
type SequenceDoc = z.infer<typeof SequenceDoc>;

const ClaimDoc = z.object({
  id: z.string().regex(/^claim:[a-z_]+:[0-9a-f]{12}$/),
  docType: z.literal('claim'),
  scope: z.string(),
  ref: z.string(),
  /** Seconds; the container has TTL on with no default, so only claims expire (real Cosmos only). */
  ttl: z.number().int().positive(),
});
type ClaimDoc = z.infer<typeof ClaimDoc>;

/** Claims are kept 90 days: long enough for any retry of the same request. */
export const CLAIM_TTL_SECONDS = 90 * 24 * 60 * 60;

/** Names of the sequences: one for plans, one per calendar year for complaints and enquiries. */
export type SequenceName = 'EHC' | `CMP-${number}` | `ENQ-${number}`;

export interface SequenceOptions {
  /** Attempts before {@link ReferenceAllocationError}; default 80. */
  readonly maxAttempts?: number;
  /** First back-off ceiling in ms; doubles each attempt up to `maxDelayMs`. Default 4. */
  readonly baseDelayMs?: number;
  /** Default 100. */
  readonly maxDelayMs?: number;
}

export class ReferenceSequences {
  private readonly store: DocStore<SequenceDoc>;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(container: Container, options: SequenceOptions = {}) {
    this.store = new DocStore({ container, schema: SequenceDoc, partitionKeyOf: (d) => d.id, noun: 'sequence' });
    this.maxAttempts = options.maxAttempts ?? 80;
    this.baseDelayMs = options.baseDelayMs ?? 4;
    this.maxDelayMs = options.maxDelayMs ?? 100;
  }

  /** The next number in `name` (1, 2, 3 …), unique however many callers ask at once. */
  async next(name: SequenceName): Promise<number> {
    const where = 'ReferenceSequences.next()';
    const id = `seq:${name}`;
    let lastError: unknown;
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      const current = await this.store.read(id, id, where);
      try {
        if (!current) {
          await this.store.create({ id, docType: 'sequence', value: 1 }, where);
          return 1;
        }
        const value = current.value + 1;
        await this.store.replace({ ...current, value }, current.etag, where);
        return value;
      } catch (err) {
        if (!isContention(err)) throw err;
        lastError = err;
        await sleep(this.backoff(attempt));
      }
    }
    throw new ReferenceAllocationError(`${where}: could not allocate a number in sequence ${name} after ${this.maxAttempts} attempts`, { cause: lastError });
  }

  /** Raises `name` to at least `value` (after loading records with fixed references). */
  async ensureAtLeast(name: SequenceName, value: number): Promise<void> {
    const where = 'ReferenceSequences.ensureAtLeast()';
    const id = `seq:${name}`;
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      const current = await this.store.read(id, id, where);
      if (current && current.value >= value) return;
      try {
        if (!current) await this.store.create({ id, docType: 'sequence', value }, where);
        else await this.store.replace({ ...current, value }, current.etag, where);
        return;
      } catch (err) {
        if (!isContention(err)) throw err;
        await sleep(this.backoff(attempt));
      }
    }
    throw new ReferenceAllocationError(`${where}: could not raise sequence ${name} to ${value}`);
  }

  /** The last number handed out in `name` (0 when none). */
  async current(name: SequenceName): Promise<number> {
    const doc = await this.store.read(`seq:${name}`, `seq:${name}`, 'ReferenceSequences.current()');
    return doc?.value ?? 0;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempt, 10));
    return randomInt(0, Math.max(1, Math.floor(ceiling)) + 1);
  }
}

function isContention(err: unknown): boolean {
  return err instanceof ConflictError || err instanceof AlreadyExistsError;
}

/** Scopes keep keys for different record types apart. */
export type ClaimScope = 'plan' | 'complaint' | 'enquiry';

export class IdempotencyClaims {
  private readonly store: DocStore<ClaimDoc>;

  constructor(container: Container) {
    this.store = new DocStore({ container, schema: ClaimDoc, partitionKeyOf: (d) => d.id, noun: 'idempotency claim' });
  }

  /** The reference already claimed for `key`, if any. */
  async find(scope: ClaimScope, key: string): Promise<string | undefined> {
    const id = claimId(scope, key);
    return (await this.store.read(id, id, 'IdempotencyClaims.find()'))?.ref;
  }

  /** Claims `key` for `ref`; returns the winning reference (ours, or one claimed before). */
  async claim(scope: ClaimScope, key: string, ref: string): Promise<string> {
    const doc: ClaimDoc = { id: claimId(scope, key), docType: 'claim', scope, ref, ttl: CLAIM_TTL_SECONDS };
    const { record } = await this.store.createOrGet(doc, 'IdempotencyClaims.claim()');
    return record.ref;
  }
}

function claimId(scope: ClaimScope, key: string): string {
  return `claim:${scope}:${shortHash(scope, key)}`;
}

/**
 * Creates a record under a newly allocated reference, once per idempotency key:
 * 1. a key already claimed → that reference (the record is created if the first writer died);
 * 2. otherwise allocate a reference, claim the key for it (losing a race means using the
 *    winner's reference) and create the record (a 409 returns the record already there).
 */
export async function createWithReference<T>(options: {
  readonly claims: IdempotencyClaims;
  readonly scope: ClaimScope;
  readonly idempotencyKey: string | undefined;
  readonly allocate: () => Promise<string>;
  readonly createOrGet: (ref: string) => Promise<Stored<T>>;
}): Promise<Stored<T>> {
  const { claims, scope, idempotencyKey } = options;
  if (idempotencyKey === undefined) return options.createOrGet(await options.allocate());
  const claimed = await claims.find(scope, idempotencyKey);
  if (claimed !== undefined) return options.createOrGet(claimed);
  const ref = await claims.claim(scope, idempotencyKey, await options.allocate());
  return options.createOrGet(ref);
}
