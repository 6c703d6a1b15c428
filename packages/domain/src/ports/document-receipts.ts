import type { ResultAsync } from 'neverthrow';
import type { OgustineDocument } from '../documents/document.js';
import type { Instant } from '../shared/time.js';
import type { RecordDocumentOutcome } from './document-store.js';
import type { StoreError } from './store-error.js';
import type { SyncJob, SyncQueueError } from './sync-queue.js';

/** What a received document brings with it, written only if the document is new. */
export interface Receipt {
  readonly document: OgustineDocument;
  /** Its jobs (decided "send now"), queued with it. */
  readonly jobs: readonly SyncJob[];
  /** Its message, remembered with it; null when the message is remembered later (after a refusal is in the history). */
  readonly messageId: string | null;
}

/**
 * The writes of a group of received documents together (the worker receives events in groups):
 * the documents (`DocumentStore.recordAll`), their jobs (`SyncQueue.enqueue`) and their messages
 * (`ProcessedMessages.rememberAll`). A SQL database does it in one transaction (one commit for the
 * group); stores written in turn do it in that order, so a message is never remembered without
 * its document and jobs (a failure in between means its redelivery redoes the idempotent work).
 */
export interface DocumentReceipts {
  /**
   * Records each receipt's document, as `DocumentStore.recordAll` (a document given twice: recorded,
   * then already recorded); for each one recorded now, queues its jobs and remembers its message.
   * A receipt whose document was recorded before writes nothing.
   * @returns ok(outcomes), one per receipt in the order given
   * @returns err(store.* | queue.*) if a write fails: what was written is as if a redelivery were to come
   */
  recordAll(receipts: readonly Receipt[], receivedAt: Instant): ResultAsync<readonly RecordDocumentOutcome[], StoreError | SyncQueueError>;
}
