import type { Clock } from '@ogustine-qbo/domain';

/**
 * The module's time scale (a benchmark's setting; production runs at 1). At `scale` < 1 the module's
 * clock runs `1 / scale` times faster than the wall clock from `origin`, so every duration the domain
 * measures on it (leases, retry delays, the in-flight window, token lifetimes) passes `1 / scale` times
 * sooner; the durations measured on the wall clock (the QBO limiter's windows, request time-outs and
 * back-offs, the job loop's timers) are multiplied by `scale`. With a QBO sandbox at the same time
 * scale, a 20-minute sync runs in 20 × scale minutes, with the same requests in the same order.
 */
export interface ModuleTime {
  /** Wall-clock milliseconds per module millisecond: 1 in production, 0.1 runs ten times faster. */
  readonly scale: number;
  /** The wall-clock instant the two clocks agree at: the same for every process of one run, so that a restarted process goes on from the same time. */
  readonly origin: number;
}

/** @returns the module's clock: the wall clock at scale 1, else a clock running `1 / scale` times faster from `origin` */
export const scaledClock = (time: ModuleTime, wall: () => number = () => Date.now()): Clock =>
  time.scale === 1 ? { now: wall } : { now: () => Math.round(time.origin + (wall() - time.origin) / time.scale) };

/** @returns how long `moduleMs` of the module's time lasts on the wall clock */
export const wallMs = (time: Pick<ModuleTime, 'scale'>, moduleMs: number): number => moduleMs * time.scale;
