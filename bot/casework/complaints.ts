/**
 * Complaints: anyone may complain (no verification), with contact details. A verified parent may
 * link one of their own children, staff a plan they may act on; the guard checks and audits both.
 * The receipt gives the reference and the statutory response dates.
 */
import type { Identity } from '../identity/identity';
import { sendReceipt } from '../notify';
import { deadlinesOf, type ComplaintCategory } from '../records';
import { formatLongDate } from '../statutory';
import { OncePerKey } from './once';
import type { PlanCasework } from './plans';
import type { CaseworkDeps } from './ports';

export interface NewComplaint {
  readonly category: ComplaintCategory;
  readonly happened: string;
  readonly outcome: string;
  readonly childId?: string;
  readonly name: string;
  readonly way: 'email' | 'phone';
  readonly address: string;
  /** One complaint per key, however often it is sent. */
  readonly key: string;
}

export interface ComplaintReceiptInput {
  readonly ref: string;
  readonly acknowledgeBy: string;
  readonly respondBy: string;
  /** Staff logging a complaint for someone: the reply talks about "them". */
  readonly forSomeoneElse?: boolean;
}

/** The reply once a complaint is made: the reference and deadlines first, then what happens next and the Ombudsman. */
export function complaintReplyLines(input: ComplaintReceiptInput): string[] {
  const you = input.forSomeoneElse ? 'them' : 'you';
  const they = input.forSomeoneElse ? 'they' : 'you';
  return [
    input.forSomeoneElse ? `The complaint has been logged. The reference is ${input.ref}.` : `Your complaint has been sent. Your reference is ${input.ref}.`,
    `The council must acknowledge it by ${formatLongDate(input.acknowledgeBy)} and send ${you} a full response by ${formatLongDate(input.respondBy)}.`,
    `What happens next: a complaints officer will look into it and may contact ${you} for more details. If it needs longer, they must tell ${you} why and give a new date.`,
    `If ${they} are not happy with the response, ${they} can ask for it to go to stage 2 of the council’s complaints procedure. ` +
      `When the council’s complaints process has ended, ${they} can complain to the Local Government and Social Care Ombudsman (www.lgo.org.uk). It is free.`,
  ];
}

export class ComplaintCasework {
  private readonly sent = new OncePerKey<{ ref: string; reply: string[] }>();

  constructor(
    private readonly deps: CaseworkDeps,
    private readonly plans: PlanCasework,
  ) {}

  /** A verified parent's own children that the guard lets them link (each offer checked and audited), at most 10. */
  async linkableChildren(identity: Identity): Promise<{ id: string; givenName: string; familyName: string }[]> {
    if (identity.kind !== 'parent') return [];
    const allowed: string[] = [];
    for (const childId of identity.childIds) if (await this.mayLinkChild(identity, childId)) allowed.push(childId);
    const children = await this.deps.records.children.getMany(allowed);
    return allowed.flatMap((id) => children.filter((c) => c.id === id)).slice(0, 10);
  }

  mayLinkChild(identity: Identity, childId: string): Promise<boolean> {
    return this.deps.guard.allows(identity, 'complaint.link_child', { childId });
  }

  /** The plan a member of staff links a complaint to, if they may. */
  async linkablePlan(identity: Identity, ref: string): Promise<{ planRef: string; childId: string } | undefined> {
    const plan = await this.plans.find(identity, ref, 'complaint.link_child');
    return plan ? { planRef: plan.id, childId: plan.childId } : undefined;
  }

  /**
   * Creates the complaint (once per key: Send pressed twice at once makes one complaint, one audit
   * event, one receipt), audits it and sends the receipt; resolves to the reference and the chat reply.
   */
  submit(identity: Identity, input: NewComplaint): { first: boolean; result: Promise<{ ref: string; reply: string[] }> } {
    return this.sent.run(input.key, async () => {
      const { records, guard, notifier, council, clock } = this.deps;
      const complaint = await records.complaints.create(
        {
          category: input.category,
          ...(input.childId ? { childId: input.childId } : {}),
          summary: `${input.happened}\n\nOutcome wanted: ${input.outcome}`.slice(0, 4000),
          received: clock.today(),
          contact: {
            name: input.name,
            ...(input.way === 'phone' ? { phone: input.address } : { email: input.address }),
            ...(identity.kind === 'parent' ? { contactId: identity.actorId } : {}),
          },
          contactPreference: input.way,
          channel: identity.channel,
        },
        { idempotencyKey: input.key },
      );
      await guard.recordDone(identity, 'complaint.create', { recordRef: complaint.id, ...(complaint.childId ? { childId: complaint.childId } : {}) });
      const due = deadlinesOf(complaint);
      const receipt = { ref: complaint.id, acknowledgeBy: due.acknowledgeBy, respondBy: due.respondBy };
      const lines = complaintReplyLines(receipt);
      const staff = identity.kind === 'staff';
      const reply = staff ? complaintReplyLines({ ...receipt, forSomeoneElse: true }) : [...lines];
      const sentBy = await sendReceipt(
        notifier,
        { ...(input.way === 'phone' ? { phone: input.address } : { email: input.address }), preferredContact: input.way },
        { subject: `Your complaint ${complaint.id}`, body: `${lines.join('\n\n')}\n\n${council.name}`, sms: `${lines[0]} ${lines[1]}`, reference: complaint.id },
      );
      if (sentBy) reply.push(`We have sent a copy to ${staff ? 'their' : 'your'} ${sentBy === 'email' ? 'email address' : 'phone'}.`);
      return { ref: complaint.id, reply };
    });
  }
}
