import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import type { Instant } from '../shared/time.js';

/** Where a document stands after a sync attempt, as the progress screen shows it. */
export type DocumentProgress = 'sent' | 'failed' | 'uncertain' | 'held';

/** What a realm's sync run tells the screens watching it, in real time. */
export type SyncProgressEvent =
  | {
      readonly kind: 'progress.run-started';
      readonly accountId: AccountId;
      readonly total: number;
      readonly at: Instant;
    }
  | {
      readonly kind: 'progress.document';
      readonly accountId: AccountId;
      readonly documentId: DocumentId;
      readonly status: DocumentProgress;
      readonly at: Instant;
    };

export type ProgressFeedError = { readonly kind: 'progress.unavailable'; readonly detail: string };

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * Fan-out of progress events from workers to HTTP instances (SSE), possibly on other machines.
 * Progress is a courtesy: a lost event never loses a document (the stores hold the truth).
 */
export interface ProgressFeed {
  /**
   * @returns ok() once handed to the feed
   * @returns err(progress.unavailable) if the feed could not be reached
   */
  publish(event: SyncProgressEvent): ResultAsync<void, ProgressFeedError>;
  /** Calls `listener` with each later event of this account only, until unsubscribed. */
  subscribe(accountId: AccountId, listener: (event: SyncProgressEvent) => void): Unsubscribe;
}
