import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, OgustineDocument } from '../documents/document.js';
import type { SyncSchedule } from '../policy/sync-schedule.js';
import type { DocumentFilter, DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncJob, SyncJobReason, SyncQueue, SyncQueueError } from '../ports/sync-queue.js';
import type { RealmId } from '../qbo/company-profile.js';
import { startOfDayIn, type Instant } from '../shared/time.js';

/** The documents a schedule covers (created on or after its sync-from day) that are not in QBO; as of `asOf` when given. */
export const unsentCoveredBy = (schedule: SyncSchedule, asOf?: Instant): DocumentFilter => ({
  createdFrom: startOfDayIn(schedule.syncFrom, schedule.timeZone),
  inQuickBooks: false,
  ...(asOf === undefined ? {} : { recordedUpTo: asOf }),
});

/**
 * Walks every page of a query in creation order, handing each page's documents to `each`: a use
 * case that must touch every document reads them a page at a time.
 * @returns ok(count) of documents handed out
 * @returns err(store.* | whatever `each` fails with)
 */
export const forEachPage = <E>(
  documents: DocumentStore,
  accountId: AccountId,
  filter: DocumentFilter,
  each: (page: readonly OgustineDocument[]) => ResultAsync<void, E>,
): ResultAsync<number, E | StoreError> => {
  const from = (cursor: string | undefined, count: number): ResultAsync<number, E | StoreError> =>
    documents
      .page(accountId, filter, cursor === undefined ? {} : { cursor })
      .mapErr((e): E | StoreError => e)
      .andThen((page) =>
        each(page.items)
          .mapErr((e): E | StoreError => e)
          .andThen(() => (page.next === null ? okAsync(count + page.items.length) : from(page.next, count + page.items.length))),
      );
  return from(undefined, 0);
};

/** One job per document, in the order given; a credit note's job waits for its invoice's. */
export const jobsFor = (
  ids: Ids,
  realmId: RealmId,
  documents: readonly OgustineDocument[],
  reason: SyncJobReason,
  runId?: string,
): SyncJob[] =>
  documents.map((d) => ({
    jobId: ids.next(),
    accountId: d.accountId,
    realmId,
    documentId: d.id,
    reason,
    ...(d.correctsInvoiceId === undefined ? {} : { after: d.correctsInvoiceId }),
    ...(runId === undefined ? {} : { runId }),
  }));

/**
 * Enqueues one job per document, in the order given (`jobsFor`; jobs are idempotent: a document
 * queued twice is still written once).
 * @returns ok(count) of jobs queued
 * @returns err(queue.unavailable) if the queue could not take them
 */
export const enqueueDocuments = (
  queue: SyncQueue,
  ids: Ids,
  realmId: RealmId,
  documents: readonly OgustineDocument[],
  reason: SyncJobReason,
  runId?: string,
): ResultAsync<number, SyncQueueError> =>
  documents.length === 0 ? okAsync(0) : queue.enqueue(jobsFor(ids, realmId, documents, reason, runId)).map(() => documents.length);
