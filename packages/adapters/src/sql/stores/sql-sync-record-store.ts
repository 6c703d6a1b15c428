import type { AccountId, DocumentId, StoreError, SyncRecord, SyncRecordStore, WriteState } from '@ogustine-qbo/domain';
import type { Selectable } from 'kysely';
import { ok, Result, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { chunksOf } from '../chunks.js';
import { fromJson, toJson } from '../json-column.js';
import type { SyncRecordTable } from '../schema.js';
import { ConflictError, storeCall } from '../sql-errors.js';

type Row = Selectable<SyncRecordTable>;

/**
 * The write protocol's records in `sync_record`, read by key. `save` is a compare-and-set in one statement: an
 * INSERT for version 0 (the primary key refuses a second creation), else an UPDATE guarded by the
 * version read, so of two workers holding the same version exactly one wins.
 */
export class SqlSyncRecordStore implements SyncRecordStore {
  constructor(private readonly database: SqlDatabase) {}

  get(accountId: AccountId, documentId: DocumentId): ResultAsync<SyncRecord | null, StoreError> {
    return storeCall(() =>
      this.database.db
        .selectFrom('sync_record')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('document_id', '=', documentId)
        .executeTakeFirst(),
    ).andThen((row) => (row === undefined ? ok(null) : toRecord(row)));
  }

  getMany(accountId: AccountId, documentIds: readonly DocumentId[]): ResultAsync<ReadonlyMap<DocumentId, SyncRecord>, StoreError> {
    return storeCall(async () => {
      const rows: Row[] = [];
      for (const ids of chunksOf([...new Set(documentIds)]))
        rows.push(
          ...(await this.database.db
            .selectFrom('sync_record')
            .selectAll()
            .where('account_id', '=', accountId)
            .where('document_id', 'in', ids)
            .execute()),
        );
      return rows;
    }).andThen((rows) => Result.combine(rows.map(toRecord)).map((records) => new Map(records.map((r) => [r.documentId, r]))));
  }

  save<R extends SyncRecord>(record: R): ResultAsync<R, StoreError> {
    const saved: R = { ...record, version: record.version + 1 };
    const columns = {
      realm_id: record.realmId,
      type: record.type,
      doc_number: record.docNumber,
      state_kind: record.state.kind,
      state: toJson(record.state),
      generation: record.generation,
      version: saved.version,
    };
    return storeCall(async () => {
      if (record.version === 0) {
        await this.database.db
          .insertInto('sync_record')
          .values({ account_id: record.accountId, document_id: record.documentId, ...columns })
          .execute();
        return saved;
      }
      const updated = await this.database.db
        .updateTable('sync_record')
        .set(columns)
        .where('account_id', '=', record.accountId)
        .where('document_id', '=', record.documentId)
        .where('version', '=', record.version)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n)
        throw new ConflictError(`sync record ${record.documentId} is no longer at version ${record.version}`);
      return saved;
    });
  }
}

const toRecord = (row: Row): Result<SyncRecord, StoreError> =>
  fromJson<WriteState>(row.state, 'write state').map((state) => ({
    accountId: row.account_id,
    documentId: row.document_id,
    realmId: row.realm_id,
    type: row.type as SyncRecord['type'],
    docNumber: row.doc_number,
    state,
    generation: Number(row.generation),
    version: Number(row.version),
  }));
