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

/** The shortest sleep: a due time already past while nothing could be taken (a race with another worker) never makes the loop spin. */
export const MIN_LOOK_MS = 50;

/**
 * How long to sleep (wall-clock ms) when nothing could be taken: until the queue's next due time
 * (`now` and `nextDue` on the module's clock, whose ms last `timeScale` wall-clock ms), never longer
 * than `idleLookMs` (jobs queued by other processes are not signalled here), never shorter than `MIN_LOOK_MS`.
 */
export const sleepBeforeNextLook = (now: number, nextDue: number | undefined, idleLookMs: number, timeScale = 1): number =>
  nextDue === undefined ? idleLookMs : Math.min(idleLookMs, Math.max(MIN_LOOK_MS, (nextDue - now) * timeScale));
