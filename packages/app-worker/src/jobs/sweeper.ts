import type { Clock, SweepStalledWork } from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/metrics.js';

export interface SweeperDeps {
  readonly sweep: Pick<SweepStalledWork, 'run'>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  /** Time between two sweeps. */
  readonly everyMs: number;
  /** How far back the first sweep after a start looks: work a process left before it stopped. */
  readonly lookbackMs: number;
  /** Something was queued: the job loop looks at once. */
  readonly onQueued: () => void;
}

/**
 * Runs the sweep (`SweepStalledWork`) at start and then on a timer. Each sweep starts where the last
 * one stopped (its `upTo`); the first looks back `lookbackMs`. A failed sweep is logged and the next
 * one starts from the same place, so nothing is skipped.
 */
export class Sweeper {
  private from: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: SweeperDeps) {}

  start(): void {
    this.from = this.deps.clock.now() - this.deps.lookbackMs;
    this.tick();
  }

  /** Resolves once the sweep in hand (if any) is done; no sweep starts after. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One sweep now (the timer's, or a test's). */
  sweepOnce(): Promise<void> {
    this.current ??= this.sweep().finally(() => (this.current = undefined));
    return this.current;
  }

  private tick(): void {
    void this.sweepOnce().then(() => {
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), this.deps.everyMs);
      this.timer.unref();
    });
  }

  private async sweep(): Promise<void> {
    const { sweep, log, metrics, onQueued, clock } = this.deps;
    const from = this.from ?? clock.now() - this.deps.lookbackMs;
    const report = await sweep.run(from);
    if (report.isErr()) {
      log.warn({ err: report.error, from }, 'sweep failed: the next one starts from the same place');
      return;
    }
    const { examined, queued, launchesResumed, launchesLeft, runsResumed, walksLeft, upTo } = report.value;
    this.from = upTo;
    metrics.swept.inc({ what: 'document-queued' }, queued);
    metrics.swept.inc({ what: 'launch-resumed' }, launchesResumed);
    metrics.swept.inc({ what: 'run-resumed' }, runsResumed);
    if (queued > 0 || launchesResumed > 0 || runsResumed > 0) {
      log.info(
        { examined, queued, launchesResumed, launchesLeft, runsResumed, walksLeft, from, upTo },
        'sweep carried on work left between two steps',
      );
      onQueued();
    } else log.debug({ examined, launchesLeft, walksLeft, from, upTo }, 'sweep: nothing left behind');
    if (launchesLeft > 0) log.warn({ launchesLeft }, 'initial syncs stopped half-way that the module state refuses to carry on');
  }
}
