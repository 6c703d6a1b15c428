import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import { openErrors } from '../errors/error-history.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { transactionOf } from '../sync/sync-record.js';
import type { ErrorJournal } from './error-journal.js';
import type { Steps } from './steps.js';
import { enqueueDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

/** Which documents to resynchronise: some, or every one with an unresolved error. */
export type ResyncSelection = { readonly kind: 'documents'; readonly documentIds: readonly DocumentId[] } | { readonly kind: 'all-open' };

export interface Resynced {
  readonly queued: readonly DocumentId[];
  /** Already in QBO (nothing to send again) or unknown to this account. */
  readonly skipped: readonly DocumentId[];
}

export type ResyncError = { readonly kind: 'resync.not-connected' } | InfrastructureError;

export interface ResyncPorts {
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
 * already in QBO is never queued again; a success later resolves (greys) its errors.
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
      const wanted =
        selection.kind === 'all-open'
          ? [...new Set(openErrors(history, accountId).map((r) => r.documentId))]
          : [...new Set(selection.documentIds)];
      const toSend = [];
      const skipped: DocumentId[] = [];
      for (const documentId of wanted) {
        const doc = yield* p.documents.get(accountId, documentId);
        const record = yield* p.records.get(accountId, documentId);
        if (doc === null || (record !== null && transactionOf(record) !== null)) skipped.push(documentId);
        else toSend.push(doc);
      }
      yield* p.journal.markRetrying(
        accountId,
        toSend.map((d) => d.id),
      );
      yield* enqueueDocuments(p.queue, p.ids, connection.realmId, toSend, 'resync');
      return ok({ queued: toSend.map((d) => d.id), skipped });
    });
  }
}
