import { err, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { ErrorHistoryStore } from '../ports/error-history-store.js';
import type { Ids } from '../ports/ids.js';
import type { Page, PageRequest } from '../ports/page.js';
import { PAGE_SIZE } from '../ports/page.js';
import type { RunStore } from '../ports/run-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { transactionOf } from '../sync/sync-record.js';
import type { ErrorJournal } from './error-journal.js';
import { queueRun } from './queue-run.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

/** Which documents to resynchronise: some, or every one with an unresolved error. */
export type ResyncSelection = { readonly kind: 'documents'; readonly documentIds: readonly DocumentId[] } | { readonly kind: 'all-open' };

export interface Resynced {
  readonly queued: readonly DocumentId[];
  /** Already in QBO (nothing to send again) or unknown to this account. */
  readonly skipped: readonly DocumentId[];
  /** The run the queued documents belong to. */
  readonly runId: string;
}

export type ResyncError = { readonly kind: 'resync.not-connected' } | InfrastructureError;

export interface ResyncPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly errorStore: ErrorHistoryStore;
  readonly runs: RunStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** The given ids in pages of `PAGE_SIZE`, as a store would hand them. */
const pagesOf =
  (ids: readonly DocumentId[]) =>
  (request?: PageRequest): ResultAsync<Page<DocumentId>, never> => {
    const from = Number(request?.cursor ?? '0');
    const to = from + PAGE_SIZE;
    return okAsync({ items: ids.slice(from, to), next: to < ids.length ? String(to) : null });
  };

/**
 * Relaunches the synchronisation of several documents (or all with an open error), as one run,
 * a page of documents at a time: their open errors are marked as being retried and a job is queued
 * for each one not yet in QBO. A document already in QBO is never queued again; a success later
 * resolves (greys) its errors.
 */
export class ResyncMany {
  constructor(private readonly ports: ResyncPorts) {}

  /**
   * @returns ok({ queued, skipped, runId })
   * @returns err(resync.not-connected) if no company is connected
   * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
   */
  run(accountId: AccountId, selection: ResyncSelection): ResultAsync<Resynced, ResyncError> {
    const p = this.ports;
    return safeTry<Resynced, ResyncError>(async function* (): Steps<Resynced, ResyncError> {
      const settings = yield* p.settings.get(accountId);
      const connection = settings?.moduleState.connection;
      if (connection === undefined || connection.kind !== 'connected') return err({ kind: 'resync.not-connected' });
      const pages =
        selection.kind === 'all-open'
          ? (request?: PageRequest) => p.errorStore.documentsWithUnresolved(accountId, request)
          : pagesOf([...new Set(selection.documentIds)]);
      const queued: DocumentId[] = [];
      const skipped: DocumentId[] = [];
      // Sendable documents of one page of ids: known to the account and not in QBO.
      const sendable = (ids: readonly DocumentId[]): ResultAsync<readonly OgustineDocument[], ResyncError> =>
        safeTry<readonly OgustineDocument[], ResyncError>(async function* (): Steps<readonly OgustineDocument[], ResyncError> {
          const found: OgustineDocument[] = [];
          for (const documentId of ids) {
            const doc = yield* p.documents.get(accountId, documentId);
            const record = yield* p.records.get(accountId, documentId);
            if (doc === null || (record !== null && transactionOf(record) !== null)) skipped.push(documentId);
            else found.push(doc);
          }
          yield* p.journal.markRetrying(
            accountId,
            found.map((d) => d.id),
          );
          return ok(found);
        });
      const runId = `resync:${p.ids.next()}`;
      // "All open" walks a list that marking does not reorder (retrying errors stay unresolved).
      const walk = (visit: (documents: readonly OgustineDocument[]) => ResultAsync<void, InfrastructureError>) => {
        const from = (cursor: string | undefined, count: number): ResultAsync<number, ResyncError> =>
          pages(cursor === undefined ? undefined : { cursor })
            .mapErr((e): ResyncError => e)
            .andThen((page) =>
              sendable(page.items).andThen((docs) => {
                queued.push(...docs.map((d) => d.id));
                return visit(docs)
                  .mapErr((e): ResyncError => e)
                  .andThen(() => (page.next === null ? okAsync(count + docs.length) : from(page.next, count + docs.length)));
              }),
            );
        return from(undefined, 0);
      };
      yield* queueRun(
        p,
        { accountId, realmId: connection.realmId, runId, kind: 'resync', reason: 'resync', startedAt: p.clock.now() },
        walk,
      );
      return ok({ queued, skipped, runId });
    });
  }
}
