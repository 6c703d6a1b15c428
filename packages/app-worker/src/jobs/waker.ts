/**
 * A sleep that ends early when woken: the job loop sleeps until its next known due time, and a
 * document queued in this process wakes it at once. No busy polling: one timer per sleeper.
 */
export class Waker {
  private readonly sleepers = new Set<() => void>();

  /** Resolves after `ms`, or at the next `wake()`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  /** Ends every sleep in progress. */
  wake(): void {
    for (const done of [...this.sleepers]) done();
  }
}

/**
 * How long to sleep when no job is due: until the earliest retry this process knows of, and never
 * longer than `idleLookMs` (other processes queue jobs, and their retry times are not known here).
 */
export const sleepBeforeNextLook = (now: number, earliestKnownDue: number | undefined, idleLookMs: number): number =>
  earliestKnownDue === undefined ? idleLookMs : Math.min(idleLookMs, Math.max(0, earliestKnownDue - now));
