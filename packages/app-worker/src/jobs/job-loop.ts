import {
  jobDisposition,
  MAX_JOBS_PER_LEASE,
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
import { idleLookOf, sleepBeforeNextLook, Waker } from './waker.js';

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
  /** Longest sleep of a lane when nothing is due; the lanes look in turn, so jobs queued by other processes are noticed within `idleLookMs / lanes`. */
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

/** A batch of a lease's jobs being run: `writing` until QBO answered its transactions' batch, or its first fate is told. */
interface Batch {
  readonly jobs: readonly LeasedJob[];
  writing: boolean;
  done: Promise<void>;
}

/** Batches of one realm running at once: one writing its transactions, one uploading the PDFs of the one before. */
const BATCHES_IN_HAND = 2;

/** What a job touches that another running batch must not touch at once: its document, and a credit note's invoice. */
const touches = (leased: LeasedJob): string[] => {
  const { accountId, documentId, after } = leased.job;
  return [JSON.stringify([accountId, documentId]), ...(after === undefined ? [] : [JSON.stringify([accountId, 'after', after])])];
};

/**
 * The first batch of a lease: smaller, so that its PDFs begin soon and the limiter has them to send
 * while the rest of the lease's jobs prepare their write (nothing else runs for the realm yet).
 */
const FIRST_BATCH = 10;

/** Takes out of `pending`, in order, up to `most` jobs that touch nothing a running batch touches. */
const startable = (pending: LeasedJob[], running: ReadonlySet<Batch>, most: number): LeasedJob[] => {
  const busy = new Set([...running].flatMap((b) => b.jobs.flatMap(touches)));
  const chosen: LeasedJob[] = [];
  for (let i = 0; i < pending.length && chosen.length < most;) {
    const leased = pending[i] as LeasedJob;
    if (touches(leased).some((t) => busy.has(t))) i += 1;
    else chosen.push(...pending.splice(i, 1));
  }
  return chosen;
};

/** A lease is renewed when this share of it is gone, so a slow job (QBO waits up to 2 minutes) never loses it. */
const RENEW_AFTER_SHARE = 1 / 3;

/**
 * The worker's job loop (ADR 0004). Each lane leases one realm with a batch of its ready jobs,
 * runs them together through `SyncBatch` (customers, services and transactions in QBO batches, the
 * realm's limiter pacing every request), takes the realm's next due jobs under the same lease while
 * the PDFs of the batch in hand are on their way (`takeMore`), tells the queue each job's fate as soon
 * as it is known, by the domain's `jobDisposition` (complete / retry at / dead-letter), renews the
 * lease while it works, and releases it when `takeMore` hands out nothing: no job of the realm is
 * due, or another realm waits its turn (a worker with fewer lanes than realms still serves them in
 * turn, and a realm alone keeps its lease, never draining its batches in hand to take it again). With nothing to take it sleeps until the queue's next due
 * time (a retry, a lease expiring), at most `idleLookMs`, and wakes at once when a document is
 * queued here. A lease lost (expired and taken by another worker) stops work on that realm at once.
 * On `stop`, the batches in hand run to their outcomes, none is started, and the lease is released. A worker killed outright loses nothing: its lease expires and the jobs are
 * handed out again (each resumes from its stored sync record).
 */
export class JobLoop {
  private readonly waker = new Waker();
  private readonly running: Promise<void>[] = [];
  private stopping = false;

  constructor(private readonly deps: JobLoopDeps) {}

  start(): void {
    if (this.running.length > 0) throw new Error('JobLoop: started twice');
    for (let lane = 0; lane < this.deps.lanes; lane += 1) this.running.push(this.lane(`${this.deps.holder}/${lane}`, lane));
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

  private async lane(holder: string, index: number): Promise<void> {
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
      // The lanes look in turn (each on a grid of its own): a job queued by another process waits a lane's share of the idle look.
      const idleLook = idleLookOf(Date.now(), idleLookMs, index, this.deps.lanes);
      const sleepMs = sleepBeforeNextLook(clock.now(), due, idleLook, this.deps.timeScale);
      log.debug({ holder, sleepMs }, 'nothing due');
      await this.waker.sleep(sleepMs);
    }
  }

  /**
   * Serves the realm while it has due jobs: runs the lease's batch, and takes the next one under the
   * same lease (`takeMore`) as soon as the batch in hand has written its transactions (QBO answered
   * their batch, or a first fate is told: only PDFs and settlements left), so the realm's limiter always has requests to send. At
   * most `BATCHES_IN_HAND` batches run at once, one of them writing; a job that touches a document
   * (or a credit note's invoice) of a batch still running waits for that batch to end. Keeps the lease
   * alive, then releases it (jobs taken but not started go back uncounted).
   */
  private async serve(taken: RealmLease): Promise<void> {
    const { source, clock, log, metrics } = this.deps;
    const realmLog = log.child({ realmId: taken.realmId, leaseId: taken.leaseId, holder: taken.holder });
    realmLog.debug({ jobs: taken.jobs.length }, 'lease taken');
    const started = clock.now();
    const state = { lease: taken, lost: false };
    const scale = this.deps.timeScale ?? 1;
    const renewEveryMs = this.deps.renewEveryMs ?? Math.max(1_000 * scale, (taken.expiresAt - started) * RENEW_AFTER_SHARE * scale);
    const renewal = setInterval(() => {
      void source.renew(state.lease, clock.now()).then((renewed) => {
        if (renewed.isOk()) state.lease = renewed.value;
        else if (renewed.error.kind === 'queue.lease-lost') state.lost = true;
        else realmLog.warn({ err: renewed.error }, 'lease not renewed; trying again');
      });
    }, renewEveryMs);
    try {
      await this.pipeline(taken.jobs, state, realmLog);
    } finally {
      clearInterval(renewal);
    }
    metrics.leaseSeconds.observe((clock.now() - started) / 1000);
    if (state.lost) {
      realmLog.warn('lease lost: another worker serves this realm now');
      return;
    }
    const released = await source.release(state.lease);
    if (released.isErr()) realmLog.warn({ err: released.error }, 'lease not released: it will expire');
    else realmLog.debug('lease released');
  }

  /** Runs batches of the realm's jobs, taking more under the lease while it has some, until none is due or the loop stops. */
  private async pipeline(first: readonly LeasedJob[], state: { lease: RealmLease; lost: boolean }, realmLog: Logger): Promise<void> {
    const { source, clock } = this.deps;
    const pending: LeasedJob[] = [...first];
    const running = new Set<Batch>();
    let batches = 0;
    let changed: () => void = () => undefined;
    const moved = (): Promise<void> => new Promise<void>((resolve) => (changed = resolve));
    for (;;) {
      const next = moved();
      while (!this.stopping && !state.lost && running.size < BATCHES_IN_HAND && ![...running].some((b) => b.writing)) {
        if (pending.length === 0) {
          if (batches === 0) break;
          realmLog.debug('taking more');
          const more = await source.takeMore(state.lease, clock.now());
          if (more.isErr()) {
            if (more.error.kind === 'queue.lease-lost') state.lost = true;
            else realmLog.warn({ err: more.error }, 'job queue unavailable: no more jobs taken under this lease');
            break;
          }
          realmLog.debug({ jobs: more.value.length }, 'more taken');
          if (more.value.length === 0) break;
          pending.push(...more.value);
        }
        const jobs = startable(pending, running, batches === 0 ? FIRST_BATCH : MAX_JOBS_PER_LEASE);
        if (jobs.length === 0) break;
        batches += 1;
        const batch = this.runBatch(jobs, state, realmLog.child({ batch: batches }), () => changed());
        running.add(batch);
        void batch.done.then(() => {
          running.delete(batch);
          changed();
        });
      }
      if (running.size === 0) return;
      await next;
    }
  }

  /** Runs one batch through `SyncBatch`, telling each job's fate to the queue as soon as it is known. */
  private runBatch(jobs: readonly LeasedJob[], state: { lease: RealmLease; lost: boolean }, realmLog: Logger, changed: () => void): Batch {
    const told = new Set<number>();
    let telling = Promise.resolve();
    const batch: Batch = { jobs, writing: true, done: Promise.resolve() };
    const written = (): void => {
      if (!batch.writing) return;
      // Its transactions are written (QBO answered their batch, or a first fate is known): the next
      // batch may begin, its preparation overlapping these PDFs.
      batch.writing = false;
      realmLog.debug('batch written');
      changed();
    };
    const tellNow = (i: number, result: JobResult): void => {
      const leased = jobs[i];
      if (leased === undefined || told.has(i)) return;
      told.add(i);
      written();
      telling = telling.then(async () => {
        if (state.lost) return;
        const answer = await this.tell(state.lease, leased, result, realmLog);
        if (answer.isErr() && answer.error.kind === 'queue.lease-lost') state.lost = true;
      });
    };
    realmLog.debug({ jobs: jobs.length }, 'batch begun');
    batch.done = (async () => {
      const results = await this.deps.sync.run(jobs, tellNow, written);
      for (const i of jobs.keys()) tellNow(i, results[i] as JobResult);
      await telling;
      realmLog.debug('batch ended');
    })();
    return batch;
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
