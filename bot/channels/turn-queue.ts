/**
 * Turns of one conversation run one at a time, in the order they arrived.
 *
 * Without it, two messages sent at once both load the same conversation state, both run, and one
 * loses its state write (or overwrites the other's answers). Across instances the state eTag does
 * the same job (a conflicting turn is run again: see assistant.ts); within one instance this queue
 * means that never has to happen.
 *
 * Admission is synchronous: `enqueue` throws `TurnQueueFull` before it returns when the
 * conversation already has `maxWaiting` turns waiting, so a caller can refuse the message (HTTP 429
 * with Retry-After) before recording it anywhere. A task never starts in the same tick it was
 * enqueued.
 */
export class TurnQueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('TurnQueue.enqueue(): this conversation already has the most turns allowed waiting');
    this.name = 'TurnQueueFull';
  }
}

/** What a person is told when their messages arrive faster than the assistant can answer them. */
export const TOO_MANY_AT_ONCE = 'You have sent several messages at once, so I have not read your last one. Please wait for my reply, then send it again.';

export class TurnQueue {
  private readonly lanes = new Map<string, { tail: Promise<void>; waiting: number }>();

  constructor(private readonly maxWaiting: number) {}

  enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), waiting: 0 };
    if (lane.waiting >= this.maxWaiting) throw new TurnQueueFull(2);
    lane.waiting++;
    this.lanes.set(key, lane);
    const result = lane.tail.then(task);
    lane.tail = result.then(
      () => this.done(key, lane),
      () => this.done(key, lane),
    );
    return result;
  }

  /** Turns waiting or running for a conversation (for tests and diagnostics). */
  size(key: string): number {
    return this.lanes.get(key)?.waiting ?? 0;
  }

  private done(key: string, lane: { waiting: number }): void {
    lane.waiting--;
    if (lane.waiting === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
  }
}
