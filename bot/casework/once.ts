/**
 * Runs a piece of work once per key within this process. A second call with the same key while the
 * first is running, or after it finished, gets the first call's result and `first: false`, so the
 * caller can skip side effects (a receipt, an audit event) that must happen once.
 *
 * This covers a double press handled by one instance. Records themselves are created once per
 * idempotency key across instances by the records layer.
 */
export class OncePerKey<T> {
  private readonly runs = new Map<string, Promise<T>>();

  constructor(private readonly maxKeys = 2000) {}

  run(key: string, work: () => Promise<T>): { first: boolean; result: Promise<T> } {
    const running = this.runs.get(key);
    if (running) return { first: false, result: running };
    const result = work();
    this.runs.set(key, result);
    // A failed run is forgotten, so the person can try again.
    result.catch(() => this.runs.delete(key));
    while (this.runs.size > this.maxKeys) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
    return { first: true, result };
  }
}
