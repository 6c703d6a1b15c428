import type { AccountId, ProgressFeed, ProgressFeedError, SyncProgressEvent, Unsubscribe } from '@ogustine-qbo/domain';
import { okAsync, type ResultAsync } from 'neverthrow';

type Listener = (event: SyncProgressEvent) => void;

/** Progress events within one process: the worker and the HTTP server of a one-process install share it. */
export class InProcessProgressFeed implements ProgressFeed {
  private readonly listeners = new Map<AccountId, Set<Listener>>();

  publish(event: SyncProgressEvent): ResultAsync<void, ProgressFeedError> {
    for (const listener of [...(this.listeners.get(event.accountId) ?? [])]) {
      try {
        listener(event);
      } catch {
        // One broken screen never stops the others, nor the worker that published.
      }
    }
    return okAsync(undefined);
  }

  subscribe(accountId: AccountId, listener: Listener): Unsubscribe {
    const set = this.listeners.get(accountId) ?? new Set();
    set.add(listener);
    this.listeners.set(accountId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(accountId);
    };
  }
}
