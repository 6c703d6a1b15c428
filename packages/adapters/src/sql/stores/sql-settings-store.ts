import type { AccountId, AccountSettings, SettingsStore, StoreError } from '@ogustine-qbo/domain';
import { ok, type ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { fromJson, toJson } from '../json-column.js';
import { storeCall } from '../sql-errors.js';
import { bump, upsert } from '../upsert.js';

/**
 * Settings in `account_settings`, one JSON body per account (the settings change shape often; they
 * are read and written whole). `save` is one statement; the row's `version` is bumped by each write,
 * ready for a compare-and-set.
 */
export class SqlSettingsStore implements SettingsStore {
  constructor(private readonly database: SqlDatabase) {}

  get(accountId: AccountId): ResultAsync<AccountSettings | null, StoreError> {
    return storeCall(() =>
      this.database.db.selectFrom('account_settings').select('body').where('account_id', '=', accountId).executeTakeFirst(),
    ).andThen((row) =>
      row === undefined
        ? ok(null)
        : fromJson<Omit<AccountSettings, 'accountId'>>(row.body, 'settings').map((body): AccountSettings => ({ accountId, ...body })),
    );
  }

  save(settings: AccountSettings): ResultAsync<void, StoreError> {
    const { accountId, ...body } = settings;
    return storeCall(() =>
      upsert(this.database, 'account_settings', { account_id: accountId, body: toJson(body), version: 1 }, ['account_id'], {
        body: toJson(body),
        version: bump('version'),
      }),
    );
  }
}
