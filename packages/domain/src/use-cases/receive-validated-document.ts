import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { describeParseIssues, parseDocument, type ParseIssue } from '../documents/parse-document.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Ids } from '../ports/ids.js';
import type { ProcessedMessages } from '../ports/processed-messages.js';
import type { SettingsStore } from '../ports/settings-store.js';
import type { SyncQueue } from '../ports/sync-queue.js';
import type { SyncRecordStore } from '../ports/sync-record-store.js';
import type { ErrorJournal } from './error-journal.js';
import type { Steps } from './steps.js';
import { snapshotChanges } from '../documents/snapshot-changes.js';
import { decideAndQueue, recordOnce, type DecidedOutcome } from './decide-and-queue.js';
import type { InfrastructureError } from './use-case-error.js';

/**
 * A billing-core message, its envelope already read by the worker: the id and the document, as its
 * JSON (read here) or already read by `parseDocument` (the envelope's reader does, with the
 * envelope: the document is not read twice).
 */
export type ValidatedDocumentMessage =
  { readonly messageId: string; readonly document: unknown } | { readonly messageId: string; readonly parsed: OgustineDocument };

/** The message's document, read if it came as JSON. */
export const documentOfMessage = (message: ValidatedDocumentMessage): Result<OgustineDocument, readonly ParseIssue[]> =>
  'parsed' in message ? ok(message.parsed) : parseDocument(message.document);

export type ReceiveOutcome =
  /** This message id was handled before: acknowledge it, nothing done. */
  | { readonly kind: 'duplicate-message' }
  | DecidedOutcome
  /**
   * A second snapshot of a validated document that differs from the first: the first is kept, the
   * difference is a visible error (once per document), and nothing is queued for it.
   */
  | { readonly kind: 'changed-after-validation'; readonly documentId: DocumentId; readonly fields: readonly string[] };

/** The message cannot be read as a document: dead-letter it with `reason`. */
export type InvalidDocument = {
  readonly kind: 'receive.invalid-document';
  readonly issues: readonly ParseIssue[];
  readonly reason: string;
};

export type ReceiveError = InvalidDocument | InfrastructureError;

export interface ReceiveValidatedDocumentPorts {
  readonly processed: ProcessedMessages;
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  readonly journal: ErrorJournal;
  readonly clock: Clock;
  readonly ids: Ids;
}

/**
 * A document was validated in Ogustine: record it (idempotent by message id and by document id),
 * let the policy decide (send now, hold, refuse), and queue it when it is to be sent now. The
 * message id is remembered last, so a crash anywhere before means the redelivery redoes the
 * (idempotent) work rather than skipping it.
 */
export class ReceiveValidatedDocument {
  constructor(private readonly ports: ReceiveValidatedDocumentPorts) {}

  /**
   * @returns ok(outcome) once the document is recorded, and queued if it is to be sent now
   * @returns err(receive.invalid-document) with every issue if the body is not a valid document (dead-letter)
   * @returns err(store.* | queue.*) if a store or the queue failed: redeliver later
   */
  run(message: ValidatedDocumentMessage): ResultAsync<ReceiveOutcome, ReceiveError> {
    const p = this.ports;
    return safeTry<ReceiveOutcome, ReceiveError>(async function* (): Steps<ReceiveOutcome, ReceiveError> {
      if (yield* p.processed.has(message.messageId)) return ok({ kind: 'duplicate-message' });
      const parsed = documentOfMessage(message);
      if (parsed.isErr()) return err({ kind: 'receive.invalid-document', issues: parsed.error, reason: describeParseIssues(parsed.error) });
      const doc = parsed.value;
      const now = p.clock.now();
      if ((yield* p.documents.record(doc, now)) === 'already-recorded') {
        const first = yield* p.documents.get(doc.accountId, doc.id);
        const fields = first === null ? [] : snapshotChanges(first, doc);
        if (fields.length > 0) {
          yield* recordOnce(p.journal, doc, { kind: 'cause.document-changed', fields });
          yield* p.processed.remember(message.messageId, now);
          return ok({ kind: 'changed-after-validation', documentId: doc.id, fields });
        }
      }
      const outcome: ReceiveOutcome = yield* decideAndQueue(p, doc, now);
      yield* p.processed.remember(message.messageId, now);
      return ok(outcome);
    });
  }
}
