/**
 * Limits on what costs money or invites abuse: web chat tokens (per client address and per site)
 * and verification codes (each a GOV.UK Notify text or email: per web chat user, per child, per
 * contact). Counted in Cosmos, in fixed windows, so a limit holds across every instance of the
 * service; a counter is eTag-checked, so two instances counting at once never lose a count.
 *
 * Keys are hashed before they are stored (an address or a user id is personal data); counters
 * expire with their window (item TTL). A window can let through up to twice its limit across its
 * boundary: fine for limits whose job is to stop floods, not to meter.
 */
import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AlreadyExistsError, ConflictError } from '../records/errors';
import { DocStore } from '../records/store';
import type { ContainerSpec } from '../storage/cosmos';

export const LIMITS_CONTAINER: ContainerSpec = { id: 'limits', partitionKey: '/id', defaultTtl: -1 };

export interface Limit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** One thing to count: which limit, and whose use (an address, a user, a child, a contact). */
export interface LimitCheck {
  readonly name: string;
  readonly key: string;
  readonly limit: Limit;
}

/** How many verification codes may be sent (each a GOV.UK Notify message that costs money). */
export interface VerificationLimits {
  readonly perUserPerHour: number;
  readonly perChildPerDay: number;
  readonly perContactPerHour: number;
  readonly perContactPerDay: number;
}

export const DEFAULT_VERIFICATION_LIMITS: VerificationLimits = { perUserPerHour: 5, perChildPerDay: 10, perContactPerHour: 3, perContactPerDay: 10 };

export type LimitOutcome = { readonly allowed: true } | { readonly allowed: false; readonly name: string; readonly retryAfterSeconds: number };

const Counter = z.object({
  id: z.string(),
  docType: z.literal('rate_counter'),
  count: z.number().int().min(0),
  ttl: z.number().int().positive(),
});
type Counter = z.infer<typeof Counter>;

/** How long until `when`, in words for a reply: "1 minute", "45 minutes", "2 hours". */
export function waitInWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

export class RateLimiter {
  private readonly store: DocStore<Counter>;

  constructor(
    container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = new DocStore({ container, schema: Counter, partitionKeyOf: (c) => c.id, noun: 'rate counter' });
  }

  /**
   * Counts one use against each check in turn. At the first check already at its limit nothing
   * more is counted and the outcome says which limit and how long until its window ends.
   */
  async take(checks: readonly LimitCheck[]): Promise<LimitOutcome> {
    for (const check of checks) {
      const outcome = await this.takeOne(check);
      if (!outcome.allowed) return outcome;
    }
    return { allowed: true };
  }

  private async takeOne({ name, key, limit }: LimitCheck): Promise<LimitOutcome> {
    const nowMs = this.now().getTime();
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const id = `${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}:${start}`;
    const refused: LimitOutcome = { allowed: false, name, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
    const where = 'RateLimiter.take()';
    for (let attempt = 0; attempt < 6; attempt++) {
      const current = await this.store.read(id, id, where);
      if (current && current.count >= limit.max) return refused;
      const next: Counter = { id, docType: 'rate_counter', count: (current?.count ?? 0) + 1, ttl: limit.windowSeconds + 60 };
      try {
        if (current) await this.store.replace(next, current.etag, where);
        else await this.store.create(next, where);
        return { allowed: true };
      } catch (err) {
        // Another instance counted at the same moment: read again and count on top of it.
        if (!(err instanceof ConflictError) && !(err instanceof AlreadyExistsError)) throw err;
      }
    }
    // Counted by so many at once that the counter kept changing: that is a flood; refuse this one.
    return refused;
  }
}
