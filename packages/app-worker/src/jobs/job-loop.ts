import {
  jobDisposition,
  type Clock,
  type JobDisposition,
  type LeasedJob,
  type LeaseError,
  type RealmLease,
  type JobResult,
  type SyncBatch,
  type SyncDocumentError,
  type SyncDocumentOutcome,
  type SyncJobSource,
} from '@ogustine-qbo/domain';
import type { Result, ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/metrics.js';
import { sleepBeforeNextLook, Waker } from './waker.js';

export interface JobLoopDeps {
  readonly source: SyncJobSource;
  /** Runs a lease's jobs together (`SyncBatch`): batched writes, one result per job, each told to `settled` once known. */
  readonly sync: Pick<SyncBatch, 'run'>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: WorkerMetrics;
  /** Who holds the leases (this process), for operators. */
  readonly holder: string;
  /** Realms served side by side by this process: one lease each. */
  readonly lanes: number;
  /** Longest sleep when nothing is due (jobs queued by other processes are noticed by then). */
  readonly idleLookMs: number;
  /** How often a held lease is renewed (wall-clock ms); a third of the lease by default. */
  readonly renewEveryMs?: number;
  /**
   * Wall-clock ms per ms of `clock` (the module's time scale, `composition/module-time.ts`; 1 by
   * default): the lease renewal and the sleep until the next due time are timers on the wall clock.
   */
  readonly timeScale?: number;
}

/** What an operator needs beside the outcome: the failure's cause, why a job waits. */
const detailOf = (result: Result<SyncDocumentOutcome, SyncDocumentError>): Record<string, unknown> => {
  if (result.isErr()) return { error: result.error };
  const outcome = result.value;
  switch (outcome.kind) {
    case 'failed':
      return { cause: outcome.cause };
    case 'postponed':
      return { why: outcome.why };
    case 'held':
    case 'refused':
      return { why: outcome.reason.kind };
    case 'synced':
      return { qboId: outcome.transaction.qboId, totalMismatch: outcome.totalMismatch };
  }
};

/** A lease is renewed when this share of it is gone, so a slow job (QBO waits up to 2 minutes) never loses it. */
const RENEW_AFTER_SHARE = 1 / 3;

/**
 * The worker's job loop (ADR 0004). Each lane leases one realm with a batch of its ready jobs,
 * runs them together through `SyncBatch` (customers, services and transactions in QBO batches, the
 * realm's limiter pacing every request), tells the queue each job's fate as soon as it is known, by the
 * domain's `jobDisposition` (complete / retry at / dead-letter), renews the lease while it works,
 * and releases it when the batch is done. With nothing to take it sleeps until the queue's next due
 * time (a retry, a lease expiring), at most `idleLookMs`, and wakes at once when a document is
 * queued here. A lease lost (expired and taken by another worker) stops work on that realm at once.
 * On `stop`, the batch in hand runs to its outcomes and the lease is released. A worker killed outright loses nothing: its lease expires and the jobs are
 * handed out again (each resumes from its stored sync record).
 */
export class JobLoop {
  private readonly waker = new Waker();
  private readonly running: Promise<void>[] = [];
  private stopping = false;

  constructor(private readonly deps: JobLoopDeps) {}

  start(): void {
    if (this.running.length > 0) throw new Error('JobLoop: started twice');
    for (let lane = 0; lane < this.deps.lanes; lane += 1) this.running.push(this.lane(`${this.deps.holder}/${lane}`));
  }

  /** Looks for due jobs now (a document was just queued). */
  wake(): void {
    this.waker.wake();
  }

  /** Takes no new job; resolves once every job in hand has run, its fate told to the queue, and its lease released. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waker.wake();
    await Promise.all(this.running);
  }

  private async lane(holder: string): Promise<void> {
    const { source, clock, log, idleLookMs } = this.deps;
    while (!this.stopping) {
      const taken = await source.take(holder, clock.now());
      if (taken.isErr()) log.warn({ err: taken.error, holder }, 'job queue unavailable');
      else if (taken.value !== null) {
        await this.serve(taken.value);
        continue;
      }
      if (this.stopping) break;
      const next = taken.isOk() ? await source.nextDueAt() : undefined;
      const due = next?.isOk() === true ? (next.value ?? undefined) : undefined;
      await this.waker.sleep(sleepBeforeNextLook(clock.now(), due, idleLookMs, this.deps.timeScale));
    }
  }

  /** Runs a lease's jobs in order, keeping the lease alive, then releases it. */
  private async serve(taken: RealmLease): Promise<void> {
    const { source, clock, log, metrics, sync } = this.deps;
    const realmLog = log.child({ realmId: taken.realmId, leaseId: taken.leaseId, holder: taken.holder });
    const started = clock.now();
    let lease = taken;
    let lost = false;
    const scale = this.deps.timeScale ?? 1;
    const renewEveryMs = this.deps.renewEveryMs ?? Math.max(1_000 * scale, (taken.expiresAt - started) * RENEW_AFTER_SHARE * scale);
    const renewal = setInterval(() => {
      void source.renew(lease, clock.now()).then((renewed) => {
        if (renewed.isOk()) lease = renewed.value;
        else if (renewed.error.kind === 'queue.lease-lost') lost = true;
        else realmLog.warn({ err: renewed.error }, 'lease not renewed; trying again');
      });
    }, renewEveryMs);
    try {
      if (!this.stopping) {
        // Each job's fate is told as soon as it is known, one at a time, while the others' PDFs are on their way.
        const told = new Set<number>();
        let telling = Promise.resolve();
        const tellNow = (i: number, result: JobResult): void => {
          const leased = taken.jobs[i];
          if (leased === undefined || told.has(i)) return;
          told.add(i);
          telling = telling.then(async () => {
            if (lost) return;
            const answer = await this.tell(lease, leased, result, realmLog);
            if (answer.isErr() && answer.error.kind === 'queue.lease-lost') lost = true;
          });
        };
        const results = await sync.run(taken.jobs, tellNow);
        for (const i of taken.jobs.keys()) tellNow(i, results[i] as JobResult);
        await telling;
      }
    } finally {
      clearInterval(renewal);
    }
    metrics.leaseSeconds.observe((clock.now() - started) / 1000);
    if (lost) {
      realmLog.warn('lease lost: another worker serves this realm now');
      return;
    }
    const released = await source.release(lease);
    if (released.isErr()) realmLog.warn({ err: released.error }, 'lease not released: it will expire');
  }

  /** Tells the queue a job's fate (`jobDisposition`), counts and logs it. */
  private async tell(lease: RealmLease, leased: LeasedJob, result: JobResult, realmLog: Logger): Promise<Result<void, LeaseError>> {
    const { job, deliveries } = leased;
    const { clock, metrics } = this.deps;
    const log = realmLog.child({ jobId: job.jobId, accountId: job.accountId, documentId: job.documentId, reason: job.reason, deliveries });
    const disposition = jobDisposition(result, clock.now());
    const outcome = result.isOk() ? result.value.kind : result.error.kind;
    metrics.jobs.inc({ outcome });
    const told = await this.dispose(lease, job.jobId, disposition);
    const line = {
      outcome,
      ...detailOf(result),
      disposition: disposition.kind,
      ...(disposition.kind === 'retry-at' ? { retryAt: disposition.at } : {}),
    };
    if (told.isErr()) log.warn({ ...line, err: told.error }, 'job ran, its fate not recorded: it will be handed out again');
    else if (disposition.kind === 'dead-letter') log.error({ ...line, deadLetterReason: disposition.reason }, 'job dead-lettered');
    else log.info(line, 'job ran');
    return told;
  }

  private dispose(lease: RealmLease, jobId: string, disposition: JobDisposition): ResultAsync<void, LeaseError> {
    const { source } = this.deps;
    switch (disposition.kind) {
      case 'complete':
        return source.complete(lease, jobId);
      case 'retry-at':
        return source.retryLater(lease, jobId, disposition.at);
      case 'dead-letter':
        return source.deadLetter(lease, jobId, disposition.reason);
    }
  }
}
