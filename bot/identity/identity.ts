/**
 * Who is speaking. Worked out once per turn from what the adapter has authenticated, never from
 * what a client typed. See docs/access.md.
 */
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ChildId, ContactId, IsoDateTime, type StaffId, type StaffRole } from '../records';

/**
 * Marks turns delivered by the in-process local channel (local mode only). Nothing that arrives over
 * HTTP can carry it: the adapter sets the claims identity itself.
 */
export const LOCAL_CHANNEL_AUTH_TYPE = 'send-assistant-local-channel';

/** Bot Framework's authentication type for an unauthenticated request (no app id configured). */
const ANONYMOUS_AUTH_TYPE = 'anonymous';

/** A parent's verification, kept in conversation state: it lasts for the conversation and at most 12 hours. */
export const VerifiedParent = z
  .object({
    userKey: z.string().min(1).max(64),
    contactId: ContactId,
    contactKind: z.enum(['parent_carer', 'young_person']),
    childIds: z.array(ChildId).min(1).max(20),
    until: IsoDateTime,
  })
  .strict();
export type VerifiedParent = z.infer<typeof VerifiedParent>;

export const VERIFICATION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type AuditChannel = 'web_chat' | 'teams';

export type Identity =
  | {
      readonly kind: 'public';
      /** An opaque id for the chat user (a hash), used in the audit trail. */
      readonly actorId: string;
      readonly channel: AuditChannel;
      /** Why a Teams user has only the public features. */
      readonly unknownStaff?: 'not_in_directory' | 'wrong_tenant' | 'inactive';
    }
  | {
      readonly kind: 'parent';
      readonly actorId: string;
      readonly contactKind: 'parent_carer' | 'young_person';
      readonly childIds: readonly string[];
      readonly channel: AuditChannel;
      readonly userKey: string;
    }
  | {
      readonly kind: 'staff';
      readonly actorId: StaffId;
      readonly name: string;
      readonly roles: readonly StaffRole[];
      readonly channel: 'teams';
    };

/** An opaque, stable key for the chat user: a hash of the channel and the server-assigned user id. */
export function userKeyOf(context: TurnContext): string {
  return userKeyFor(context.activity.channelId, context.activity.from?.id ?? '');
}

/** The pseudonymous key of a channel's user id (what `userKeyOf` gives for their turns). */
export function userKeyFor(channelId: string, userId: string): string {
  return `u-${createHash('sha256').update(`${channelId}\u0000${userId}`).digest('hex').slice(0, 24)}`;
}

/** The identity of a parent or young person who verified in this web chat. */
export function parentIdentityOf(verified: VerifiedParent): Identity {
  return { kind: 'parent', actorId: verified.contactId, contactKind: verified.contactKind, childIds: verified.childIds, channel: 'web_chat', userKey: verified.userKey };
}

/**
 * True when the adapter authenticated this activity: a Bot Framework JWT (production) or the
 * in-process local channel (local mode). An unauthenticated POST to /api/messages in local mode
 * gets Bot Framework's anonymous identity, which is not trusted.
 */
export function isAuthenticatedActivity(context: TurnContext, options: { localMode: boolean }): boolean {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as { isAuthenticated?: boolean; authenticationType?: string | boolean } | undefined;
  if (!identity?.isAuthenticated) return false;
  if (identity.authenticationType === LOCAL_CHANNEL_AUTH_TYPE) return options.localMode;
  return identity.authenticationType !== ANONYMOUS_AUTH_TYPE && !options.localMode;
}

/** The tenant a Teams activity says it came from. */
export function tenantOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof fromConversation === 'string' ? fromConversation : typeof fromChannelData === 'string' ? fromChannelData : undefined;
}

export interface IdentityDirectory {
  findStaffByAadObjectId(aadObjectId: string): Promise<{ id: StaffId; displayName: string; roles: readonly StaffRole[]; active: boolean } | undefined>;
}

export interface ResolveOptions {
  readonly localMode: boolean;
  /** The council's Entra tenant; staff from any other tenant are not staff. */
  readonly councilTenantId?: string;
  readonly directory: IdentityDirectory;
  readonly now: () => Date;
}

/**
 * Works out who is speaking:
 * - staff: an authenticated Teams activity from the council's tenant whose AAD object id is in the
 *   staff directory and active;
 * - parent or young person: a web chat user who verified in this conversation less than 12 hours ago;
 * - everyone else: public features only.
 */
export async function resolveIdentity(context: TurnContext, verified: VerifiedParent | undefined, options: ResolveOptions): Promise<Identity> {
  const userKey = userKeyOf(context);
  const { activity } = context;
  if (activity.channelId === 'msteams') {
    const publicTeams = (unknownStaff?: 'not_in_directory' | 'wrong_tenant' | 'inactive'): Identity => ({
      kind: 'public',
      actorId: userKey,
      channel: 'teams',
      ...(unknownStaff ? { unknownStaff } : {}),
    });
    if (!isAuthenticatedActivity(context, options)) return publicTeams();
    const tenant = tenantOf(context);
    if (!options.councilTenantId || tenant !== options.councilTenantId) return publicTeams('wrong_tenant');
    const aad = activity.from?.aadObjectId;
    const parsed = z.string().uuid().safeParse(aad);
    if (!parsed.success) return publicTeams('not_in_directory');
    const member = await options.directory.findStaffByAadObjectId(parsed.data);
    if (!member) return publicTeams('not_in_directory');
    if (!member.active) return publicTeams('inactive');
    return { kind: 'staff', actorId: member.id, name: member.displayName, roles: member.roles, channel: 'teams' };
  }
  if (verified && verified.userKey === userKey && Date.parse(verified.until) > options.now().getTime()) return parentIdentityOf(verified);
  return { kind: 'public', actorId: userKey, channel: 'web_chat' };
}

const IDENTITY_KEY = Symbol('send-assistant.identity');

export function attachIdentity(context: TurnContext, identity: Identity): void {
  context.turnState.set(IDENTITY_KEY, identity);
}

/** The identity resolved for this turn. */
export function identityOf(context: TurnContext): Identity {
  const identity = context.turnState.get(IDENTITY_KEY) as Identity | undefined;
  if (!identity) throw new Error('identityOf(): identity was not resolved for this turn');
  return identity;
}
