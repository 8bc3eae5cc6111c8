import { loadKnowledgeBase } from '../../knowledge';
import type { KnowledgeBase } from '../../knowledge/types';
import { DirectLineClient } from './directline-client';
import { startService, type RunningService } from './service';

/** What a chat test about the knowledge base works with: the running service, its articles, a fresh chat. */
export interface KnowledgeChat {
  readonly service: RunningService;
  readonly kb: KnowledgeBase;
  /** A new web chat conversation, with the welcome already read. */
  chat(): Promise<DirectLineClient>;
}

/**
 * Starts the service (clock at noon UTC on `today`) and loads the knowledge base for the enclosing
 * mocha suite, and closes the service after it. Read the fields inside tests, not at definition.
 */
export function knowledgeChatSuite(today: string): KnowledgeChat {
  let service: RunningService | undefined;
  let kb: KnowledgeBase | undefined;
  before(async () => {
    service = await startService({}, { now: () => new Date(`${today}T12:00:00Z`) });
    kb = await loadKnowledgeBase({ today });
  });
  after(async () => {
    await service?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('knowledgeChatSuite(): read inside a test, after before() ran');
    return value;
  };
  return {
    get service() {
      return started(service);
    },
    get kb() {
      return started(kb);
    },
    async chat() {
      const c = await DirectLineClient.open(started(service).url);
      await c.botReplies();
      return c;
    },
  };
}
