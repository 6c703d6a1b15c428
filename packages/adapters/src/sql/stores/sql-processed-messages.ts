import type { ProcessedMessages, StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { chunksOf } from '../chunks.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';
import { writeTransaction } from '../write-transaction.js';

/** Message ids in `processed_message`; the primary key makes remembering twice a no-op. */
export class SqlProcessedMessages implements ProcessedMessages {
  constructor(private readonly database: SqlDatabase) {}

  has(messageId: string): ResultAsync<boolean, StoreError> {
    return storeCall(async () => {
      const row = await this.database.db
        .selectFrom('processed_message')
        .select('message_id')
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  remember(messageId: string, at: number): ResultAsync<void, StoreError> {
    return storeCall(() => upsert(this.database, 'processed_message', { message_id: messageId, processed_at: at }, ['message_id'], {}));
  }

  knownAmong(messageIds: readonly string[]): ResultAsync<ReadonlySet<string>, StoreError> {
    return storeCall(async () => {
      const known = new Set<string>();
      for (const ids of chunksOf([...new Set(messageIds)])) {
        const rows = await this.database.db.selectFrom('processed_message').select('message_id').where('message_id', 'in', ids).execute();
        for (const row of rows) known.add(row.message_id);
      }
      return known;
    });
  }

  rememberAll(messageIds: readonly string[], at: number): ResultAsync<void, StoreError> {
    const ids = [...new Set(messageIds)];
    if (ids.length === 0) return storeCall(async () => undefined);
    // One transaction: all or none, one commit for the group.
    return storeCall(() => writeTransaction(this.database, (trx) => insertMessageIds({ ...this.database, db: trx }, ids, at)));
  }
}

/** `rememberAll`'s writes, inside a transaction of the caller's (the receipt of a group of documents writes them with the documents). */
export const insertMessageIds = async (database: SqlDatabase, messageIds: readonly string[], at: number): Promise<void> => {
  for (const chunk of chunksOf([...new Set(messageIds)]))
    await upsert(
      database,
      'processed_message',
      chunk.map((id) => ({ message_id: id, processed_at: at })),
      ['message_id'],
      {},
    );
};
