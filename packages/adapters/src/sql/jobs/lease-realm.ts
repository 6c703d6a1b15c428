import type { Kysely, Selectable } from 'kysely';
import type { Engine } from '../database.js';
import type { Database, SyncJobTable } from '../schema.js';

export type JobRow = Selectable<SyncJobTable>;

/** A realm handed to one worker until `until`, with its due jobs in order. */
export interface RealmLeaseRows {
  readonly token: string;
  readonly realmId: string;
  readonly until: number;
  /** Each with `attempts` as it was before this lease (how many times it was handed out before). */
  readonly jobs: readonly JobRow[];
}

/**
 * Inside a write transaction: picks the realm served longest ago among those with a due job, no
 * unexpired lease and no pause, leases it to `token` and hands out up to `max` of its due jobs
 * (priority, then enqueue order). Fairness comes from the order of realms: a realm just served goes
 * behind every realm waiting, however many jobs it still holds. On MariaDB the realm row is locked
 * with `SKIP LOCKED`, so a second worker passes over a realm being leased instead of waiting for it.
 * @returns the lease, or undefined when no realm can be served now
 */
export const leaseRealm = async (
  trx: Kysely<Database>,
  engine: Engine,
  request: { readonly now: number; readonly token: string; readonly durationMs: number; readonly max: number },
): Promise<RealmLeaseRows | undefined> => {
  const { now, token, durationMs, max } = request;
  const realm = await trx
    .selectFrom('sync_realm as r')
    .select('r.realm_id')
    .where('r.lease_until', '<=', now)
    .where('r.not_before', '<=', now)
    .where((eb) =>
      eb.exists(eb.selectFrom('sync_job as j').select('j.seq').whereRef('j.realm_id', '=', 'r.realm_id').where('j.due_at', '<=', now)),
    )
    .orderBy('r.last_leased_at')
    .orderBy('r.realm_id')
    .limit(1)
    .$if(engine === 'mysql', (q) => q.forUpdate().skipLocked())
    .executeTakeFirst();
  if (realm === undefined) return undefined;
  const until = now + durationMs;
  await trx
    .updateTable('sync_realm')
    .set({ lease_owner: token, lease_until: until, last_leased_at: now })
    .where('realm_id', '=', realm.realm_id)
    .execute();
  const jobs = await trx
    .selectFrom('sync_job')
    .selectAll()
    .where('realm_id', '=', realm.realm_id)
    .where('due_at', '<=', now)
    .orderBy('priority')
    .orderBy('seq')
    .limit(max)
    .execute();
  await trx
    .updateTable('sync_job')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_token: token }))
    .where(
      'seq',
      'in',
      jobs.map((j) => j.seq),
    )
    .execute();
  return { token, realmId: realm.realm_id, until, jobs };
};
