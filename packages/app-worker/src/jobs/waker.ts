/**
 * A sleep that ends early when woken: the job loop sleeps until its next known due time, and a
 * document queued in this process wakes it at once. No busy polling: one timer per sleeper. A wake
 * while nobody sleeps is kept for the next sleep, which then ends at once: a document queued while
 * the loop was looking (its look began before the job was there) is not left for the next timer.
 */
export class Waker {
  private readonly sleepers = new Set<() => void>();
  private wokenMeanwhile = false;

  /** Resolves after `ms`, or at the next `wake()`, whichever comes first; at once if woken while nobody slept. */
  sleep(ms: number): Promise<void> {
    if (this.wokenMeanwhile) {
      this.wokenMeanwhile = false;
      return Promise.resolve();
    }
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

  /** Ends every sleep in progress, or the next one if none is. */
  wake(): void {
    if (this.sleepers.size === 0) this.wokenMeanwhile = true;
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

/**
 * Wall-clock ms until lane `lane` of `lanes` looks again when nothing is due: each lane looks every
 * `idleLookMs` on a grid of its own, shifted by `idleLookMs / lanes` from the lane before, so that a
 * job queued by another process (a launch, a « Réessayer » clicked in the HTTP app) is noticed within
 * `idleLookMs / lanes` rather than `idleLookMs`, with no more looks than lanes looking together make.
 */
export const idleLookOf = (wallNow: number, idleLookMs: number, lane: number, lanes: number): number => {
  const phase = (idleLookMs * lane) / lanes;
  const sinceLastSlot = (((wallNow - phase) % idleLookMs) + idleLookMs) % idleLookMs;
  return idleLookMs - sinceLastSlot;
};
