import { REALM_LEASE_MS, type Instant, type StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';

/** Counts above this are reported as this: a scrape never counts a huge table row by row. */
export const QUEUE_DEPTH_CAP = 100_000;

/** The job table as operators watch it. */
export interface QueueDepth {
  /** Queued, due now, not handed out. */
  readonly due: number;
  /** Queued, waiting for their retry time. */
  readonly waiting: number;
  /** Handed out under a lease. */
  readonly leased: number;
  /** Dead letters (`sync_job_dead`), for an operator to look at. */
  readonly dead: number;
  /** Realms whose lease expired unreleased (a worker that died): handed out again at the next take. */
  readonly expiredLeases: number;
  /** Time since the least recently taken or renewed live lease was; null when no lease lives. */
  readonly oldestLeaseAgeMs: number | null;
}

/**
 * One look at the job table for the metrics: counts capped at `QUEUE_DEPTH_CAP` (a sub-select with a
 * limit), and the leases from `sync_realm` (one row per realm). Reads only.
 * @returns ok(depth)
 * @returns err(store.unavailable) if the database fails
 */
export const readQueueDepth = (database: SqlDatabase, now: Instant): ResultAsync<QueueDepth, StoreError> =>
  storeCall(async () => {
    const { db } = database;
    const jobs = () => db.selectFrom('sync_job').select('seq');
    const capped = async (rows: ReturnType<typeof jobs>): Promise<number> => {
      const row = await db
        .selectFrom(rows.limit(QUEUE_DEPTH_CAP).as('t'))
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const due = await capped(jobs().where('lease_id', 'is', null).where('not_before', '<=', now));
    const waiting = await capped(jobs().where('lease_id', 'is', null).where('not_before', '>', now));
    const leased = await capped(jobs().where('lease_id', 'is not', null));
    const deadRow = await db
      .selectFrom(db.selectFrom('sync_job_dead').select('job_id').limit(QUEUE_DEPTH_CAP).as('t'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const leases = await db
      .selectFrom('sync_realm')
      .select((eb) => [eb.fn.min<number | string | null>('expires_at').as('oldest'), eb.fn.countAll<number | string>().as('live')])
      .where('lease_id', 'is not', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    const expired = await db
      .selectFrom('sync_realm')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('lease_id', 'is not', null)
      .where('expires_at', '<=', now)
      .executeTakeFirstOrThrow();
    const oldest = leases.oldest === null ? null : Number(leases.oldest);
    return {
      due,
      waiting,
      leased,
      dead: Number(deadRow.n),
      expiredLeases: Number(expired.n),
      // A lease lives REALM_LEASE_MS from its take or its last renewal.
      oldestLeaseAgeMs: oldest === null || Number(leases.live) === 0 ? null : Math.max(0, now - (oldest - REALM_LEASE_MS)),
    };
  });
