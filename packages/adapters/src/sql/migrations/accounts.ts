import type { Migration } from 'kysely';
import { createIndex, createTable, id, jsonText, shortText } from './ddl.js';

// Connections, settings, OAuth states and processed message ids: one row per account or per key.

export const accountMigrations: Record<string, Migration> = {
  '0001-connection': {
    up: (db) =>
      createTable(db, 'connection')
        .addColumn('account_id', id, (c) => c.primaryKey())
        .addColumn('realm_id', id, (c) => c.notNull())
        .addColumn('status', shortText, (c) => c.notNull())
        .addColumn('connected_at', 'bigint', (c) => c.notNull())
        .addColumn('access_token_key_id', id, (c) => c.notNull())
        .addColumn('access_token', 'text', (c) => c.notNull())
        .addColumn('access_token_expires_at', 'bigint', (c) => c.notNull())
        .addColumn('refresh_token_key_id', id, (c) => c.notNull())
        .addColumn('refresh_token', 'text', (c) => c.notNull())
        .addColumn('refresh_token_expires_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute(),
  },
  // One realm belongs to one account at a time: QBO's webhooks and the worker find the account by realm.
  '0002-connection-by-realm': { up: (db) => createIndex(db, 'connection_realm', 'connection', ['realm_id'], true) },
  '0003-account-settings': {
    up: (db) =>
      createTable(db, 'account_settings')
        .addColumn('account_id', id, (c) => c.primaryKey())
        .addColumn('body', jsonText, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute(),
  },
  '0004-authorization-state': {
    up: (db) =>
      createTable(db, 'authorization_state')
        .addColumn('state', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('account_id', id, (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // Expired states are swept by time.
  '0005-authorization-state-by-expiry': {
    up: (db) => createIndex(db, 'authorization_state_expiry', 'authorization_state', ['expires_at']),
  },
  '0006-processed-message': {
    up: (db) =>
      createTable(db, 'processed_message')
        .addColumn('message_id', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('processed_at', 'bigint', (c) => c.notNull())
        .execute(),
  },
  // The keep-alive finds the connections whose refresh token expires soon.
  '0008-connection-by-refresh-expiry': {
    up: (db) => createIndex(db, 'connection_refresh_expiry', 'connection', ['status', 'refresh_token_expires_at']),
  },
  // The company profile read from QBO, shared by every process; one row per realm.
  '0007-company-profile': {
    up: (db) =>
      createTable(db, 'company_profile')
        .addColumn('realm_id', id, (c) => c.primaryKey())
        .addColumn('profile', jsonText, (c) => c.notNull())
        .addColumn('read_at', 'bigint', (c) => c.notNull())
        .execute(),
  },
};
