import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { RealmId } from '../../qbo/company-profile.js';
import type { LeasedJob, SyncJob, SyncJobSource, SyncQueue, SyncQueueError } from '../../ports/sync-queue.js';
import type { Instant } from '../../shared/time.js';

interface Entry {
  readonly job: SyncJob;
  deliveries: number;
  notBefore: Instant;
  leased: boolean;
}

/**
 * Both sides of the queue in memory: per-realm FIFO, one job in flight per realm, realms served in
 * turn. `abandonLeases()` models a worker that crashed holding jobs: they are handed out again.
 */
export class InMemorySyncQueue implements SyncQueue, SyncJobSource {
  readonly deadLetters: { readonly job: SyncJob; readonly reason: string }[] = [];
  private readonly realms = new Map<RealmId, Entry[]>();
  private turn = 0;
  private unavailable = 0;

  /** The next `n` calls fail with `queue.unavailable`. */
  failNext(n = 1): void {
    this.unavailable += n;
  }

  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError> {
    if (this.consumeFailure()) return errAsync({ kind: 'queue.unavailable', detail: 'the queue did not answer' });
    for (const job of jobs) {
      const entries = this.realms.get(job.realmId) ?? [];
      entries.push({ job, deliveries: 0, notBefore: Number.NEGATIVE_INFINITY, leased: false });
      this.realms.set(job.realmId, entries);
    }
    return okAsync(undefined);
  }

  take(now: Instant): ResultAsync<LeasedJob | null, SyncQueueError> {
    if (this.consumeFailure()) return errAsync({ kind: 'queue.unavailable', detail: 'the queue did not answer' });
    const realmIds = [...this.realms.keys()];
    for (let i = 0; i < realmIds.length; i += 1) {
      const realmId = realmIds[(this.turn + i) % realmIds.length];
      const head = realmId === undefined ? undefined : this.realms.get(realmId)?.[0];
      if (head === undefined || head.leased || head.notBefore > now) continue;
      this.turn = (this.turn + i + 1) % realmIds.length;
      head.leased = true;
      head.deliveries += 1;
      return okAsync({ job: head.job, deliveries: head.deliveries - 1 });
    }
    return okAsync(null);
  }

  complete(jobId: string): ResultAsync<void, SyncQueueError> {
    if (this.consumeFailure()) return errAsync({ kind: 'queue.unavailable', detail: 'the queue did not answer' });
    this.removeJob(jobId);
    return okAsync(undefined);
  }

  retryLater(jobId: string, notBefore: Instant): ResultAsync<void, SyncQueueError> {
    if (this.consumeFailure()) return errAsync({ kind: 'queue.unavailable', detail: 'the queue did not answer' });
    const entry = this.find(jobId);
    if (entry !== undefined) {
      entry.leased = false;
      entry.notBefore = notBefore;
    }
    return okAsync(undefined);
  }

  deadLetter(jobId: string, reason: string): ResultAsync<void, SyncQueueError> {
    if (this.consumeFailure()) return errAsync({ kind: 'queue.unavailable', detail: 'the queue did not answer' });
    const removed = this.removeJob(jobId);
    if (removed !== undefined) this.deadLetters.push({ job: removed.job, reason });
    return okAsync(undefined);
  }

  /** A crashed worker's leases expire: its jobs become available again, in their place. */
  abandonLeases(): void {
    for (const entries of this.realms.values()) for (const e of entries) e.leased = false;
  }

  /** @returns the earliest instant a queued job (not in flight) becomes due, or undefined when none waits */
  nextDueAt(): Instant | undefined {
    const heads = [...this.realms.values()].map((entries) => entries[0]).filter((e): e is Entry => e !== undefined && !e.leased);
    return heads.length === 0 ? undefined : Math.min(...heads.map((e) => e.notBefore));
  }

  /** @returns the jobs still queued or in flight, realm by realm in order */
  jobs(): readonly SyncJob[] {
    return [...this.realms.values()].flatMap((entries) => entries.map((e) => e.job));
  }

  private find(jobId: string): Entry | undefined {
    for (const entries of this.realms.values()) {
      const found = entries.find((e) => e.job.jobId === jobId);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private removeJob(jobId: string): Entry | undefined {
    for (const [realmId, entries] of this.realms) {
      const index = entries.findIndex((e) => e.job.jobId === jobId);
      if (index >= 0) {
        const [removed] = entries.splice(index, 1);
        if (entries.length === 0) this.realms.delete(realmId);
        return removed;
      }
    }
    return undefined;
  }

  private consumeFailure(): boolean {
    if (this.unavailable === 0) return false;
    this.unavailable -= 1;
    return true;
  }
}
