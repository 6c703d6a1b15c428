import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import { inSendingOrder } from '../policy/sending-order.js';
import { isCoveredBy, type SyncSchedule } from '../policy/sync-schedule.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncJobReason, SyncQueue, SyncQueueError } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { RealmId } from '../qbo/company-profile.js';
import { transactionOf } from '../sync/sync-record.js';

export interface AccountDocuments {
  readonly documents: readonly OgustineDocument[];
  /** Documents the module knows are in QBO (sent, with or without their PDF). */
  readonly inQuickBooks: ReadonlySet<DocumentId>;
}

/**
 * The account's documents and which are in QBO, from the stores.
 * @returns ok(documents) of the account
 * @returns err(store.*) if a store fails
 */
export const loadAccountDocuments = (
  documents: DocumentStore,
  records: SyncRecordStore,
  accountId: AccountId,
): ResultAsync<AccountDocuments, StoreError> =>
  documents.list(accountId).andThen((docs) =>
    records.list(accountId).map((all) => ({
      documents: docs,
      inQuickBooks: new Set(all.filter((r) => transactionOf(r) !== null).map((r) => r.documentId)),
    })),
  );

/** The documents not in QBO that the schedule covers, in sending order: what a catch-up sends. */
export const unsentCovered = (account: AccountDocuments, schedule: SyncSchedule): readonly OgustineDocument[] =>
  inSendingOrder(account.documents.filter((d) => !account.inQuickBooks.has(d.id) && isCoveredBy(d, schedule)));

/**
 * Enqueues one job per document, in the order given; a credit note's job waits for its invoice's
 * (jobs are idempotent: a document queued twice is still written once).
 * @returns ok(count) of jobs queued
 * @returns err(queue.unavailable) if the queue could not take them
 */
export const enqueueDocuments = (
  queue: SyncQueue,
  ids: Ids,
  realmId: RealmId,
  documents: readonly OgustineDocument[],
  reason: SyncJobReason,
): ResultAsync<number, SyncQueueError> =>
  documents.length === 0
    ? okAsync(0)
    : queue
        .enqueue(
          documents.map((d) => ({
            jobId: ids.next(),
            accountId: d.accountId,
            realmId,
            documentId: d.id,
            reason,
            ...(d.correctsInvoiceId === undefined ? {} : { after: d.correctsInvoiceId }),
          })),
        )
        .map(() => documents.length);
