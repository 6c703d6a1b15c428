import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import {
  laneOf,
  MAX_DELIVERIES,
  MAX_JOBS_PER_LEASE,
  REALM_LEASE_MS,
  TOO_MANY_DELIVERIES,
  type LeasedJob,
  type LeaseError,
  type RealmLease,
  type SyncJob,
  type SyncJobSource,
  type SyncQueue,
  type SyncQueueError,
} from '../../ports/sync-queue.js';
import type { RealmId } from '../../qbo/company-profile.js';
import type { Instant } from '../../shared/time.js';

/** A row of the job table. `leaseId` is set while the job is handed out under that lease. */
interface Entry {
  readonly job: SyncJob;
  /** Enqueue order. */
  readonly seq: number;
  deliveries: number;
  notBefore: Instant;
  leaseId: string | null;
}

/** A row of the realm-lease table: the live (or last) lease of a realm, and when it was last served. */
interface RealmRow {
  leaseId: string | null;
  holder: string;
  expiresAt: Instant;
  servedAt: number;
}

const keyOf = (job: SyncJob): string => JSON.stringify([job.accountId, job.documentId, job.reason]);

/**
 * Both sides of the queue in memory, as a job table and a realm-lease table would hold them (ADR
 * 0004). `abandonLeases()` models workers that crashed: their leases expire at once.
 */
export class InMemorySyncQueue implements SyncQueue, SyncJobSource {
  readonly deadLetters: { readonly job: SyncJob; readonly reason: string }[] = [];
  private readonly entries: Entry[] = [];
  private readonly realms = new Map<RealmId, RealmRow>();
  private seq = 0;
  private takes = 0;
  private unavailable = 0;

  /** The next `n` calls fail with `queue.unavailable`. */
  failNext(n = 1): void {
    this.unavailable += n;
  }

  enqueue(jobs: readonly SyncJob[]): ResultAsync<void, SyncQueueError> {
    if (this.consumeFailure()) return errAsync(this.down());
    for (const job of jobs) {
      if (this.entries.some((e) => keyOf(e.job) === keyOf(job))) continue;
      this.seq += 1;
      this.entries.push({ job, seq: this.seq, deliveries: 0, notBefore: Number.NEGATIVE_INFINITY, leaseId: null });
    }
    return okAsync(undefined);
  }

  take(holder: string, now: Instant): ResultAsync<RealmLease | null, SyncQueueError> {
    if (this.consumeFailure()) return errAsync(this.down());
    this.sweepTooManyDeliveries(now);
    const candidates = [...new Set(this.entries.map((e) => e.job.realmId))]
      .filter((realmId) => !this.isLeased(realmId, now))
      .map((realmId) => ({ realmId, ready: this.readyJobs(realmId, now) }))
      .filter((c) => c.ready.length > 0)
      .sort(
        (a, b) =>
          (this.realms.get(a.realmId)?.servedAt ?? 0) - (this.realms.get(b.realmId)?.servedAt ?? 0) ||
          Math.min(...a.ready.map((e) => e.seq)) - Math.min(...b.ready.map((e) => e.seq)),
      );
    const chosen = candidates[0];
    if (chosen === undefined) return okAsync(null);
    this.takes += 1;
    const leaseId = `lease-${this.takes}`;
    const expiresAt = now + REALM_LEASE_MS;
    this.realms.set(chosen.realmId, { leaseId, holder, expiresAt, servedAt: this.takes });
    const batch = chosen.ready.slice(0, MAX_JOBS_PER_LEASE);
    for (const e of batch) {
      e.leaseId = leaseId;
      e.deliveries += 1;
    }
    return okAsync({
      leaseId,
      realmId: chosen.realmId,
      holder,
      expiresAt,
      jobs: batch.map((e) => ({ job: e.job, deliveries: e.deliveries - 1 })),
    });
  }

  takeMore(lease: RealmLease, now: Instant, max = MAX_JOBS_PER_LEASE): ResultAsync<readonly LeasedJob[], LeaseError> {
    if (this.consumeFailure()) return errAsync(this.down());
    if (this.realms.get(lease.realmId)?.leaseId !== lease.leaseId || !this.isLeased(lease.realmId, now)) return errAsync(this.lost(lease));
    const handed: LeasedJob[] = [];
    // Another realm's turn comes first: the holder finishes what it has and releases.
    if (
      this.entries.some(
        (e) => e.job.realmId !== lease.realmId && !this.isLeased(e.job.realmId, now) && this.readyJobs(e.job.realmId, now).length > 0,
      )
    )
      return okAsync(handed);
    // A job still marked with an older, expired lease of the realm is free again.
    for (const e of this.readyJobs(lease.realmId, now, (r) => r.leaseId !== lease.leaseId)) {
      if (handed.length >= Math.min(max, MAX_JOBS_PER_LEASE)) break;
      if (e.deliveries >= MAX_DELIVERIES) {
        this.remove(e);
        this.deadLetters.push({ job: e.job, reason: TOO_MANY_DELIVERIES });
        continue;
      }
      e.leaseId = lease.leaseId;
      e.deliveries += 1;
      handed.push({ job: e.job, deliveries: e.deliveries - 1 });
    }
    return okAsync(handed);
  }

  renew(lease: RealmLease, now: Instant): ResultAsync<RealmLease, LeaseError> {
    if (this.consumeFailure()) return errAsync(this.down());
    const row = this.realms.get(lease.realmId);
    if (row?.leaseId !== lease.leaseId) return errAsync(this.lost(lease));
    row.expiresAt = now + REALM_LEASE_MS;
    return okAsync({ ...lease, expiresAt: row.expiresAt });
  }

  complete(lease: RealmLease, jobId: string): ResultAsync<void, LeaseError> {
    return this.underLease(lease, jobId, (entry) => this.remove(entry));
  }

  retryLater(lease: RealmLease, jobId: string, notBefore: Instant): ResultAsync<void, LeaseError> {
    return this.underLease(lease, jobId, (entry) => {
      entry.leaseId = null;
      entry.notBefore = notBefore;
    });
  }

  deadLetter(lease: RealmLease, jobId: string, reason: string): ResultAsync<void, LeaseError> {
    return this.underLease(lease, jobId, (entry) => {
      this.remove(entry);
      this.deadLetters.push({ job: entry.job, reason });
    });
  }

  release(lease: RealmLease): ResultAsync<void, LeaseError> {
    if (this.consumeFailure()) return errAsync(this.down());
    const row = this.realms.get(lease.realmId);
    if (row?.leaseId !== lease.leaseId) return errAsync(this.lost(lease));
    row.leaseId = null;
    for (const e of this.entries) {
      if (e.leaseId !== lease.leaseId) continue;
      e.leaseId = null;
      e.deliveries -= 1;
    }
    return okAsync(undefined);
  }

  nextDueAt(): ResultAsync<Instant | null, SyncQueueError> {
    if (this.consumeFailure()) return errAsync(this.down());
    const due = this.entries
      .filter((e) => !this.waitsForAnother(e))
      .map((e) => {
        const row = this.realms.get(e.job.realmId);
        return Math.max(e.notBefore, row?.leaseId === null || row === undefined ? Number.NEGATIVE_INFINITY : row.expiresAt);
      });
    return okAsync(due.length === 0 ? null : Math.min(...due));
  }

  /** Every live lease expires now, as when the workers holding them crashed. */
  abandonLeases(): void {
    for (const row of this.realms.values()) row.expiresAt = Number.NEGATIVE_INFINITY;
  }

  /** @returns the jobs still queued or leased, in enqueue order */
  jobs(): readonly SyncJob[] {
    return this.entries.map((e) => e.job);
  }

  private isLeased(realmId: RealmId, now: Instant): boolean {
    const row = this.realms.get(realmId);
    return row !== undefined && row.leaseId !== null && row.expiresAt > now;
  }

  /** A job leased under a lease that is no longer the realm's live one is free again. */
  private isFree(e: Entry, now: Instant): boolean {
    return e.leaseId === null || !this.isLeased(e.job.realmId, now);
  }

  private waitsForAnother(e: Entry): boolean {
    const after = e.job.after;
    return after !== undefined && this.entries.some((d) => d.job.accountId === e.job.accountId && d.job.documentId === after);
  }

  /** The lane a job runs in: its own, or that of its most urgent dependent if more urgent. */
  private laneFor(e: Entry): number {
    const dependents = this.entries.filter((d) => d.job.accountId === e.job.accountId && d.job.after === e.job.documentId);
    return Math.min(laneOf(e.job), ...dependents.map((d) => laneOf(d.job)));
  }

  private readyJobs(realmId: RealmId, now: Instant, free = (e: Entry): boolean => this.isFree(e, now)): Entry[] {
    return this.entries
      .filter((e) => e.job.realmId === realmId && free(e) && e.notBefore <= now && !this.waitsForAnother(e))
      .sort((a, b) => this.laneFor(a) - this.laneFor(b) || a.seq - b.seq);
  }

  private sweepTooManyDeliveries(now: Instant): void {
    for (const e of [...this.entries]) {
      if (e.deliveries >= MAX_DELIVERIES && this.isFree(e, now) && e.notBefore <= now) {
        this.remove(e);
        this.deadLetters.push({ job: e.job, reason: TOO_MANY_DELIVERIES });
      }
    }
  }

  private underLease(lease: RealmLease, jobId: string, change: (entry: Entry) => void): ResultAsync<void, LeaseError> {
    if (this.consumeFailure()) return errAsync(this.down());
    const entry = this.entries.find((e) => e.job.jobId === jobId);
    if (entry === undefined || entry.leaseId !== lease.leaseId || this.realms.get(lease.realmId)?.leaseId !== lease.leaseId) {
      return errAsync(this.lost(lease));
    }
    change(entry);
    return okAsync(undefined);
  }

  private remove(entry: Entry): void {
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  private lost(lease: RealmLease): LeaseError {
    return { kind: 'queue.lease-lost', realmId: lease.realmId, leaseId: lease.leaseId };
  }

  private down(): SyncQueueError {
    return { kind: 'queue.unavailable', detail: 'the queue did not answer' };
  }

  private consumeFailure(): boolean {
    if (this.unavailable === 0) return false;
    this.unavailable -= 1;
    return true;
  }
}
