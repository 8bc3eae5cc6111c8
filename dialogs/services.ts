import type { Records } from '../bot/records';
import type { AccessGuard } from '../bot/identity/access';
import type { VerificationService } from '../bot/identity/verification';
import type { Notifier } from '../bot/notify';
import type { ProactiveMessenger } from '../bot/proactive';
import type { QuestionServices } from './ask-question';
import type { CouncilContacts } from './knowledge-replies';
import type { SendiasSettings } from '../bot/config';
import type { Logger } from '../bot/logging';

/**
 * What the guided dialogs may use. Records are read and written only after `guard.authorize`
 * (bot/identity/access.ts), which also writes the audit trail; dialogs never touch Cosmos.
 */
export interface DialogServices {
  readonly council: CouncilContacts;
  readonly now: () => Date;
  /** Today in England, `YYYY-MM-DD`. */
  readonly today: () => string;
  readonly records: Records;
  readonly guard: AccessGuard;
  readonly verification: VerificationService;
  readonly notifier: Notifier;
  readonly questions: QuestionServices;
  /** Messages sent later into a conversation (stored first, retried): adviser replies, channel alerts. */
  readonly proactive: ProactiveMessenger;
  /** SENDIAS triage: acknowledgement target and the advisers' Teams channel (defaults when absent). */
  readonly sendias?: SendiasSettings;
  /** For operational events only: never message text or personal data. */
  readonly logger?: Logger;
}
