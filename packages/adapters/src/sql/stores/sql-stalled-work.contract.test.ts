import { FixedClock, stalledWorkSourceContract } from '@ogustine-qbo/domain/testing';
import { describe, it } from 'vitest';
import { SqlSyncQueue } from '../jobs/sql-sync-queue.js';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlDocumentStore } from './sql-document-store.js';
import { SqlRunStore } from './sql-run-store.js';
import { SqlStalledWork } from './sql-stalled-work.js';
import { SqlSyncRecordStore } from './sql-sync-record-store.js';

// The sweep's reads on each engine, over the rows the real stores and job table write.
describe.each(engines)('the sweep’s reads on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  describe('SqlStalledWork satisfies its port contract', () => {
    for (const c of stalledWorkSourceContract)
      it(c.name, () => {
        const db = database.current();
        return c.run({
          stalled: new SqlStalledWork(db),
          documents: new SqlDocumentStore(db),
          queue: new SqlSyncQueue(db, new FixedClock(5)),
          runs: new SqlRunStore(db),
          records: new SqlSyncRecordStore(db),
        });
      });
  });
});
