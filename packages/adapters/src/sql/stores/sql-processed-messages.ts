import type { ProcessedMessages, StoreError } from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { SqlDatabase } from '../database.js';
import { storeCall } from '../sql-errors.js';
import { upsert } from '../upsert.js';

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
}
