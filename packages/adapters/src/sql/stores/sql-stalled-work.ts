import type {
  Instant,
  Page,
  PageRequest,
  UndecidedDocument,
  RunKind,
  StalledWorkSource,
  StoreError,
  UnsealedRun,
} from '@ogustine-qbo/domain';
import { pageLimit } from '@ogustine-qbo/domain';
import { errAsync, ok, Result, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';
import { storeCall } from '../sql-errors.js';
import { snapshotToDocument } from './sql-document-store.js';

/** A keyset page: rows read one past the limit say whether a next page exists. */
const pageOf = <R, T>(rows: readonly R[], limit: number, item: (row: R) => T, key: (row: R) => (string | number)[]): Page<T> => {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(item), next: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
};

/**
 * The sweep's reads (`StalledWorkSource`): documents never decided by when they were recorded (index
 * `document_received`; the job table's unique key starts with account and document, the sync
 * record's is the two), and the runs never sealed (index `sync_run_unsealed`).
 */
export class SqlStalledWork implements StalledWorkSource {
  constructor(private readonly database: SqlDatabase) {}

  recordedUndecided(from: Instant, before: Instant, request?: PageRequest): ResultAsync<Page<UndecidedDocument>, StoreError> {
    const after = request?.cursor === undefined ? ok(undefined) : decodeCursor(request.cursor, ['n', 's', 's']);
    if (after.isErr()) return errAsync(after.error);
    const limit = pageLimit(request);
    return storeCall(async () => {
      // Anti-joins on the job table's unique key and the sync record's key: the documents with a job
      // or a record are passed over inside the one statement, the window walked by its index.
      let query = this.database.db
        .selectFrom('document')
        .leftJoin('sync_job as j', (join) =>
          join.onRef('j.account_id', '=', 'document.account_id').onRef('j.document_id', '=', 'document.document_id'),
        )
        .leftJoin('sync_record as s', (join) =>
          join.onRef('s.account_id', '=', 'document.account_id').onRef('s.document_id', '=', 'document.document_id'),
        )
        .select(['document.account_id', 'document.document_id', 'document.received_at', 'document.snapshot'])
        .where('document.received_at', '>=', from)
        .where('document.received_at', '<', before)
        .where('document.in_quickbooks', '=', 0)
        .where('j.seq', 'is', null)
        .where('s.document_id', 'is', null);
      const key = after.value;
      if (key !== undefined) {
        const [at, accountId, documentId] = key as [number, string, string];
        query = query.where((eb) =>
          eb.or([
            eb('document.received_at', '>', at),
            eb.and([eb('document.received_at', '=', at), eb('document.account_id', '>', accountId)]),
            eb.and([
              eb('document.received_at', '=', at),
              eb('document.account_id', '=', accountId),
              eb('document.document_id', '>', documentId),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('document.received_at')
        .orderBy('document.account_id')
        .orderBy('document.document_id')
        .limit(limit + 1)
        .execute();
      return pageOf(
        rows,
        limit,
        (r) => r,
        (r) => [Number(r.received_at), r.account_id, r.document_id],
      );
    }).andThen((page) =>
      Result.combine(
        page.items.map((r) => snapshotToDocument(r.snapshot).map((document) => ({ document, recordedAt: Number(r.received_at) }))),
      ).map((items) => ({ items, next: page.next })),
    );
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
