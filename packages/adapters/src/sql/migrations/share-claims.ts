import type { Migration } from 'kysely';
import { createTable, id } from './ddl.js';

// The HTTP app's claims on its share of each realm's QBO allowance (`QboShareClaims`): one row per realm.

export const shareClaimMigrations: Record<string, Migration> = {
  '0701-qbo-share-claim': {
    up: (db) =>
      createTable(db, 'qbo_share_claim')
        .addColumn('realm_id', id, (c) => c.primaryKey())
        .addColumn('active_until', 'bigint', (c) => c.notNull())
        .execute(),
  },
};
