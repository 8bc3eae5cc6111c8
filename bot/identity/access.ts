/**
 * The access rules: one table of role × action × scope, and one guard that every dialog and query
 * goes through. Every decision about a child's data, and every denial, is written to the audit trail.
 * docs/access.md is this table in words; test/integration/security tests the whole matrix.
 */
import type { AuditInput, AuditLog, ChildId, StaffId } from '../records';
import type { Identity } from './identity';

export const ROLES = ['anonymous', 'parent_carer', 'young_person', 'caseworker', 'team_manager', 'sendias_adviser', 'knowledge_editor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `public`: anyone may; no child's data involved.
 * - `own_children`: a verified parent or young person, for a child they are linked to.
 * - `own`: the person's own records (an enquiry they made).
 * - `caseload`: staff, for a plan whose named caseworker they are.
 * - `all`: every record of that kind.
 */
export type Scope = 'public' | 'own_children' | 'own' | 'caseload' | 'all';

export const ACTIONS = [
  'plan.read',
  'plan.caseload',
  'review.book',
  'review.change',
  'review.record_outcome',
  'complaint.create',
  'complaint.link_child',
  'complaint.queue',
  'compliance.overdue',
  'compliance.report',
  'enquiry.create',
  'enquiry.read',
  'enquiry.queue',
  'enquiry.update',
  'kb.report',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE: Partial<Record<Role, Scope>> = Object.fromEntries(ROLES.map((r) => [r, 'public']));
const PARENTS = { parent_carer: 'own_children', young_person: 'own_children' } as const;

/** The table. A role missing from an action's row may not do it. */
export const ACCESS_RULES: Readonly<Record<Action, Readonly<Partial<Record<Role, Scope>>>>> = {
  'plan.read': { ...PARENTS, caseworker: 'all', team_manager: 'all' },
  'plan.caseload': { caseworker: 'caseload', team_manager: 'all' },
  'review.book': { ...PARENTS, caseworker: 'caseload', team_manager: 'all' },
  'review.change': { ...PARENTS, caseworker: 'caseload', team_manager: 'all' },
  'review.record_outcome': { caseworker: 'caseload', team_manager: 'all' },
  'complaint.create': EVERYONE,
  'complaint.link_child': { ...PARENTS, caseworker: 'caseload', team_manager: 'all' },
  'complaint.queue': { caseworker: 'all', team_manager: 'all' },
  'compliance.overdue': { caseworker: 'caseload', team_manager: 'all' },
  'compliance.report': { caseworker: 'caseload', team_manager: 'all' },
  'enquiry.create': { anonymous: 'public', parent_carer: 'public', young_person: 'public' },
  'enquiry.read': { parent_carer: 'own', young_person: 'own', sendias_adviser: 'all' },
  'enquiry.queue': { sendias_adviser: 'all' },
  'enquiry.update': { sendias_adviser: 'all' },
  'kb.report': { knowledge_editor: 'all' },
};

const SCOPE_RANK: Readonly<Record<Scope, number>> = { public: 0, own: 1, own_children: 1, caseload: 2, all: 3 };

export function rolesOf(identity: Identity): readonly Role[] {
  if (identity.kind === 'staff') return identity.roles;
  if (identity.kind === 'parent') return [identity.contactKind];
  return ['anonymous'];
}

/** The widest scope any of the person's roles has for the action, and the role that gives it. */
export function scopeFor(identity: Identity, action: Action): { scope: Scope; role: Role } | undefined {
  let best: { scope: Scope; role: Role } | undefined;
  for (const role of rolesOf(identity)) {
    const scope = ACCESS_RULES[action][role];
    if (scope && (!best || SCOPE_RANK[scope] > SCOPE_RANK[best.scope])) best = { scope, role };
  }
  return best;
}

/** What an action is about, when it is about a particular record. */
export interface Target {
  readonly childId?: ChildId;
  /** The plan's named caseworker, for `caseload` scope. */
  readonly caseworkerId?: StaffId;
  /** Who made the record, for `own` scope (an enquirer's contact id). */
  readonly ownerId?: string;
  /** The record's reference, for the audit trail. */
  readonly recordRef?: string;
}

export type DenialReason = 'role_not_allowed' | 'not_linked_child' | 'not_on_caseload' | 'not_owner' | 'not_verified';

export type Decision = { readonly allowed: true; readonly role: Role; readonly scope: Scope } | { readonly allowed: false; readonly role: Role; readonly reason: DenialReason };

/** Pure: may this person do this action to this target? No side effects. */
export function decide(identity: Identity, action: Action, target: Target = {}): Decision {
  const granted = scopeFor(identity, action);
  const fallbackRole = rolesOf(identity)[0] ?? 'anonymous';
  if (!granted) {
    const parentOnly = Object.keys(ACCESS_RULES[action]).some((r) => r === 'parent_carer') && identity.kind === 'public';
    return { allowed: false, role: fallbackRole, reason: parentOnly ? 'not_verified' : 'role_not_allowed' };
  }
  const { scope, role } = granted;
  const allow: Decision = { allowed: true, role, scope };
  switch (scope) {
    case 'public':
    case 'all':
      return allow;
    case 'own_children':
      if (target.childId === undefined) return allow;
      return identity.kind === 'parent' && identity.childIds.includes(target.childId) ? allow : { allowed: false, role, reason: 'not_linked_child' };
    case 'own':
      if (target.ownerId === undefined) return allow;
      return target.ownerId === identity.actorId ? allow : { allowed: false, role, reason: 'not_owner' };
    case 'caseload':
      if (target.childId === undefined && target.caseworkerId === undefined) return allow;
      return target.caseworkerId !== undefined && target.caseworkerId === identity.actorId ? allow : { allowed: false, role, reason: 'not_on_caseload' };
  }
}

/** Thrown by {@link AccessGuard.authorize} when an action is refused (the refusal is already audited). */
export class AccessDeniedError extends Error {
  constructor(
    readonly action: Action,
    readonly reason: DenialReason,
  ) {
    super(`access denied: ${action} (${reason})`);
    this.name = 'AccessDeniedError';
  }
}

/**
 * The one place access is enforced. `authorize` decides, audits (every allowed action on a child's
 * data or a record, and every denial), and throws {@link AccessDeniedError} when refused.
 */
export class AccessGuard {
  constructor(private readonly audit: AuditLog) {}

  async authorize(identity: Identity, action: Action, target: Target = {}): Promise<Decision & { allowed: true }> {
    const decision = decide(identity, action, target);
    const touchesRecord = target.childId !== undefined || target.recordRef !== undefined;
    if (!decision.allowed || touchesRecord) await this.record(identity, action, decision.role, target, decision);
    if (!decision.allowed) throw new AccessDeniedError(action, decision.reason);
    return decision;
  }

  /** As {@link authorize}, but answers true or false (still audited) instead of throwing. */
  async allows(identity: Identity, action: Action, target: Target = {}): Promise<boolean> {
    try {
      await this.authorize(identity, action, target);
      return true;
    } catch (error) {
      if (error instanceof AccessDeniedError) return false;
      throw error;
    }
  }

  /** Audits a write done under an allowed action, once its record is known (e.g. a new complaint's reference). */
  async recordDone(identity: Identity, action: Action, target: Target): Promise<void> {
    const role = scopeFor(identity, action)?.role ?? rolesOf(identity)[0] ?? 'anonymous';
    await this.record(identity, action, role, target, { allowed: true });
  }

  /** Audits something done under an earlier decision (e.g. the record a create produced). */
  async record(identity: Identity, action: Action | `${string}.${string}`, role: Role, target: Target, decision: Pick<Decision, 'allowed'> & { reason?: string }): Promise<void> {
    const event: AuditInput = {
      actor: { id: identity.actorId, role: role === 'anonymous' ? 'anonymous' : role },
      channel: identity.channel,
      action,
      outcome: decision.allowed ? 'allowed' : 'denied',
      ...(target.recordRef ? { recordRef: target.recordRef } : {}),
      ...(target.childId ? { childRef: target.childId } : {}),
      ...(!decision.allowed && decision.reason ? { reason: decision.reason } : {}),
    };
    await this.audit.append(event);
  }
}
