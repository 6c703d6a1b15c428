// The SQL adapters: one schema and the same code on MariaDB/MySQL (production) and SQLite (embedded).
export * from './database-url.js';
export * from './database.js';
export * from './migrate.js';
export * from './schema.js';
export * from './stores/token-cipher.js';
export * from './stores/sql-connection-store.js';
export * from './stores/sql-authorization-states.js';
export * from './stores/sql-processed-messages.js';
export * from './stores/sql-mapping-store.js';
export * from './stores/sql-company-profile-cache.js';
export * from './stores/sql-document-store.js';
export * from './stores/sql-sync-record-store.js';
export * from './stores/sql-settings-store.js';
export * from './stores/sql-history-import-store.js';
export * from './stores/sql-error-history-store.js';
export * from './stores/sql-run-store.js';
export * from './jobs/sql-sync-queue.js';
