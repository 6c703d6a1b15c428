import {
  jobDisposition,
  type Clock,
  type Instant,
  type JobDisposition,
  type LeasedJob,
  type SyncDocument,
  type SyncJobSource,
} from '@ogustine-qbo/domain';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/metrics.js';
import { sleepBeforeNextLook, Waker } from './waker.js';

export interface JobLoopDeps {
  readonly source: SyncJobSource;
  readonly sync: Pick<SyncDocument, 'run'>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  /** Jobs run side by side; the source never hands out two jobs of one realm at once. */
  readonly lanes: number;
  readonly idleLookMs: number;
}

/**
 * The worker's job loop: each lane takes a due job from the queue (one realm at a time per the
 * source, realms in turn), runs `SyncDocument`, and tells the queue the job's fate by the domain's
 * `jobDisposition` (complete / retry at / dead-letter). With nothing due it sleeps until the
 * earliest retry it knows, at most `idleLookMs`, and wakes at once when a document is queued here.
 * A job whose fate could not be told to the queue is handed out again when its lease expires (the
 * sync resumes from its stored record, so running it again is safe).
 */
export class JobLoop {
  private readonly waker = new Waker();
  private readonly running: Promise<void>[] = [];
  private stopping = false;
  private earliestRetry: Instant | undefined;

  constructor(private readonly deps: JobLoopDeps) {}

  start(): void {
    if (this.running.length > 0) throw new Error('JobLoop: started twice');
    for (let lane = 0; lane < this.deps.lanes; lane += 1) this.running.push(this.lane());
  }

  /** Looks for due jobs now (a document was just queued). */
  wake(): void {
    this.waker.wake();
  }

  /** Takes no new job; resolves once every job in hand has run and its fate was told to the queue. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waker.wake();
    await Promise.all(this.running);
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      const ran = await this.runOne();
      if (ran || this.stopping) continue;
      const now = this.deps.clock.now();
      if (this.earliestRetry !== undefined && this.earliestRetry <= now) this.earliestRetry = undefined;
      await this.waker.sleep(sleepBeforeNextLook(now, this.earliestRetry, this.deps.idleLookMs));
    }
  }

  /** @returns true if a job was taken (whatever became of it), false if none was due or the queue did not answer */
  async runOne(): Promise<boolean> {
    const { source, clock, log } = this.deps;
    const taken = await source.take(clock.now());
    if (taken.isErr()) {
      log.warn({ err: taken.error }, 'job queue unavailable');
      return false;
    }
    if (taken.value === null) return false;
    await this.run(taken.value);
    return true;
  }

  private async run(leased: LeasedJob): Promise<void> {
    const { job, deliveries } = leased;
    const { sync, clock, metrics } = this.deps;
    const log = this.deps.log.child({
      jobId: job.jobId,
      accountId: job.accountId,
      realmId: job.realmId,
      documentId: job.documentId,
      reason: job.reason,
      deliveries,
    });
    const started = clock.now();
    const result = await sync.run(job, deliveries);
    const disposition = jobDisposition(result, clock.now());
    const outcome = result.isOk() ? result.value.kind : result.error.kind;
    metrics.jobs.inc({ outcome });
    metrics.leaseSeconds.observe((clock.now() - started) / 1000);
    const told = await this.tell(job.jobId, disposition);
    const line = { outcome, disposition: disposition.kind, ...(disposition.kind === 'retry-at' ? { retryAt: disposition.at } : {}) };
    if (told.isErr()) log.warn({ ...line, err: told.error }, 'job ran, its fate not recorded: it will be handed out again');
    else if (disposition.kind === 'dead-letter') log.error({ ...line, deadLetterReason: disposition.reason }, 'job dead-lettered');
    else log.info(line, 'job ran');
    if (disposition.kind === 'retry-at' && told.isOk() && (this.earliestRetry === undefined || disposition.at < this.earliestRetry))
      this.earliestRetry = disposition.at;
  }

  private tell(jobId: string, disposition: JobDisposition) {
    const { source } = this.deps;
    switch (disposition.kind) {
      case 'complete':
        return source.complete(jobId);
      case 'retry-at':
        return source.retryLater(jobId, disposition.at);
      case 'dead-letter':
        return source.deadLetter(jobId, disposition.reason);
    }
  }
}
