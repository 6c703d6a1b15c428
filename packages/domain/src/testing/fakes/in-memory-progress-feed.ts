import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { ProgressFeed, ProgressFeedError, SyncProgressEvent, Unsubscribe } from '../../ports/progress-feed.js';

/** Delivers events synchronously to the subscribers of their account, and keeps them for assertions. */
export class InMemoryProgressFeed implements ProgressFeed {
  readonly published: SyncProgressEvent[] = [];
  private readonly listeners = new Map<AccountId, Set<(event: SyncProgressEvent) => void>>();

  publish(event: SyncProgressEvent): ResultAsync<void, ProgressFeedError> {
    this.published.push(event);
    for (const listener of this.listeners.get(event.accountId) ?? []) {
      try {
        listener(event);
      } catch {
        // One broken screen never stops the others, nor the publisher.
      }
    }
    return okAsync(undefined);
  }

  subscribe(accountId: AccountId, listener: (event: SyncProgressEvent) => void): Unsubscribe {
    const set = this.listeners.get(accountId) ?? new Set();
    set.add(listener);
    this.listeners.set(accountId, set);
    return () => {
      set.delete(listener);
    };
  }

  /** @returns the events of one account, in publication order */
  eventsOf(accountId: AccountId): readonly SyncProgressEvent[] {
    return this.published.filter((e) => e.accountId === accountId);
  }
}
