/**
 * The casework layer: every business step of the SEND service, framework-free. An Identity and
 * plain input go in, a plain result comes out; each step asks the access guard (which audits),
 * then reads or writes records, sends notifications and proactive messages. Dialogs receive one
 * `Casework` and only ask questions and render replies.
 */
import { ComplaintCasework } from './complaints';
import { ComplianceCasework } from './compliance';
import { EnquiryCasework } from './enquiries';
import { PlanCasework } from './plans';
import type { CaseworkDeps } from './ports';
import { ReviewCasework } from './reviews';
import { UnrecordedCasework } from './unrecorded';

export class Casework {
  readonly plans: PlanCasework;
  readonly reviews: ReviewCasework;
  readonly unrecorded: UnrecordedCasework;
  readonly complaints: ComplaintCasework;
  readonly enquiries: EnquiryCasework;
  readonly compliance: ComplianceCasework;
  readonly clock: CaseworkDeps['clock'];
  readonly council: CaseworkDeps['council'];

  constructor(deps: CaseworkDeps) {
    this.plans = new PlanCasework(deps);
    this.reviews = new ReviewCasework(deps, this.plans);
    this.unrecorded = new UnrecordedCasework(deps, this.plans);
    this.complaints = new ComplaintCasework(deps, this.plans);
    this.enquiries = new EnquiryCasework(deps);
    this.compliance = new ComplianceCasework(deps);
    this.clock = deps.clock;
    this.council = deps.council;
  }
}

export type { CaseworkDeps, CaseworkMessages, Clock, ConversationRef, Messenger, OutgoingMessage } from './ports';
