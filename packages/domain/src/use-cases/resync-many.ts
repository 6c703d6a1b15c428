import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import { openErrors } from '../errors/error-history.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { explainCause } from '../errors/explain-cause.js';
import type { Accounting } from '../ports/accounting.js';
import type { AccountingGateway } from '../ports/accounting-gateway.js';
import { isIn } from '../sync/sync-record.js';
import { deletedInQuickBooks } from '../sync/write-protocol.js';
import type { ErrorJournal } from './error-journal.js';
import type { Steps } from './steps.js';
import { enqueueDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

/** Which documents to resynchronise: some, or every one with an unresolved error. */
export type ResyncSelection = { readonly kind: 'documents'; readonly documentIds: readonly DocumentId[] } | { readonly kind: 'all-open' };

export interface Resynced {
  readonly queued: readonly DocumentId[];
  /** Still in QBO (nothing to send again), unknown to this account, or (relaunch all) an error that can never succeed by a retry. */
  readonly skipped: readonly DocumentId[];
  /** Believed sent, but the accountant deleted it in QBO: sent again (also in `queued`). */
  readonly deletedInQuickBooks: readonly DocumentId[];
}

export type ResyncError = { readonly kind: 'resync.not-connected' } | InfrastructureError;

export interface ResyncPorts {
  readonly gateway: AccountingGateway;
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly ids: Ids;
}

/**
 * Relaunches the synchronisation of several documents (or all with an open error): their open
 * errors are marked as being retried and a job is queued for each one not yet in QBO. A document
 * believed in QBO is checked there (`readTransaction`): still there, it is never queued again;
 * deleted by the accountant, it is sent again. "Relaunch all" skips the documents whose error can
 * never succeed by a retry (`retryable: false`): they wait for the user to mark them handled.
 * A success later resolves (greys) the errors.
 */
export class ResyncMany {
  constructor(private readonly ports: ResyncPorts) {}

  /**
   * @returns ok({ queued, skipped })
   * @returns err(resync.not-connected) if no company is connected
   * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
   */
  run(accountId: AccountId, selection: ResyncSelection): ResultAsync<Resynced, ResyncError> {
    const p = this.ports;
    return safeTry<Resynced, ResyncError>(async function* (): Steps<Resynced, ResyncError> {
      const settings = yield* p.settings.get(accountId);
      const connection = settings?.moduleState.connection;
      if (connection === undefined || connection.kind !== 'connected') return err({ kind: 'resync.not-connected' });
      const history = yield* p.journal.load(accountId);
      const open = openErrors(history, accountId);
      // Newest first: a document's latest unresolved error says whether a retry can succeed.
      const latest = new Map<DocumentId, boolean>();
      for (const r of open) if (!latest.has(r.documentId)) latest.set(r.documentId, explainCause(r.cause).retryable);
      const skipped: DocumentId[] = [];
      const wanted =
        selection.kind === 'all-open'
          ? [...latest].flatMap(([documentId, retryable]) => {
              if (!retryable) skipped.push(documentId);
              return retryable ? [documentId] : [];
            })
          : [...new Set(selection.documentIds)];
      const toSend = [];
      const deleted: DocumentId[] = [];
      let accounting: Accounting | null | undefined;
      for (const documentId of wanted) {
        const doc = yield* p.documents.get(accountId, documentId);
        const record = yield* p.records.get(accountId, documentId);
        if (doc === null) skipped.push(documentId);
        else if (record === null || !isIn(record, 'sent', 'attached')) toSend.push(doc);
        else {
          // Believed sent: only QBO can say whether the accountant deleted it.
          if (accounting === undefined) accounting = (await p.gateway.open(accountId)).unwrapOr(null);
          const found = accounting === null ? null : await accounting.readTransaction(record.state.transaction);
          if (found === null || found.isErr() || found.value !== null) skipped.push(documentId);
          else {
            yield* p.records.save(deletedInQuickBooks(record));
            deleted.push(documentId);
            toSend.push(doc);
          }
        }
      }
      yield* p.journal.markRetrying(
        accountId,
        toSend.map((d) => d.id),
      );
      yield* enqueueDocuments(p.queue, p.ids, connection.realmId, toSend, 'resync');
      return ok({ queued: toSend.map((d) => d.id), skipped, deletedInQuickBooks: deleted });
    });
  }
}
