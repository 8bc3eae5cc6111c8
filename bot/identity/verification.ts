/**
 * Verifying a parent or young person in web chat: the child's plan reference or name, the child's
 * date of birth, then a one-time 6-digit code sent to the contact on record.
 *
 * - Codes expire after 10 minutes, work once, and are stored only as salted scrypt hashes.
 * - 5 wrong attempts lock verification for 30 minutes, for that web chat user and for that child.
 *   Both counters live in Cosmos (eTag-checked), so the lock holds across app instances.
 * - Nothing the person is told depends on whether the child or a contact exists: a challenge is
 *   stored either way, and a code for details that did not match simply never works.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { cosmosStatus, type ContainerSpec } from '../storage/cosmos';
import { addressOf, type Notifier } from '../notify';
import { ChildId, ContactId, IsoDate, IsoDateTime, PlanRef, type AuditLog, type Records } from '../records';
import { VERIFICATION_LIFETIME_MS, type VerifiedParent } from './identity';
import { englandDateOf } from '../statutory';
import { DEFAULT_VERIFICATION_LIMITS, type RateLimiter, type VerificationLimits } from '../limits';

export const VERIFICATION_CONTAINER: ContainerSpec = { id: 'verification', partitionKey: '/id', defaultTtl: -1 };

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const MAX_FAILURES = 5;
export const LOCK_MS = 30 * 60 * 1000;
const HOUR = 3600;
const DAY = 24 * HOUR;

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

const CodeHash = z.object({ contactId: ContactId, contactKind: z.enum(['parent_carer', 'young_person']), salt: z.string(), hash: z.string() });

const Challenge = z.object({
  id: z.string(),
  docType: z.literal('verification_challenge'),
  /** The child the details pointed at, when they did (even if the date of birth was wrong). */
  childId: ChildId.optional(),
  codes: z.array(CodeHash).max(10),
  expiresAt: IsoDateTime,
  used: z.boolean(),
  ttl: z.number().int().positive(),
});
type Challenge = z.infer<typeof Challenge>;

const Counter = z.object({
  id: z.string(),
  docType: z.literal('verification_counter'),
  failures: z.number().int().min(0),
  lockedUntil: IsoDateTime.optional(),
  ttl: z.number().int().positive(),
});
type Counter = z.infer<typeof Counter>;

/** What the person gives before a code is sent. */
export const VerificationDetails = z
  .object({
    reference: PlanRef.optional(),
    childName: z.string().trim().min(2).max(200).optional(),
    dateOfBirth: IsoDate,
  })
  .refine((d) => d.reference !== undefined || d.childName !== undefined, 'give the plan reference or the child’s name');
export type VerificationDetails = z.infer<typeof VerificationDetails>;

export type RequestOutcome = { status: 'sent' } | { status: 'locked'; until: string } | { status: 'limited'; retryAfterSeconds: number };
export type ConfirmOutcome =
  | { status: 'verified'; verified: VerifiedParent }
  | { status: 'wrong'; attemptsLeft: number }
  | { status: 'expired' }
  | { status: 'used' }
  | { status: 'none' }
  | { status: 'locked'; until: string };

export interface VerificationOptions {
  readonly container: Container;
  readonly records: Pick<Records, 'children' | 'plans' | 'parents'>;
  readonly audit: AuditLog;
  readonly notifier: Notifier;
  readonly now: () => Date;
  readonly serviceName: string;
  /** Counts codes against {@link VerificationLimits}; without it codes are not limited (unit tests). */
  readonly limiter?: RateLimiter;
  readonly limits?: VerificationLimits;
}

export class VerificationService {
  constructor(private readonly options: VerificationOptions) {}

  /** Sends codes when the details match a child; says the same thing either way. */
  async request(userKey: string, details: VerificationDetails): Promise<RequestOutcome> {
    const now = this.options.now();
    const userLock = await this.lockedUntil(userCounterId(userKey), now);
    if (userLock) return { status: 'locked', until: userLock };
    const limits = this.options.limits ?? DEFAULT_VERIFICATION_LIMITS;
    const limiter = this.options.limiter;
    // Per web chat user, whatever the details: the answer says nothing about the records.
    const mine = limiter ? await limiter.take([{ name: 'codes-user', key: userKey, limit: { max: limits.perUserPerHour, windowSeconds: HOUR } }]) : { allowed: true as const };
    if (!mine.allowed) return { status: 'limited', retryAfterSeconds: mine.retryAfterSeconds };

    const match = await this.findChild(details);
    const codes: z.infer<typeof CodeHash>[] = [];
    // Per child and per contact: over those limits no code goes, and the reply is the usual one
    // (saying "too many codes for this child" would tell a stranger the child exists); audited.
    const childAllowed = async (childId: string): Promise<boolean> =>
      !limiter || (await limiter.take([{ name: 'codes-child', key: childId, limit: { max: limits.perChildPerDay, windowSeconds: DAY } }])).allowed;
    const contactAllowed = async (contactId: string): Promise<boolean> =>
      !limiter ||
      (
        await limiter.take([
          { name: 'codes-contact-hour', key: contactId, limit: { max: limits.perContactPerHour, windowSeconds: HOUR } },
          { name: 'codes-contact-day', key: contactId, limit: { max: limits.perContactPerDay, windowSeconds: DAY } },
        ])
      ).allowed;
    const open = match?.dobMatches && !(await this.lockedUntil(childCounterId(match.childId), now));
    if (match && open && !(await childAllowed(match.childId))) {
      await this.audit(userKey, 'verification.request', match.childId, 'denied', 'code_limit');
    } else if (match && open) {
      const recipients = await this.recipients(match.childId, match.dateOfBirth, now);
      for (const contact of recipients) {
        if (!(await contactAllowed(contact.id))) {
          await this.audit(userKey, 'verification.request', match.childId, 'denied', 'code_limit');
          continue;
        }
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const salt = randomBytes(16);
        codes.push({ contactId: contact.id, contactKind: contact.kind, salt: salt.toString('base64'), hash: (await hashCode(code, salt)).toString('base64') });
        await this.options.notifier.send(codeMessage(contact.address, code, this.options.serviceName));
      }
      await this.audit(userKey, 'verification.code_sent', match.childId, 'allowed');
    } else if (match) {
      await this.audit(userKey, 'verification.request', match.childId, 'denied', match.dobMatches ? 'locked' : 'details_mismatch');
    }
    const challenge: Challenge = {
      id: challengeId(userKey),
      docType: 'verification_challenge',
      ...(match ? { childId: match.childId } : {}),
      codes,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      used: false,
      ttl: 3600,
    };
    await this.options.container.items.upsert(challenge);
    return { status: 'sent' };
  }

  /** Checks a code. Five wrong codes lock the user and the child for 30 minutes. */
  async confirm(userKey: string, rawCode: string): Promise<ConfirmOutcome> {
    const now = this.options.now();
    const userLock = await this.lockedUntil(userCounterId(userKey), now);
    if (userLock) return { status: 'locked', until: userLock };
    const read = await this.options.container.item(challengeId(userKey), challengeId(userKey)).read<Challenge>();
    const parsed = Challenge.safeParse(read.resource);
    if (!parsed.success) return { status: 'none' };
    const challenge = parsed.data;
    if (challenge.used) return { status: 'used' };
    if (Date.parse(challenge.expiresAt) <= now.getTime()) return { status: 'expired' };

    const code = rawCode.replace(/\s+/g, '');
    const childLocked = challenge.childId ? await this.lockedUntil(childCounterId(challenge.childId), now) : undefined;
    const matched = /^\d{6}$/.test(code) && !childLocked ? await findCode(challenge.codes, code) : undefined;
    if (matched && challenge.childId) {
      try {
        await this.options.container.item(challenge.id, challenge.id).replace({ ...challenge, used: true }, { accessCondition: { type: 'IfMatch', condition: read.etag ?? '' } });
      } catch (error) {
        if (cosmosStatus(error) === 412) return { status: 'used' };
        throw error;
      }
      await this.clear(userCounterId(userKey));
      await this.audit(userKey, 'verification.succeeded', challenge.childId, 'allowed');
      return {
        status: 'verified',
        verified: {
          userKey,
          contactId: matched.contactId,
          contactKind: matched.contactKind,
          childIds: [challenge.childId],
          until: new Date(now.getTime() + VERIFICATION_LIFETIME_MS).toISOString(),
        },
      };
    }
    const userCount = await this.fail(userCounterId(userKey), now);
    if (challenge.childId) {
      await this.fail(childCounterId(challenge.childId), now);
      await this.audit(userKey, 'verification.failed', challenge.childId, 'denied', 'wrong_code');
    }
    if (userCount.lockedUntil) return { status: 'locked', until: userCount.lockedUntil };
    return { status: 'wrong', attemptsLeft: Math.max(0, MAX_FAILURES - userCount.failures) };
  }

  private async findChild(details: VerificationDetails): Promise<{ childId: string; dateOfBirth: string; dobMatches: boolean } | undefined> {
    const { children, plans } = this.options.records;
    if (details.reference) {
      const plan = await plans.find(details.reference);
      const child = plan ? await children.find(plan.childId) : undefined;
      return child ? { childId: child.id, dateOfBirth: child.dateOfBirth, dobMatches: child.dateOfBirth === details.dateOfBirth } : undefined;
    }
    const wanted = normaliseName(details.childName ?? '');
    const sameDob = await children.withDateOfBirth(details.dateOfBirth);
    const child = sameDob.find((c) => nameMatches(wanted, c.givenName, c.familyName));
    return child ? { childId: child.id, dateOfBirth: child.dateOfBirth, dobMatches: true } : undefined;
  }

  /** Parents and carers with parental responsibility, and the young person once they are 16. */
  private async recipients(childId: string, dateOfBirth: string, now: Date) {
    const contacts = await this.options.records.parents.forChild(childId);
    const today = englandDateOf(now);
    const out: { id: string; kind: 'parent_carer' | 'young_person'; address: { kind: 'email' | 'sms'; to: string } }[] = [];
    for (const contact of contacts) {
      if (contact.kind === 'young_person' && ageOn(dateOfBirth, today) < 16) continue;
      const address = addressOf(contact);
      if (address) out.push({ id: contact.id, kind: contact.kind, address });
    }
    return out;
  }

  private async lockedUntil(id: string, now: Date): Promise<string | undefined> {
    const { resource } = await this.options.container.item(id, id).read<Counter>();
    const counter = Counter.safeParse(resource);
    if (!counter.success || !counter.data.lockedUntil) return undefined;
    return Date.parse(counter.data.lockedUntil) > now.getTime() ? counter.data.lockedUntil : undefined;
  }

  /** Adds a failure (eTag-checked, retried on a clash); the fifth sets a 30-minute lock. */
  private async fail(id: string, now: Date): Promise<{ failures: number; lockedUntil?: string }> {
    const container = this.options.container;
    for (let attempt = 0; attempt < 8; attempt++) {
      const read = await container.item(id, id).read<Counter>();
      const current = Counter.safeParse(read.resource);
      const lock = current.success ? current.data.lockedUntil : undefined;
      if (lock && Date.parse(lock) > now.getTime()) return { failures: MAX_FAILURES, lockedUntil: lock };
      const expiredLock = lock !== undefined;
      const failures = (current.success && !expiredLock ? current.data.failures : 0) + 1;
      const next: Counter = {
        id,
        docType: 'verification_counter',
        failures: failures >= MAX_FAILURES ? 0 : failures,
        ...(failures >= MAX_FAILURES ? { lockedUntil: new Date(now.getTime() + LOCK_MS).toISOString() } : {}),
        ttl: 24 * 3600,
      };
      try {
        if (read.resource && read.etag) {
          await container.item(id, id).replace(next, { accessCondition: { type: 'IfMatch', condition: read.etag } });
        } else {
          await container.items.create(next);
        }
        return { failures, ...(next.lockedUntil ? { lockedUntil: next.lockedUntil } : {}) };
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code !== 412 && code !== 409) throw error;
      }
    }
    throw new Error('VerificationService: could not record a failed attempt after 8 tries');
  }

  private async clear(id: string): Promise<void> {
    try {
      await this.options.container.item(id, id).delete();
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
  }

  private async audit(userKey: string, action: string, childId: string, outcome: 'allowed' | 'denied', reason?: string): Promise<void> {
    await this.options.audit.append({
      actor: { id: userKey, role: 'anonymous' },
      channel: 'web_chat',
      action,
      childRef: childId,
      outcome,
      ...(reason ? { reason } : {}),
    });
  }
}

/** Whole years from a date of birth to a day (ISO dates compare as strings). */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

function challengeId(userKey: string): string {
  return `challenge:${userKey}`;
}
function userCounterId(userKey: string): string {
  return `failures:user:${userKey}`;
}
function childCounterId(childId: string): string {
  return `failures:child:${childId}`;
}

async function hashCode(code: string, salt: Buffer): Promise<Buffer> {
  return scryptAsync(code, salt, 32);
}

async function findCode(codes: readonly z.infer<typeof CodeHash>[], code: string): Promise<z.infer<typeof CodeHash> | undefined> {
  let found: z.infer<typeof CodeHash> | undefined;
  for (const entry of codes) {
    const actual = await hashCode(code, Buffer.from(entry.salt, 'base64'));
    if (timingSafeEqual(actual, Buffer.from(entry.hash, 'base64')) && !found) found = entry;
  }
  return found;
}

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s'-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Amelia Khan" and "amelia rose khan" match Amelia Khan; the first and last names must both be there. */
function nameMatches(wanted: string, givenName: string, familyName: string): boolean {
  const words = wanted.split(' ');
  const given = normaliseName(givenName);
  const family = normaliseName(familyName);
  return words.length >= 2 && words[0] === given.split(' ')[0] && words.slice(1).join(' ').endsWith(family);
}

function codeMessage(address: { kind: 'email' | 'sms'; to: string }, code: string, serviceName: string) {
  const body =
    `Your ${serviceName} SEND Assistant code is ${code}. It expires in 10 minutes.\n\n` +
    'If you did not ask for this code, you do not need to do anything. Do not share this code with anyone.';
  return address.kind === 'email'
    ? { kind: 'email' as const, to: address.to, subject: `Your SEND Assistant code`, body, reference: 'verification' }
    : { kind: 'sms' as const, to: address.to, body, reference: 'verification' };
}
