import { laneOf, type SyncJob, type SyncJobReason } from '@ogustine-qbo/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Documents looked up per statement. */
const CHUNK = 500;

/**
 * Moves each job that others wait for (`after`) up to the lane of its most urgent dependent (ADR
 * 0004) in the stored `lane`, so that a take reads a realm's ready jobs in one walk of the index
 * (realm, lane, seq) rather than every credit note of the realm waiting for its invoice. Called in
 * the enqueue's transaction with the jobs it was given: their `after` documents may have a more
 * urgent dependent now, and their own documents may be awaited by jobs queued before them. Reads the
 * dependents of those documents only (index realm, after_document_id): a few rows per job. A lane
 * only ever moves up, and a dependent never finishes before the job it waits for.
 */
export const promoteAwaited = async (trx: Kysely<Database>, jobs: readonly SyncJob[]): Promise<void> => {
  const groups = new Map<string, { realmId: string; accountId: string; documents: Set<string> }>();
  for (const job of jobs) {
    const key = JSON.stringify([job.realmId, job.accountId]);
    const group = groups.get(key) ?? { realmId: job.realmId, accountId: job.accountId, documents: new Set<string>() };
    groups.set(key, group);
    group.documents.add(job.documentId);
    if (job.after !== undefined) group.documents.add(job.after);
  }
  for (const { realmId, accountId, documents } of groups.values()) {
    const all = [...documents];
    for (let start = 0; start < all.length; start += CHUNK) {
      const dependents = await trx
        .selectFrom('sync_job')
        .select(['after_document_id', 'reason'])
        .where('realm_id', '=', realmId)
        .where('after_document_id', 'in', all.slice(start, start + CHUNK))
        .where('account_id', '=', accountId)
        .execute();
      const urgency = new Map<string, number>();
      for (const d of dependents) {
        const awaited = d.after_document_id ?? '';
        urgency.set(
          awaited,
          Math.min(urgency.get(awaited) ?? Number.POSITIVE_INFINITY, laneOf({ reason: d.reason as SyncJobReason, after: awaited })),
        );
      }
      const byLane = new Map<number, string[]>();
      for (const [awaited, lane] of urgency) byLane.set(lane, [...(byLane.get(lane) ?? []), awaited]);
      for (const [lane, awaited] of byLane)
        await trx
          .updateTable('sync_job')
          .set({ lane })
          .where('account_id', '=', accountId)
          .where('document_id', 'in', awaited)
          .where('lane', '>', lane)
          .execute();
    }
  }
};
