import type { Clock } from '../../ports/clock.js';
import type { Instant } from '../../shared/time.js';

/** A clock stopped at one instant. */
export class FixedClock implements Clock {
  constructor(private readonly instant: Instant) {}
  now(): Instant {
    return this.instant;
  }
}

/** A clock the test moves by hand; it never goes backwards. */
export class ManualClock implements Clock {
  constructor(private instant: Instant = Date.UTC(2024, 0, 15, 9, 0, 0)) {}
  now(): Instant {
    return this.instant;
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('ManualClock.advance: time does not go backwards');
    this.instant += ms;
  }
  set(instant: Instant): void {
    if (instant < this.instant) throw new Error('ManualClock.set: time does not go backwards');
    this.instant = instant;
  }
}
