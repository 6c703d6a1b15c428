import type {
  AccountId,
  DocumentId,
  Instant,
  Page,
  PageRequest,
  RecordedDocumentRef,
  RunKind,
  StalledWorkSource,
  StoreError,
  UnsealedRun,
} from '@ogustine-qbo/domain';
import { pageLimit } from '@ogustine-qbo/domain';
import { errAsync, ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';
import { storeCall } from '../sql-errors.js';

/** A keyset page: rows read one past the limit say whether a next page exists. */
const pageOf = <R, T>(rows: readonly R[], limit: number, item: (row: R) => T, key: (row: R) => (string | number)[]): Page<T> => {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(item), next: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
};

/**
 * The sweep's reads (`StalledWorkSource`): documents by when they were recorded (index
 * `document_received`), whether a document has a job (the job table's unique key starts with
 * account and document), and the runs never sealed (index `sync_run_unsealed`).
 */
export class SqlStalledWork implements StalledWorkSource {
  constructor(private readonly database: SqlDatabase) {}

  recordedNotInQuickBooks(from: Instant, before: Instant, request?: PageRequest): ResultAsync<Page<RecordedDocumentRef>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n', 's', 's']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    return storeCall(async () => {
      let query = this.database.db
        .selectFrom('document')
        .select(['account_id', 'document_id', 'received_at'])
        .where('received_at', '>=', from)
        .where('received_at', '<', before)
        .where('in_quickbooks', '=', 0);
      const key = after.value;
      if (key !== undefined) {
        const [at, accountId, documentId] = key as [number, string, string];
        query = query.where((eb) =>
          eb.or([
            eb('received_at', '>', at),
            eb.and([eb('received_at', '=', at), eb('account_id', '>', accountId)]),
            eb.and([eb('received_at', '=', at), eb('account_id', '=', accountId), eb('document_id', '>', documentId)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('received_at')
        .orderBy('account_id')
        .orderBy('document_id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows,
        limit,
        (r) => ({ accountId: r.account_id, documentId: r.document_id, recordedAt: Number(r.received_at) }),
        (r) => [Number(r.received_at), r.account_id, r.document_id],
      );
    });
  }

  hasUnfinishedJob(accountId: AccountId, documentId: DocumentId): ResultAsync<boolean, StoreError> {
    return storeCall(async () => {
      const row = await this.database.db
        .selectFrom('sync_job')
        .select('job_id')
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  unsealedRuns(kind: RunKind, before: Instant, request?: PageRequest): ResultAsync<Page<UnsealedRun>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n', 's', 's']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    return storeCall(async () => {
      let query = this.database.db
        .selectFrom('sync_run')
        .select(['account_id', 'run_id', 'started_at'])
        .where('sealed', '=', 0)
        .where('kind', '=', kind)
        .where('started_at', '<', before);
      const key = after.value;
      if (key !== undefined) {
        const [at, accountId, runId] = key as [number, string, string];
        query = query.where((eb) =>
          eb.or([
            eb('started_at', '>', at),
            eb.and([eb('started_at', '=', at), eb('account_id', '>', accountId)]),
            eb.and([eb('started_at', '=', at), eb('account_id', '=', accountId), eb('run_id', '>', runId)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('started_at')
        .orderBy('account_id')
        .orderBy('run_id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows,
        limit,
        (r) => ({ accountId: r.account_id, runId: r.run_id, startedAt: Number(r.started_at) }),
        (r) => [Number(r.started_at), r.account_id, r.run_id],
      );
    });
  }
}
