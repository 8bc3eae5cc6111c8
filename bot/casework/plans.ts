/**
 * Finding and showing EHC plans. Each lookup asks the guard about the person's role before it reads
 * anything, then about the plan itself once it is read (the guard audits both); a plan someone may
 * not see and a plan that does not exist look the same.
 */
import { scopeFor, type Action } from '../identity/access';
import type { Identity } from '../identity/identity';
import { normaliseName } from '../identity/verification';
import { PlanRef, type Plan, type Stored } from '../records';
import { planStatusView, type PlanStatusView } from './plan-status';
import type { CaseworkDeps } from './ports';

/** Actions whose scope is a plan's child and caseworker. */
export type PlanAction = Extract<Action, 'plan.read' | 'review.book' | 'review.change' | 'review.record_outcome' | 'complaint.link_child'>;

/** Everything a plan's status reply says, for one person. */
export interface PlanStatus {
  readonly plan: Stored<Plan>;
  readonly view: PlanStatusView;
  /** Staff see the child's full name, a parent the first name. */
  readonly childName?: string;
  readonly caseworkerName?: string;
  readonly forStaff: boolean;
}

/** "EHC 123456", "ehc-123456" → "EHC-123456"; undefined when it is not a plan reference. */
export function planRefOf(text: string): string | undefined {
  const ref = text
    .trim()
    .toUpperCase()
    .replace(/^EHC\s*-?\s*/, 'EHC-');
  return PlanRef.safeParse(ref).success ? ref : undefined;
}

/** The plan that matters now: the newest that has not ended, else the newest. */
export function currentPlan<T extends Pick<Plan, 'status'> & { readonly updatedAt: string }>(plans: readonly T[]): T | undefined {
  const open = plans.filter((p) => p.status !== 'ceased');
  return [...(open.length > 0 ? open : plans)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

export class PlanCasework {
  constructor(private readonly deps: CaseworkDeps) {}

  /** The plan by reference, if this person may do `action` to it. */
  async find(identity: Identity, ref: string, action: PlanAction = 'plan.read'): Promise<Stored<Plan> | undefined> {
    const { records, guard } = this.deps;
    const planRef = planRefOf(ref);
    // The role first: someone whose role may never do this is refused (and audited) before any read.
    if (!planRef || !scopeFor(identity, action)) {
      await guard.allows(identity, action, { recordRef: planRef ?? 'unknown' });
      return undefined;
    }
    const plan = await records.plans.find(planRef);
    const allowed = await guard.allows(identity, action, {
      recordRef: planRef,
      ...(plan ? { childId: plan.childId, ...(plan.caseworkerId ? { caseworkerId: plan.caseworkerId } : {}) } : {}),
    });
    return allowed ? plan : undefined;
  }

  /** Every plan of a verified parent's children (each child checked by the guard). */
  async ofParent(identity: Identity): Promise<Stored<Plan>[]> {
    if (identity.kind !== 'parent') return [];
    const plans = (await Promise.all(identity.childIds.map((id) => this.deps.records.plans.forChild(id)))).flat();
    const allowed: Stored<Plan>[] = [];
    for (const plan of plans) if (await this.find(identity, plan.id)) allowed.push(plan);
    return allowed;
  }

  /** The parent's child's current plan, if any. */
  async currentForParent(identity: Identity): Promise<Stored<Plan> | undefined> {
    if (identity.kind !== 'parent') return undefined;
    const plans = (await Promise.all(identity.childIds.map((id) => this.deps.records.plans.forChild(id)))).flat();
    const current = currentPlan(plans);
    return current ? this.find(identity, current.id) : undefined;
  }

  /** A caseworker's plans (a manager has no caseload of their own); undefined for anyone the guard refuses. */
  async caseload(identity: Identity): Promise<Stored<Plan>[] | undefined> {
    if (identity.kind !== 'staff' || !(await this.deps.guard.allows(identity, 'plan.caseload'))) return undefined;
    return this.deps.records.plans.caseload(identity.actorId);
  }

  /** Staff lookup by the child's name and date of birth. */
  async byNameAndDob(identity: Identity, name: string, dateOfBirth: string): Promise<Stored<Plan> | undefined> {
    const { records, guard } = this.deps;
    if (!scopeFor(identity, 'plan.read')) {
      await guard.allows(identity, 'plan.read');
      return undefined;
    }
    const wanted = normaliseName(name).split(' ');
    const children = await records.children.withDateOfBirth(dateOfBirth);
    const child = children.find((c) => wanted[0] === normaliseName(c.givenName).split(' ')[0] && wanted.at(-1) === normaliseName(c.familyName).split(' ').at(-1));
    if (!child) return undefined;
    const current = currentPlan(await records.plans.forChild(child.id));
    return current ? this.find(identity, current.id) : undefined;
  }

  /** Staff search by a plan reference or part of a child's name: each child's current plan the person may read. */
  async search(identity: Identity, text: string, limit: number): Promise<Stored<Plan>[]> {
    const ref = /\bEHC[\s-]?(\d{6})\b/i.exec(text);
    if (ref) {
      const plan = await this.find(identity, `EHC-${ref[1]}`);
      return plan ? [plan] : [];
    }
    if (identity.kind !== 'staff' || !scopeFor(identity, 'plan.read')) return [];
    const found: Stored<Plan>[] = [];
    for (const child of await this.deps.records.children.searchByName(text, limit)) {
      const open = (await this.deps.records.plans.forChild(child.id)).filter((p) => p.status !== 'ceased')[0];
      const allowed = open ? await this.find(identity, open.id) : undefined;
      if (allowed) found.push(allowed);
    }
    return found;
  }

  /** The status of a plan this person has already been allowed to read. */
  async status(identity: Identity, plan: Stored<Plan>): Promise<PlanStatus> {
    const { records, clock } = this.deps;
    const [reviews, caseworker, child] = await Promise.all([
      records.reviews.forPlan(plan.id, plan.childId),
      plan.caseworkerId ? records.staff.find(plan.caseworkerId) : Promise.resolve(undefined),
      records.children.find(plan.childId),
    ]);
    const forStaff = identity.kind === 'staff';
    return {
      plan,
      view: planStatusView(plan, reviews, clock.today()),
      forStaff,
      ...(child ? { childName: forStaff ? `${child.givenName} ${child.familyName}` : child.givenName } : {}),
      ...(caseworker ? { caseworkerName: caseworker.displayName } : {}),
    };
  }
}
