import type { Casework, Clock } from '../bot/casework';
import type { VerificationService } from '../bot/identity/verification';
import type { Logger } from '../bot/logging';
import type { QuestionServices } from './ask-question';
import type { CouncilContacts } from './knowledge-replies';

/**
 * What the dialogs may use. Every business step (and so every read or write of a child's record,
 * each checked and audited by the access guard) is a `casework` call; dialogs ask questions and
 * render replies, and never touch records, notifications or Cosmos.
 */
export interface DialogServices {
  readonly council: CouncilContacts;
  /** The one clock: `today()` is the date in England. */
  readonly clock: Clock;
  readonly casework: Casework;
  readonly verification: VerificationService;
  readonly questions: QuestionServices;
  /** For operational events only: never message text or personal data. */
  readonly logger?: Logger;
  /** Where the compliance report page is: the Teams tab's deep link in production, the local page locally (once the service is listening). */
  readonly reportsUrl?: () => string | undefined;
}
