import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';
import { openErrors } from '../errors/error-history.js';
import { decideDocument } from '../policy/decide-document.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import { documentSyncStatus, type DocumentSyncStatus } from '../reporting/document-sync-status.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { ErrorJournal } from './error-journal.js';
import type { Steps } from './steps.js';
import type { InfrastructureError } from './use-case-error.js';

export type DocumentStatusError = { readonly kind: 'status.unknown-document'; readonly documentId: DocumentId } | InfrastructureError;

export interface GetDocumentSyncStatusPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly journal: ErrorJournal;
  readonly clock: Clock;
}

/** "Is this invoice in QuickBooks, and if not, why?", from the stores, for the UI and Ogustine's reporting. */
export class GetDocumentSyncStatus {
  constructor(private readonly ports: GetDocumentSyncStatusPorts) {}

  /**
   * @returns ok(status) with its label and explanation
   * @returns err(status.unknown-document) if this account never sent the document
   * @returns err(store.* | error-history.*) if a store failed
   */
  run(accountId: AccountId, documentId: DocumentId): ResultAsync<DocumentSyncStatus, DocumentStatusError> {
    const p = this.ports;
    return safeTry<DocumentSyncStatus, DocumentStatusError>(async function* (): Steps<DocumentSyncStatus, DocumentStatusError> {
      const doc = yield* p.documents.get(accountId, documentId);
      if (doc === null) return err({ kind: 'status.unknown-document', documentId });
      const settings = (yield* p.settings.get(accountId)) ?? freshSettings(accountId);
      const record = yield* p.records.get(accountId, documentId);
      const history = yield* p.journal.forDocument(accountId, documentId);
      const now = p.clock.now();
      const state = record?.state;
      const transaction = state?.kind === 'sent' || state?.kind === 'attached' ? state.transaction : undefined;
      const decision = decideDocument(doc, {
        state: settings.moduleState,
        schedule: scheduleOf(settings, now),
        now,
        inQuickBooks: transaction !== undefined,
        unmet: lastUnmet(settings),
      });
      return ok(
        documentSyncStatus({
          documentId,
          number: doc.number,
          kind: doc.kind,
          ...(transaction === undefined
            ? {}
            : {
                inQuickBooks: {
                  qboId: transaction.qboId,
                  docNumber: transaction.docNumber,
                  pdfAttached: state?.kind === 'attached' && state.withoutPdf !== true,
                  pdfLeftOut: state?.kind === 'attached' && state.withoutPdf === true,
                },
              }),
          ...(state?.kind === 'intent'
            ? { writeInProgress: 'sending' as const }
            : state?.kind === 'uncertain'
              ? { writeInProgress: 'uncertain' as const }
              : {}),
          decision,
          openErrors: openErrors(history, accountId),
        }),
      );
    });
  }
}
