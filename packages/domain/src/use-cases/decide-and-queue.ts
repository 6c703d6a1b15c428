import { ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import type { SyncFailureCause } from '../errors/sync-failure-cause.js';
import { decideDocument, refusalCause } from '../policy/decide-document.js';
import type { DocumentDecision } from '../policy/document-decision.js';
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

/** What became of a recorded document once decided. */
export type DecidedOutcome =
  | { readonly kind: 'queued'; readonly documentId: DocumentId }
  /** Held or refused: kept, visible in the document's status; sent when what holds it changes. */
  | { readonly kind: 'not-queued'; readonly documentId: DocumentId; readonly decision: Exclude<DocumentDecision, { kind: 'send-now' }> }
  | { readonly kind: 'already-in-quickbooks'; readonly documentId: DocumentId };

export interface DecideAndQueuePorts {
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly ids: Ids;
}

/**
 * The step after recording a validated document: let the policy decide (send now, hold, refuse)
 * and queue it when it is to be sent now; a refusal is recorded in its history once. Idempotent
 * (the queue's enqueue and the journal's once), so the receipt and the sweep can both run it.
 * @returns ok(outcome)
 * @returns err(store.* | queue.*) if a store or the queue failed
 */
export const decideAndQueue = (
  p: DecideAndQueuePorts,
  doc: OgustineDocument,
  now: Instant,
): ResultAsync<DecidedOutcome, InfrastructureError> =>
  safeTry<DecidedOutcome, InfrastructureError>(async function* (): Steps<DecidedOutcome, InfrastructureError> {
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
export const recordOnce = (journal: ErrorJournal, doc: OgustineDocument, cause: SyncFailureCause): ResultAsync<void, ErrorJournalError> =>
  journal
    .forDocument(doc.accountId, doc.id)
    .andThen((history) =>
      [...history.records.values()].some((r) => r.state !== 'resolved' && r.cause.kind === cause.kind)
        ? okAsync(undefined)
        : journal.recordFailure(doc.accountId, doc.id, doc.kind, cause).map(() => undefined),
    );
