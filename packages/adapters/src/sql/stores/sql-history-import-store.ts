import type { AccountId, HistoryImport, HistoryImportStore, StoreError } from '@ogustine-qbo/domain';
import { ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { ConflictError, storeCall } from '../sql-errors.js';

type Body = Omit<HistoryImport, 'accountId' | 'version'>;

/**
 * Each account's history import in `history_import`, one JSON body per account, read and written
 * whole. `save` is a compare-and-set in one statement: an INSERT for version 0 (the primary key
 * refuses a second start), else an UPDATE guarded by the version read.
 */
export class SqlHistoryImportStore implements HistoryImportStore {
  constructor(private readonly database: SqlDatabase) {}

  get(accountId: AccountId): ResultAsync<HistoryImport | null, StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('history_import').select(['body', 'version']).where('account_id', '=', accountId).executeTakeFirst(),
    ).andThen((row) =>
      row === undefined
        ? ok(null)
        : fromJson<Body>(row.body, 'history import').map((body): HistoryImport => ({ accountId, ...body, version: Number(row.version) })),
    );
  }

  save(record: HistoryImport): ResultAsync<HistoryImport, StoreError> {
    const { accountId, version, ...body } = record;
    const saved: HistoryImport = { ...record, version: version + 1 };
    return storeCall(async () => {
      if (version === 0) {
        await this.database.db
          .insertInto('history_import')
          .values({ account_id: accountId, body: toJson(body), version: 1 })
          .execute();
        return saved;
      }
      const updated = await this.database.db
        .updateTable('history_import')
        .set({ body: toJson(body), version: version + 1 })
        .where('account_id', '=', accountId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n)
        throw new ConflictError(`the history import of account ${accountId} is no longer at version ${version}`);
      return saved;
    });
  }
}
