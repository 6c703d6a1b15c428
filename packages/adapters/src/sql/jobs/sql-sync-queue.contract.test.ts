import { FixedClock, syncQueueContract, syncQueueTakeMoreContract } from '@ogustine-qbo/domain/testing';
import { describe, it } from 'vitest';
import { engines, useMigratedDatabase } from '../testing/test-databases.js';
import { SqlSyncQueue } from './sql-sync-queue.js';

describe.each(engines)('job table on %s', (engine) => {
  const database = useMigratedDatabase(engine);
  describe('SqlSyncQueue satisfies its port contract', () => {
    for (const c of [...syncQueueContract, ...syncQueueTakeMoreContract])
      it(c.name, () => c.run(new SqlSyncQueue(database.current(), new FixedClock(5))));
  });
});
