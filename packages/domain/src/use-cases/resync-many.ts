import { err, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import { openErrors } from '../errors/error-history.js';
import { explainCause } from '../errors/explain-cause.js';
import type { Accounting } from '../ports/accounting.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { ErrorHistoryStore } from '../ports/error-history-store.js';
import type { Ids } from '../ports/ids.js';
import { PAGE_SIZE, type Page, type PageRequest } from '../ports/page.js';
import type { RunStore } from '../ports/run-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { isIn } from '../sync/sync-record.js';
import { deletedInQuickBooks } from '../sync/write-protocol.js';
import type { ErrorJournal } from './error-journal.js';
import { queueRun } from './queue-run.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

/** Which documents to resynchronise: some, or every one with an unresolved error. */
export type ResyncSelection = { readonly kind: 'documents'; readonly documentIds: readonly DocumentId[] } | { readonly kind: 'all-open' };

export interface Resynced {
  readonly queued: readonly DocumentId[];
  /** Still in QBO (nothing to send again), or unknown to this account. */
  readonly skipped: readonly DocumentId[];
  /**
   * Relaunch all only: documents none of whose unresolved errors a retry can fix as they stand (a
   * number QBO cannot take, an inconsistent VAT…). Left open, not queued: they wait to be marked handled.
   */
  readonly cannotSucceed: readonly DocumentId[];
  /** Believed sent, but the accountant deleted it in QBO: sent again (also in `queued`). */
  readonly deletedInQuickBooks: readonly DocumentId[];
  /** The run the queued documents belong to. */
  readonly runId: string;
}

export type ResyncError = { readonly kind: 'resync.not-connected' } | InfrastructureError;

export interface ResyncPorts {
  readonly gateway: AccountingGateway;
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

/** A document to send again, or why not: already in QBO or unknown, or no retry can fix its errors. */
type Wanted = OgustineDocument | 'skip' | 'cannot-succeed';

/** The given ids in pages of `PAGE_SIZE`, as a store would hand them. */
const pagesOf =
  (ids: readonly DocumentId[]) =>
  (request?: PageRequest): ResultAsync<Page<DocumentId>, never> => {
    const from = Number(request?.cursor ?? '0');
    const to = from + PAGE_SIZE;
    return okAsync({ items: ids.slice(from, to), next: to < ids.length ? String(to) : null });
  };

/**
 * Relaunches the synchronisation of several documents (or all with an open error), as one run, a
 * page of documents at a time: their open errors are marked as being retried and a job is queued
 * for each one not yet in QBO. A document believed in QBO is checked there (`readTransaction`):
 * still there, it is never queued again; deleted by the accountant, it is sent again. "Relaunch
 * all" skips the documents whose error can never succeed by a retry (`retryable: false`): they wait
 * for the user to mark them handled. A document is relaunched when at least one of its unresolved
 * errors can be fixed by a retry: a later error that no retry fixes (say, a second snapshot, « document
 * modifié après sa validation ») does not hide an earlier one that can. A success later resolves
 * (greys) the errors.
 */
export class ResyncMany {
  constructor(private readonly ports: ResyncPorts) {}

  /**
   * @returns ok({ queued, skipped, cannotSucceed, deletedInQuickBooks, runId })
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
      const cannotSucceed: DocumentId[] = [];
      const deleted: DocumentId[] = [];
      let accounting: Accounting | null | undefined;

      /** Whether one document is to be sent again (else why not); records a deletion in QBO on the way. */
      const wanted = (documentId: DocumentId): ResultAsync<Wanted, ResyncError> =>
        safeTry<Wanted, ResyncError>(async function* (): Steps<Wanted, ResyncError> {
          if (selection.kind === 'all-open') {
            const unresolved = openErrors(yield* p.journal.forDocument(accountId, documentId), accountId);
            if (!unresolved.some((e) => explainCause(e.cause).retryable)) return ok('cannot-succeed');
          }
          const doc = yield* p.documents.get(accountId, documentId);
          const record = yield* p.records.get(accountId, documentId);
          if (doc === null) return ok('skip');
          if (record === null || !isIn(record, 'sent', 'attached')) return ok(doc);
          // Believed sent: only QBO can say whether the accountant deleted it.
          if (accounting === undefined) accounting = (await p.gateway.open(accountId)).unwrapOr(null);
          const found = accounting === null ? null : await accounting.readTransaction(record.state.transaction);
          if (found === null || found.isErr() || found.value !== null) return ok('skip');
          yield* p.records.save(deletedInQuickBooks(record));
          yield* p.documents.markInQuickBooks(accountId, documentId, false);
          deleted.push(documentId);
          return ok(doc);
        });

      /** The documents of one page of ids to send again, their open errors marked as being retried. */
      const sendable = (ids: readonly DocumentId[]): ResultAsync<readonly OgustineDocument[], ResyncError> =>
        safeTry<readonly OgustineDocument[], ResyncError>(async function* (): Steps<readonly OgustineDocument[], ResyncError> {
          const found: OgustineDocument[] = [];
          for (const documentId of ids) {
            const doc = yield* wanted(documentId);
            if (doc === 'skip') skipped.push(documentId);
            else if (doc === 'cannot-succeed') cannotSucceed.push(documentId);
            else found.push(doc);
          }
          yield* p.journal.markRetrying(
            accountId,
            found.map((d) => d.id),
          );
          return ok(found);
        });

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
      const runId = `resync:${p.ids.next()}`;
      yield* queueRun(
        p,
        { accountId, realmId: connection.realmId, runId, kind: 'resync', reason: 'resync', startedAt: p.clock.now() },
        walk,
      );
      return ok({ queued, skipped, cannotSucceed, deletedInQuickBooks: deleted, runId });
    });
  }
}
