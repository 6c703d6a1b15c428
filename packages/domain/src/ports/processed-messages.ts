import type { ResultAsync } from 'neverthrow';
import type { Instant } from '../shared/time.js';
import type { StoreError } from './store-error.js';

/**
 * The ids of billing-core messages already handled, so a redelivered message is acknowledged without
 * doing its work twice. A message id is remembered only after its work is done: a crash in between
 * means the redelivery does the (idempotent) work again, never that it is skipped.
 */
export interface ProcessedMessages {
  /**
   * @returns ok(true) if this message id was remembered before, ok(false) otherwise
   * @returns err(store.*) if the store fails
   */
  has(messageId: string): ResultAsync<boolean, StoreError>;
  /**
   * Remembers a message id; remembering it again is harmless.
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  remember(messageId: string, at: Instant): ResultAsync<void, StoreError>;
  /**
   * `has` for a group of messages in one read (the worker receives events in groups).
   * @returns ok(the ids among `messageIds` remembered before)
   * @returns err(store.*) if the store fails
   */
  knownAmong(messageIds: readonly string[]): ResultAsync<ReadonlySet<string>, StoreError>;
  /**
   * `remember` for a group of message ids in one write: all of them or none; ids remembered before stay so.
   * @returns ok() once every id is stored
   * @returns err(store.*) if the store fails (then none may be)
   */
  rememberAll(messageIds: readonly string[], at: Instant): ResultAsync<void, StoreError>;
}
