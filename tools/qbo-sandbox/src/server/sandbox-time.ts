// The sandbox's time, settable from outside the process: a clock that can be moved, advanced or frozen, and the time
// scale of the throttle windows. Token lifetimes, MetaData stamps, CDC and download links all read this clock.

export interface TimeView {
  /** The sandbox's current instant, ISO 8601. */
  now: string;
  frozen: boolean;
  timeScale: number;
}

export interface TimeChange {
  /** Moves the clock to this instant (it keeps running from there unless frozen). */
  set?: Date;
  advanceSeconds?: number;
  frozen?: boolean;
  timeScale?: number;
}

export class SandboxTime {
  private offsetMs = 0;
  private frozenAtMs: number | undefined;

  /** @param base the underlying clock (real time, or a test's); @param scale holds the time scale, changed in place */
  constructor(
    private readonly base: () => Date,
    private readonly scale: { timeScale: number },
  ) {}

  now(): Date {
    return new Date(this.frozenAtMs ?? this.base().getTime() + this.offsetMs);
  }

  view(): TimeView {
    return { now: this.now().toISOString(), frozen: this.frozenAtMs !== undefined, timeScale: this.scale.timeScale };
  }

  /**
   * Applies a change: freeze, set, advance, unfreeze, then the time scale (a clock set and frozen together stands at
   * the instant set; set and unfrozen together runs on from it).
   * @returns the time after the change, or an error message (nothing changed) for a bad value
   */
  change(change: TimeChange): { ok: true; value: TimeView } | { ok: false; error: string } {
    if (change.set !== undefined && !Number.isFinite(change.set.getTime())) return { ok: false, error: 'set must be an ISO 8601 instant' };
    if (change.advanceSeconds !== undefined && !Number.isFinite(change.advanceSeconds))
      return { ok: false, error: 'advanceSeconds must be a number' };
    if (change.timeScale !== undefined && !(change.timeScale > 0 && Number.isFinite(change.timeScale)))
      return { ok: false, error: 'timeScale must be a number > 0' };
    // Freeze first, so a clock set and frozen in one change stands exactly at the instant set.
    if (change.frozen === true && this.frozenAtMs === undefined) this.frozenAtMs = this.now().getTime();
    if (change.set !== undefined) this.moveTo(change.set.getTime());
    if (change.advanceSeconds !== undefined) this.moveTo(this.now().getTime() + change.advanceSeconds * 1000);
    if (change.frozen === false && this.frozenAtMs !== undefined) {
      this.offsetMs = this.frozenAtMs - this.base().getTime();
      this.frozenAtMs = undefined;
    }
    if (change.timeScale !== undefined) this.scale.timeScale = change.timeScale;
    return { ok: true, value: this.view() };
  }

  private moveTo(atMs: number): void {
    if (this.frozenAtMs !== undefined) this.frozenAtMs = atMs;
    else this.offsetMs = atMs - this.base().getTime();
  }
}

/**
 * Reads the time settings of `npm run sandbox` from the environment: QBO_SANDBOX_TIME_SCALE (a number > 0),
 * QBO_SANDBOX_CLOCK (an ISO 8601 instant the clock starts at) and QBO_SANDBOX_CLOCK_FROZEN (true / false).
 * @returns the settings, or an error line naming the bad variable
 */
export function readTimeEnvironment(
  env: Record<string, string | undefined>,
): { ok: true; value: { timeScale: number; change: TimeChange } } | { ok: false; error: string } {
  const change: TimeChange = {};
  let timeScale = 1;
  const scale = env['QBO_SANDBOX_TIME_SCALE']?.trim();
  if (scale !== undefined && scale !== '') {
    timeScale = Number(scale);
    if (!(timeScale > 0 && Number.isFinite(timeScale)))
      return { ok: false, error: `qbo-sandbox: QBO_SANDBOX_TIME_SCALE must be a number > 0, got "${scale}"` };
  }
  const clock = env['QBO_SANDBOX_CLOCK']?.trim();
  if (clock !== undefined && clock !== '') {
    const at = Date.parse(clock);
    if (!/^\d{4}-\d{2}-\d{2}/.test(clock) || !Number.isFinite(at))
      return { ok: false, error: `qbo-sandbox: QBO_SANDBOX_CLOCK must be an ISO 8601 instant (2026-01-31T09:00:00Z), got "${clock}"` };
    change.set = new Date(at);
  }
  const frozen = env['QBO_SANDBOX_CLOCK_FROZEN']?.trim().toLowerCase();
  if (frozen !== undefined && frozen !== '') {
    if (!['true', 'false', '1', '0'].includes(frozen))
      return { ok: false, error: `qbo-sandbox: QBO_SANDBOX_CLOCK_FROZEN must be true or false, got "${frozen}"` };
    change.frozen = frozen === 'true' || frozen === '1';
  }
  return { ok: true, value: { timeScale, change } };
}
