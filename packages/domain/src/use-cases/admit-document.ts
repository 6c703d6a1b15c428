import { ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { snapshotChanges } from '../documents/snapshot-changes.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { decideDocument, refusalCause } from '../policy/decide-document.js';
import type { DocumentDecision } from '../policy/document-decision.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { Instant } from '../shared/time.js';
import { transactionOf } from '../sync/sync-record.js';
import { freshSettings, lastUnmet, scheduleOf } from './account-settings.js';
import type { ErrorJournal, ErrorJournalError } from './error-journal.js';
import type { Steps } from './steps.js';
import { enqueueDocuments } from './unsent-documents.js';
import type { InfrastructureError } from './use-case-error.js';

/** What became of a validated document the module was told about (by an event, or read in the billing core's history). */
export type AdmitOutcome =
  | { readonly kind: 'queued'; readonly documentId: DocumentId }
  /** Held or refused: kept, visible in the document's status; sent when what holds it changes. */
  | { readonly kind: 'not-queued'; readonly documentId: DocumentId; readonly decision: Exclude<DocumentDecision, { kind: 'send-now' }> }
  | { readonly kind: 'already-in-quickbooks'; readonly documentId: DocumentId }
  /**
   * A second snapshot of a validated document that differs from the first: the first is kept, the
   * difference is a visible error (once per document), and nothing is queued for it.
   */
  | { readonly kind: 'changed-after-validation'; readonly documentId: DocumentId; readonly fields: readonly string[] };

export interface AdmitDocumentPorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly ids: Ids;
}

/** Whether the store knew the document before, and with the same snapshot. */
export type SnapshotOutcome =
  { readonly kind: 'new' } | { readonly kind: 'same' } | { readonly kind: 'changed'; readonly fields: readonly string[] };

/**
 * Keeps the document's first snapshot. A second, identical snapshot is no news; a differing one is
 * the visible error « document modifié après sa validation » (once per document), the first kept.
 * @returns ok(new | same | changed with the fields that differ)
 * @returns err(store.* | error-history.*) if a store failed
 */
export const recordSnapshot = (
  p: AdmitDocumentPorts,
  doc: OgustineDocument,
  now: Instant,
): ResultAsync<SnapshotOutcome, InfrastructureError> =>
  safeTry<SnapshotOutcome, InfrastructureError>(async function* (): Steps<SnapshotOutcome, InfrastructureError> {
    if ((yield* p.documents.record(doc, now)) === 'recorded') return ok({ kind: 'new' });
    const first = yield* p.documents.get(doc.accountId, doc.id);
    const fields = first === null ? [] : snapshotChanges(first, doc);
    if (fields.length === 0) return ok({ kind: 'same' });
    yield* recordOnce(p.journal, doc, { kind: 'cause.document-changed', fields });
    return ok({ kind: 'changed', fields });
  });

/**
 * Lets the policy decide what to do with a recorded document now (send now, hold, refuse) and
 * queues it when it is to be sent now; a refusal is recorded in the error history once per document.
 * @returns ok(outcome) once queued or not
 * @returns err(store.* | queue.* | error-history.*) if a store or the queue failed
 */
export const decideAndQueue = (
  p: AdmitDocumentPorts,
  doc: OgustineDocument,
  now: Instant,
): ResultAsync<AdmitOutcome, InfrastructureError> =>
  safeTry<AdmitOutcome, InfrastructureError>(async function* (): Steps<AdmitOutcome, InfrastructureError> {
    const settings = (yield* p.settings.get(doc.accountId)) ?? freshSettings(doc.accountId);
    const record = yield* p.records.get(doc.accountId, doc.id);
    const inQuickBooks = record !== null && transactionOf(record) !== null;
    if (inQuickBooks) return ok({ kind: 'already-in-quickbooks', documentId: doc.id });
    const decision = decideDocument(doc, {
      state: settings.moduleState,
      schedule: scheduleOf(settings, now),
      now,
      inQuickBooks,
      unmet: lastUnmet(settings),
    });
    const { connection } = settings.moduleState;
    if (decision.kind === 'send-now' && connection.kind === 'connected') {
      yield* enqueueDocuments(p.queue, p.ids, connection.realmId, [doc], 'validated');
      return ok({ kind: 'queued', documentId: doc.id });
    }
    if (decision.kind === 'send-now') {
      return ok({ kind: 'not-queued', documentId: doc.id, decision: { kind: 'hold', reason: { kind: 'hold.not-connected' } } });
    }
    const cause = decision.kind === 'refuse' ? refusalCause(decision.reason) : null;
    // Visible in the history, once per document whatever the redeliveries.
    if (cause !== null) yield* recordOnce(p.journal, doc, cause);
    return ok({ kind: 'not-queued', documentId: doc.id, decision });
  });

/** Records a cause in the document's history unless an unresolved record of the same cause is there already. */
const recordOnce = (journal: ErrorJournal, doc: OgustineDocument, cause: SyncFailureCause): ResultAsync<void, ErrorJournalError> =>
  journal
    .forDocument(doc.accountId, doc.id)
    .andThen((history) =>
      [...history.records.values()].some((r) => r.state !== 'resolved' && r.cause.kind === cause.kind)
        ? okAsync(undefined)
        : journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).map(() => undefined),
    );
