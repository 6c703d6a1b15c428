import type { Kysely, Selectable } from 'kysely';
import type { Database, SyncJobTable } from '../schema.js';

export type JobRow = Selectable<SyncJobTable>;

/**
 * The jobs `j` that wait for no other job: no `after` document, or one with no unfinished job. An
 * anti-join (`LEFT JOIN … IS NULL`) rather than `NOT EXISTS`: MariaDB turns the `NOT EXISTS` into a
 * materialised copy of the whole job table's key (seconds at 100,000 jobs, on every take), while
 * the join looks each `after` document up in the unique key (account, document, reason) as the rows
 * come in index order, and stops at the `LIMIT`.
 */
export const waitingForNothing = (db: Kysely<Database>) =>
  db
    .selectFrom('sync_job as j')
    .leftJoin('sync_job as w', (join) => join.onRef('w.account_id', '=', 'j.account_id').onRef('w.document_id', '=', 'j.after_document_id'))
    .where('w.seq', 'is', null);

/** The jobs `j` ready at `now`: their time has come and they wait for no other job. */
export const readyJobs = (db: Kysely<Database>, now: number) => waitingForNothing(db).where('j.not_before', '<=', now);

/**
 * Up to `max` ready jobs of a realm, in the order to run them: by lane, then by enqueue order, read
 * from the index (realm, lane, seq). The stored lane is already that of a job's most urgent
 * dependent (`promoteAwaited`, at enqueue), so no dependent is read here. With `inHand`, the jobs
 * already handed out under that lease are passed over (a job marked with an older, expired lease is free again).
 */
export const readyBatch = (trx: Kysely<Database>, realmId: string, now: number, max: number, inHand?: string): Promise<JobRow[]> =>
  readyJobs(trx, now)
    .selectAll('j')
    .where('j.realm_id', '=', realmId)
    .$if(inHand !== undefined, (q) => q.where((eb) => eb.or([eb('j.lease_id', 'is', null), eb('j.lease_id', '<>', inHand ?? '')])))
    .orderBy('j.lane')
    .orderBy('j.seq')
    .limit(max)
    .execute();
