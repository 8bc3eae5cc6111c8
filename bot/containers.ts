import type { ContainerSpec } from './storage/cosmos';
import { BOT_STATE_CONTAINER } from './storage/state-storage';
import { KB_FEEDBACK_CONTAINER } from '../knowledge/feedback-store';
import { RECORD_CONTAINERS } from './records/containers';
import { VERIFICATION_CONTAINER } from './identity/verification';
import { NOTIFICATIONS_CONTAINER } from './proactive';
import { USAGE_CONTAINER } from './usage';
import { LIMITS_CONTAINER } from './limits';

/**
 * Every Cosmos container the service uses: the one list the app creates in local mode and
 * `npm run infra:check` compares with infra/cosmos-containers.json (what Bicep creates in Azure).
 */
export const ALL_CONTAINERS: readonly ContainerSpec[] = [
  BOT_STATE_CONTAINER,
  KB_FEEDBACK_CONTAINER,
  VERIFICATION_CONTAINER,
  NOTIFICATIONS_CONTAINER,
  USAGE_CONTAINER,
  LIMITS_CONTAINER,
  ...RECORD_CONTAINERS,
];
