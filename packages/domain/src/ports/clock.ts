import type { Instant } from '../shared/time.js';

/** The current time. The domain never reads the system clock itself, so tests can fix or move it. */
export interface Clock {
  /** @returns the current instant, in milliseconds since the Unix epoch (UTC) */
  now(): Instant;
}
