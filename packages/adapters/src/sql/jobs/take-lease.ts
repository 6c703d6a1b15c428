import { MAX_DELIVERIES, MAX_JOBS_PER_LEASE, REALM_LEASE_MS, TOO_MANY_DELIVERIES } from '@ogustine-qbo/domain';
import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import type { Database } from '../schema.js';
import { readyBatch, readyJobs, type JobRow } from './ready-jobs.js';

export interface TakenLease {
  readonly leaseId: string;
  readonly realmId: string;
  readonly expiresAt: number;
  /** Each with `deliveries` as it was before this take. */
  readonly jobs: readonly JobRow[];
}

/**
 * The steps of `take`, inside one write transaction:
 * 1. jobs handed out `MAX_DELIVERIES` times and free again go to the dead letters;
 * 2. the realm to serve (`pickRealm`): no live lease, a ready job, served longest ago. On MariaDB its
 *    lease row is locked with `SKIP LOCKED`, so a second worker passes over it rather than waiting,
 *    and calls under the old lease (which lock the same row) wait or see the new lease;
 * 3. the lease row takes the new lease id, holder, expiry and the next turn number;
 * 4. up to `MAX_JOBS_PER_LEASE` ready jobs are marked with the lease and counted as delivered.
 * @returns the lease, or undefined when no realm has a ready job
 */
export const takeLease = async (
  trx: Kysely<Database>,
  engine: Engine,
  request: { readonly leaseId: string; readonly holder: string; readonly now: number; readonly deadAt: number },
): Promise<TakenLease | undefined> => {
  const { leaseId, holder, now, deadAt } = request;
  await sweepTooManyDeliveries(trx, now, deadAt);
  const realm = await pickRealm(trx, engine, now);
  if (realm === undefined) return undefined;

  const turn = await trx
    .selectFrom('sync_realm')
    .select((eb) => eb.fn.max('served_seq').as('last'))
    .executeTakeFirst();
  const expiresAt = now + REALM_LEASE_MS;
  await trx
    .updateTable('sync_realm')
    .set({ lease_id: leaseId, holder, expires_at: expiresAt, served_seq: Number(turn?.last ?? 0) + 1 })
    .where('realm_id', '=', realm.realm_id)
    .execute();
  const jobs = await readyBatch(trx, realm.realm_id, now, MAX_JOBS_PER_LEASE);
  await handOut(trx, jobs, leaseId);
  return { leaseId, realmId: realm.realm_id, expiresAt, jobs };
};

/** Marks the jobs as handed out under the lease, a delivery counted each. */
export const handOut = async (trx: Kysely<Database>, jobs: readonly JobRow[], leaseId: string): Promise<void> => {
  if (jobs.length > 0)
    await trx
      .updateTable('sync_job')
      .set((eb) => ({ deliveries: eb('deliveries', '+', 1), lease_id: leaseId }))
      .where(
        'seq',
        'in',
        jobs.map((j) => j.seq),
      )
      .execute();
};

/**
 * The realm to serve: no live lease, a ready job, the lowest turn number (served longest ago), ties
 * broken by the oldest ready job. Walked realm by realm in turn order, one index look-up each
 * (MariaDB turns an EXISTS over the job table into a scan of the whole table), stopping once a
 * realm with a ready job is found and the realms of its turn are compared. On MariaDB the chosen
 * row is then locked with `SKIP LOCKED`: if another worker is taking it, the next realm is chosen.
 */
const pickRealm = async (trx: Kysely<Database>, engine: Engine, now: number): Promise<{ realm_id: string } | undefined> => {
  const free = await trx
    .selectFrom('sync_realm')
    .select(['realm_id', 'served_seq'])
    .where((eb) => eb.or([eb('lease_id', 'is', null), eb('expires_at', '<=', now)]))
    .orderBy('served_seq')
    .orderBy('realm_id')
    .execute();
  const passedOver = new Set<string>();
  for (let attempt = 0; attempt < free.length; attempt += 1) {
    let best: { realmId: string; turn: number; oldest: number } | undefined;
    for (const realm of free) {
      if (passedOver.has(realm.realm_id)) continue;
      if (best !== undefined && Number(realm.served_seq) > best.turn) break;
      const oldest = await oldestReady(trx, realm.realm_id, now);
      if (oldest !== undefined && (best === undefined || oldest < best.oldest))
        best = { realmId: realm.realm_id, turn: Number(realm.served_seq), oldest };
    }
    if (best === undefined) return undefined;
    if (engine === 'sqlite') return { realm_id: best.realmId };
    const locked = await trx
      .selectFrom('sync_realm')
      .select('realm_id')
      .where('realm_id', '=', best.realmId)
      .where((eb) => eb.or([eb('lease_id', 'is', null), eb('expires_at', '<=', now)]))
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (locked !== undefined) return locked;
    passedOver.add(best.realmId);
  }
  return undefined;
};

/** Whether a realm other than `realmId`, with no live lease, has a ready job (its turn comes before more of `realmId`). */
export const anotherRealmWaits = async (trx: Kysely<Database>, realmId: string, now: number): Promise<boolean> => {
  const free = await trx
    .selectFrom('sync_realm')
    .select('realm_id')
    .where('realm_id', '<>', realmId)
    .where((eb) => eb.or([eb('lease_id', 'is', null), eb('expires_at', '<=', now)]))
    .orderBy('served_seq')
    .execute();
  for (const realm of free) if ((await oldestReady(trx, realm.realm_id, now)) !== undefined) return true;
  return false;
};

/** The seq of the realm's oldest ready job, walking its jobs in enqueue order (index realm_id, seq) until one is ready. */
const oldestReady = async (trx: Kysely<Database>, realmId: string, now: number): Promise<number | undefined> => {
  const row = await readyJobs(trx, now).select('j.seq').where('j.realm_id', '=', realmId).orderBy('j.seq').limit(1).executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
};

/** A job that kills its worker every time (or never succeeds) cannot hold its realm forever. */
const sweepTooManyDeliveries = async (trx: Kysely<Database>, now: number, deadAt: number): Promise<void> => {
  const tired = await trx
    .selectFrom('sync_job as j')
    .leftJoin('sync_realm as r', 'r.realm_id', 'j.realm_id')
    .selectAll('j')
    .where('j.deliveries', '>=', MAX_DELIVERIES)
    .where('j.not_before', '<=', now)
    .where((eb) => eb.or([eb('j.lease_id', 'is', null), eb('r.lease_id', 'is', null), eb('r.expires_at', '<=', now)]))
    .execute();
  for (const job of tired) await moveToDeadLetters(trx, job, TOO_MANY_DELIVERIES, deadAt);
};

export const moveToDeadLetters = async (trx: Kysely<Database>, job: JobRow, reason: string, deadAt: number): Promise<void> => {
  await trx
    .insertInto('sync_job_dead')
    .values({
      job_id: job.job_id,
      account_id: job.account_id,
      realm_id: job.realm_id,
      document_id: job.document_id,
      reason: job.reason,
      after_document_id: job.after_document_id,
      run_id: job.run_id,
      deliveries: job.deliveries,
      dead_reason: reason,
      dead_at: deadAt,
    })
    .execute();
  await trx.deleteFrom('sync_job').where('seq', '=', job.seq).execute();
};
