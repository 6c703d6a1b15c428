/**
 * Runs tasks that share a key one after another, tasks of different keys side by side. The
 * consumer handles several messages at once (the prefetch); two deliveries of one document (the
 * same event redelivered, or validated twice) must not record and queue it side by side, each
 * unaware of the other. Across processes, the job queue's idempotent enqueue covers the same race.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => PromiseLike<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests and metrics). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
