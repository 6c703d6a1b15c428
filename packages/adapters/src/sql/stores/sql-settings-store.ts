import type { AccountId, AccountSettings, SettingsStore, StoreError } from '@ogustine-qbo/domain';
import { ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { ConflictError, storeCall } from '../sql-errors.js';

type Body = Omit<AccountSettings, 'accountId' | 'version'>;

/**
 * Settings in `account_settings`, one JSON body per account (the settings change shape often; they
 * are read and written whole). `save` is a compare-and-set in one statement: an INSERT for version 0
 * (the primary key refuses a second creation), else an UPDATE guarded by the version read.
 */
export class SqlSettingsStore implements SettingsStore {
  constructor(private readonly database: SqlDatabase) {}

  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('account_settings').select(['body', 'version']).where('account_id', '=', accountId).executeTakeFirst(),
    ).andThen((row) =>
      row === undefined
        ? ok(null)
        : fromJson<Body>(row.body, 'settings').map((body): AccountSettings => ({ accountId, ...body, version: Number(row.version) })),
    );
  }

  save(settings: AccountSettings): ResultAsync<AccountSettings, StoreError> {
    const { accountId, version, ...body } = settings;
    const saved: AccountSettings = { ...settings, version: version + 1 };
    return storeCall(async () => {
      if (version === 0) {
        await this.database.db
          .insertInto('account_settings')
          .values({ account_id: accountId, body: toJson(body), version: 1 })
          .execute();
        return saved;
      }
      const updated = await this.database.db
        .updateTable('account_settings')
        .set({ body: toJson(body), version: version + 1 })
        .where('account_id', '=', accountId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n)
        throw new ConflictError(`the settings of account ${accountId} are no longer at version ${version}`);
      return saved;
    });
  }
}
