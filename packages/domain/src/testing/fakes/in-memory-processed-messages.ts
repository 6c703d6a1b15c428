import { okAsync, type ResultAsync } from 'neverthrow';
import type { ProcessedMessages } from '../../ports/processed-messages.js';
import type { StoreError } from '../../ports/store-error.js';

export class InMemoryProcessedMessages implements ProcessedMessages {
  private readonly ids = new Set<string>();

  has(messageId: string): ResultAsync<boolean, StoreError> {
    return okAsync(this.ids.has(messageId));
  }

  remember(messageId: string): ResultAsync<void, StoreError> {
    this.ids.add(messageId);
    return okAsync(undefined);
  }

  knownAmong(messageIds: readonly string[]): ResultAsync<ReadonlySet<string>, StoreError> {
    return okAsync(new Set(messageIds.filter((id) => this.ids.has(id))));
  }

  rememberAll(messageIds: readonly string[]): ResultAsync<void, StoreError> {
    for (const id of messageIds) this.ids.add(id);
    return okAsync(undefined);
  }
}
