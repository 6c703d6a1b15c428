import { sql } from 'kysely';
import type { SqlDatabase } from '@ogustine-qbo/adapters/sql';

/**
 * When each job was queued, on the database server's wall clock (µs), kept even after the job is
 * done and its row deleted: a trigger on `sync_job` copies every insert into a table of the bench's
 * own. It adds one small insert to the queueing transaction (the figures are slightly pessimistic).
 */
export const watchQueuedJobs = async (database: SqlDatabase) => {
  await sql`CREATE TABLE bench_queued (document_id VARCHAR(191) NOT NULL, queued_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`.execute(
    database.db,
  );
  await sql`CREATE TRIGGER bench_queued_jobs AFTER INSERT ON sync_job FOR EACH ROW INSERT INTO bench_queued (document_id) VALUES (NEW.document_id)`.execute(
    database.db,
  );
  return {
    /** The database server's clock now, ms since the epoch (µs precision). */
    now: async (): Promise<number> => {
      const row = await sql<{ t: string }>`SELECT CAST(UNIX_TIMESTAMP(NOW(6)) AS CHAR) AS t`.execute(database.db);
      return Number(row.rows[0]?.t) * 1000;
    },
    count: async (): Promise<number> => {
      const row = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM bench_queued`.execute(database.db);
      return Number(row.rows[0]?.n ?? 0);
    },
    /** @returns document id → when its first job was queued (ms since the epoch) */
    times: async (): Promise<Map<string, number>> => {
      const rows = await sql<{
        document_id: string;
        t: string;
      }>`SELECT document_id, CAST(UNIX_TIMESTAMP(MIN(queued_at)) AS CHAR) AS t FROM bench_queued GROUP BY document_id`.execute(database.db);
      return new Map(rows.rows.map((r) => [r.document_id, Number(r.t) * 1000]));
    },
  };
};
