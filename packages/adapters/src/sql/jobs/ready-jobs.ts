import type { ExpressionBuilder, Expression, Kysely, Selectable, SqlBool } from 'kysely';
import type { Database, SyncJobTable } from '../schema.js';

export type JobRow = Selectable<SyncJobTable>;

type WithJob = Database & { j: SyncJobTable };

/**
 * A job `j` is ready at `now` when its time has come and its `after` document, if any, has no
 * unfinished job.
 */
export const isReady = (eb: ExpressionBuilder<WithJob, 'j'>, now: number): Expression<SqlBool> =>
  eb.and([eb('j.not_before', '<=', now), waitsForNothing(eb)]);

/** Job `j` has no `after` document, or that document has no unfinished job. */
export const waitsForNothing = (eb: ExpressionBuilder<WithJob, 'j'>): Expression<SqlBool> =>
  eb.or([
    eb('j.after_document_id', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('sync_job as w')
          .select('w.seq')
          .whereRef('w.account_id', '=', 'j.account_id')
          .whereRef('w.document_id', '=', 'j.after_document_id'),
      ),
    ),
  ]);

/** Job `j` is not handed out under lease `leaseId` (a job marked with an older, expired lease is free again). */
const notInHand = (eb: ExpressionBuilder<WithJob, 'j'>, leaseId: string): Expression<SqlBool> =>
  eb.or([eb('j.lease_id', 'is', null), eb('j.lease_id', '<>', leaseId)]);

/**
 * Up to `max` ready jobs of a realm, in the order to run them: by lane, a job that others wait for
 * taking the lane of its most urgent dependent, then by enqueue order. Read as the first `max` ready
 * jobs by (lane, seq) from the index, plus the ready jobs others wait for (the only ones whose lane
 * can move up), sorted together here. With `inHand`, the jobs already handed out under that lease are passed over.
 */
export const readyBatch = async (
  trx: Kysely<Database>,
  realmId: string,
  now: number,
  max: number,
  inHand?: string,
): Promise<readonly JobRow[]> => {
  const inOrder = await trx
    .selectFrom('sync_job as j')
    .selectAll('j')
    .where('j.realm_id', '=', realmId)
    .where((eb) => isReady(eb, now))
    .$if(inHand !== undefined, (q) => q.where((eb) => notInHand(eb, inHand ?? '')))
    .orderBy('j.lane')
    .orderBy('j.seq')
    .limit(max)
    .execute();
  const dependents = await trx
    .selectFrom('sync_job')
    .select(['account_id', 'after_document_id', 'lane'])
    .where('realm_id', '=', realmId)
    .where('after_document_id', 'is not', null)
    .execute();
  const urgency = new Map<string, number>();
  for (const d of dependents) {
    const key = `${d.account_id}\u0000${d.after_document_id ?? ''}`;
    urgency.set(key, Math.min(urgency.get(key) ?? Number.POSITIVE_INFINITY, d.lane));
  }
  const awaited =
    urgency.size === 0
      ? []
      : await trx
          .selectFrom('sync_job as j')
          .selectAll('j')
          .where('j.realm_id', '=', realmId)
          .where('j.document_id', 'in', [...new Set(dependents.map((d) => d.after_document_id ?? ''))])
          .where((eb) => isReady(eb, now))
          .$if(inHand !== undefined, (q) => q.where((eb) => notInHand(eb, inHand ?? '')))
          .execute();
  const laneFor = (job: JobRow): number => Math.min(job.lane, urgency.get(`${job.account_id}\u0000${job.document_id}`) ?? job.lane);
  const bySeq = new Map<number, JobRow>();
  for (const job of [...inOrder, ...awaited]) bySeq.set(job.seq, job);
  return [...bySeq.values()].sort((a, b) => laneFor(a) - laneFor(b) || a.seq - b.seq).slice(0, max);
};
