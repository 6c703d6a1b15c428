import type { AccountId, ErrorHistoryStore, ErrorRecord, ErrorStateChange, StoreError, SyncFailureCause } from '@ogustine-qbo/domain';
import type { Selectable } from 'kysely';
import { Result, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import type { ErrorRecordTable } from '../schema.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

type Row = Selectable<ErrorRecordTable>;

/**
 * The error history in `error_record`: never deleted. `put` writes its records in one transaction
 * (all or none), each by (account, id), so a record keeps its place (`seq`) when it changes state.
 */
export class SqlErrorHistoryStore implements ErrorHistoryStore {
  constructor(private readonly database: SqlDatabase) {}

  list(accountId: AccountId): ResultAsync<readonly ErrorRecord[], StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('error_record').selectAll().where('account_id', '=', accountId).orderBy('seq').execute(),
    ).andThen((rows) => Result.combine(rows.map(toRecord)));
  }

  put(records: readonly ErrorRecord[]): ResultAsync<void, StoreError> {
    return storeCall(() =>
      this.database.db.transaction().execute(async (trx) => {
        const database = { ...this.database, db: trx };
        for (const record of records) {
          const { account_id: _a, id: _i, ...changing } = toRow(record);
          await upsert(database, 'error_record', toRow(record), ['account_id', 'id'], changing);
        }
      }),
    );
  }
}

const toRow = (record: ErrorRecord): Omit<Row, 'seq'> => ({
  account_id: record.accountId,
  id: record.id,
  document_id: record.documentId,
  document_kind: record.documentKind ?? null,
  attempt: record.attempt,
  occurred_at: record.occurredAt,
  cause_kind: record.cause.kind,
  cause: toJson(record.cause),
  state: record.state,
  resolved_at: record.resolvedAt ?? null,
  history: toJson(record.history),
});

const toRecord = (row: Row): Result<ErrorRecord, StoreError> =>
  fromJson<SyncFailureCause>(row.cause, 'error cause').andThen((cause) =>
    fromJson<readonly ErrorStateChange[]>(row.history, 'error history').map((history) => ({
      id: row.id,
      accountId: row.account_id,
      documentId: row.document_id,
      ...(row.document_kind === null ? {} : { documentKind: row.document_kind as NonNullable<ErrorRecord['documentKind']> }),
      attempt: Number(row.attempt),
      occurredAt: Number(row.occurred_at),
      cause,
      state: row.state as ErrorRecord['state'],
      ...(row.resolved_at === null ? {} : { resolvedAt: Number(row.resolved_at) }),
      history,
    })),
  );
