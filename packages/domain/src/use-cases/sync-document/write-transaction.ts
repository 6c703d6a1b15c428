import { errAsync, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { causeFromQboFailure } from '../../errors/cause-from-qbo-failure.js';
import type { QboFailure } from '../../errors/qbo-fault.js';
import type { QboTrace, SyncFailureCause } from '../../errors/sync-failure-cause.js';
import type { Accounting } from '../../ports/accounting.js';
import type { Clock } from '../../ports/clock.js';
import type { DocumentFiles } from '../../ports/document-files.js';
import type { DocumentStore } from '../../ports/document-store.js';
import type { Ids } from '../../ports/ids.js';
import type { MappingStore } from '../../ports/mapping-store.js';
import type { SyncRecordStore } from '../../ports/sync-record-store.js';
import { proveOwnership } from '../../sync/ownership-proof.js';
import type { PostedTransaction, SyncRecord, SyncRecordIn } from '../../sync/sync-record.js';
import type { SyncDocumentError, SyncDocumentOutcome } from '../../sync/sync-outcome.js';
import {
  afterLookUp,
  afterPost,
  declareIntent,
  lookUpFailed,
  nextWriteStep,
  notProvenOurs,
  pdfAttached,
  postFailureEffect,
  uploadTried,
} from '../../sync/write-protocol.js';
import type { Attempt } from './attempt.js';
import type { AttemptOutcomes } from './attempt-outcomes.js';
import type { PreparePayload, PreparePayloadError } from './prepare-payload.js';
import { namesSomethingGone, type CompanyProfiles } from '../company-profiles.js';
import type { Steps } from '../steps.js';

export interface WriteTransactionPorts {
  readonly records: SyncRecordStore;
  readonly documents: DocumentStore;
  readonly mappings: MappingStore;
  readonly files: DocumentFiles;
  readonly clock: Clock;
  readonly ids: Ids;
}

type Outcome = ResultAsync<SyncDocumentOutcome, SyncDocumentError>;

/**
 * The no-duplicate write protocol (`sync/write-protocol.ts`) carried out against QBO, from the
 * stored record: each step saves the record it leads to before the next one, and hands the next
 * step the record already narrowed to its state. Look-up → post → PDF → done, or an outcome.
 */
export class WriteTransaction {
  constructor(
    private readonly ports: WriteTransactionPorts,
    /** Shared with `SyncBatch`, so a batch prepares its payloads as a single post does. */
    readonly payloads: PreparePayload,
    private readonly profiles: CompanyProfiles,
    private readonly outcomes: AttemptOutcomes,
  ) {}

  /** Runs the protocol from `record` until the document is in QBO with its PDF, or a step ends the attempt. */
  run(attempt: Attempt, accounting: Accounting, record: SyncRecord): Outcome {
    const step = nextWriteStep(record, this.ports.clock.now());
    switch (step.kind) {
      case 'wait':
        // Nothing changed, so no progress event: it could land after the owner's "sent" and contradict it.
        return this.outcomes.postponed('checking', step.until);
      case 'declare-intent':
        return this.post(attempt, accounting, step.record);
      case 'look-up':
        return this.lookUp(attempt, accounting, step.record);
      case 'attach-pdf':
        return this.markInQuickBooks(attempt).andThen(() => this.attachPdf(attempt, accounting, step.record));
      case 'done':
        return this.markInQuickBooks(attempt).andThen(() => this.outcomes.synced(attempt, step.transaction));
    }
  }

  /** The document store's "in QBO" flag follows the record (idempotent: a resumed job marks it again). */
  private markInQuickBooks({ doc }: Attempt): ResultAsync<void, SyncDocumentError> {
    return this.ports.documents.markInQuickBooks(doc.accountId, doc.id, true);
  }

  /** Known absent: prepare the payload, store the intent, post at once. */
  private post(attempt: Attempt, accounting: Accounting, pending: SyncRecordIn<'pending'>): Outcome {
    const { records, clock, ids } = this.ports;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: WriteTransaction): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const prepared = await self.payloads.run(attempt.doc, accounting);
        if (prepared.isErr()) return ok(yield* self.unprepared(attempt, accounting, prepared.error));
        const intent = yield* records.save(declareIntent(pending, ids.next(), clock.now()));
        const posted = await accounting.postTransaction(prepared.value, intent.state.requestId);
        return ok(yield* self.afterPosting(attempt, accounting, intent, posted));
      })(this),
    );
  }

  /**
   * A post answered (alone, or as an entry of a batch: `SyncBatch`): the record moves on by
   * `afterPost` and is saved; posted → PDF → done; an unknown outcome is "checking QuickBooks…"
   * (looked up later, never sent again); a refusal is a failure.
   */
  afterPosting(
    attempt: Attempt,
    accounting: Accounting,
    intent: SyncRecordIn<'intent'>,
    posted: Result<PostedTransaction, QboFailure>,
  ): Outcome {
    const { records, clock } = this.ports;
    return records.save(afterPost(intent, posted, clock.now())).andThen((after) => {
      if (posted.isErr()) {
        const mayBeWritten = postFailureEffect(posted.error) === 'outcome-unknown';
        return this.refusedOnQbo(attempt, accounting, posted.error, mayBeWritten);
      }
      return this.run(attempt, accounting, after);
    });
  }

  /** No payload could be made: the cause is recorded, QBO's failure handled, a store's failure handed up. */
  unprepared(attempt: Attempt, accounting: Accounting, e: PreparePayloadError): Outcome {
    switch (e.kind) {
      case 'payload.unsendable':
        return this.outcomes.failed(attempt, e.cause);
      case 'store.unavailable':
      case 'store.conflict':
        return errAsync(e);
      default:
        return this.refusedOnQbo(attempt, accounting, e, false);
    }
  }

  /**
   * A write QBO refused. When it names a reference that is gone (2500, 610: a tax code, an account or
   * an item the kept profile named), the profile is dropped, and a first attempt is tried again
   * quietly on QBO's current one (a code replaced in QBO needs no one); a second refusal is recorded.
   */
  private refusedOnQbo(attempt: Attempt, accounting: Accounting, failure: QboFailure, mayBeWritten: boolean): Outcome {
    if (!namesSomethingGone(failure)) return this.outcomes.failedOnQbo(attempt, failure, mayBeWritten);
    return this.profiles
      .forgetIfGone(accounting.realmId, failure)
      .andThen(() => (attempt.deliveries === 0 ? this.outcomes.unavailable() : this.outcomes.failedOnQbo(attempt, failure, mayBeWritten)));
  }

  /**
   * Maybe in QBO: adopt what the look-up finds only with proof that this module created it for this
   * document (`proveOwnership`); a transaction with our number and no proof is a visible error, never
   * adopted (so never given a PDF); nothing found: post again (a new `requestid`).
   */
  private lookUp(attempt: Attempt, accounting: Accounting, record: SyncRecordIn<'intent' | 'uncertain'>): Outcome {
    const { records, clock, mappings } = this.ports;
    const { doc } = attempt;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: WriteTransaction): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const found = await accounting.findTransactionByDocNumber(record.type, record.docNumber);
        if (found.isErr()) {
          yield* records.save(lookUpFailed(record));
          return ok(yield* self.outcomes.failedOnQbo(attempt, found.error, true));
        }
        if (found.value !== null) {
          const customer = yield* mappings.find({ accountId: doc.accountId, realmId: accounting.realmId }, 'customer', doc.customer.id);
          const proof = proveOwnership(found.value, { documentId: doc.id, customerRef: customer?.qboId ?? null, total: doc.totals.gross });
          if (proof !== 'ours') {
            yield* records.save(notProvenOurs(record));
            return ok(
              yield* self.outcomes.failed(attempt, {
                kind: 'cause.duplicate-document-number',
                docNumber: record.docNumber,
                existingTxnType: found.value.type,
                existingTxnId: found.value.qboId,
              }),
            );
          }
        }
        const after = yield* records.save(afterLookUp(record, found.value, clock.now()));
        return ok(yield* self.run(attempt, accounting, after));
      })(this),
    );
  }

  /**
   * In QBO without its PDF: upload the PDF alone (the transaction is never posted again). The record
   * notes the upload before it is sent; when it already did, an earlier upload may have landed (its
   * answer lost, or its process gone), so the transaction's attachables are read first: never the
   * same PDF twice, and no extra request on a first upload.
   */
  private attachPdf(attempt: Attempt, accounting: Accounting, record: SyncRecordIn<'sent'>): Outcome {
    const { records, clock, ids, files } = this.ports;
    const { doc } = attempt;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: WriteTransaction): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const file = await files.fetchPdf(doc.accountId, doc.id);
        if (file.isErr()) {
          const cause: SyncFailureCause = {
            kind: 'cause.pdf-attachment-failed',
            qboDetail: file.error.kind === 'files.not-found' ? 'Ogustine has no PDF for this document' : file.error.detail,
          };
          return ok(yield* self.outcomes.failed(attempt, cause, file.error.kind === 'files.unavailable'));
        }
        const { transaction } = record.state;
        const target = { type: transaction.type, qboId: transaction.qboId };
        if (record.state.uploadTried === true) {
          const found = await accounting.findAttachment(target, file.value.fileName);
          if (found.isErr()) return ok(yield* self.attachFailed(attempt, found.error));
          if (found.value !== null) return ok(yield* self.run(attempt, accounting, yield* records.save(pdfAttached(record, clock.now()))));
        }
        const tried = record.state.uploadTried === true ? record : yield* records.save(uploadTried(record));
        const attached = await accounting.attachPdf(target, file.value, ids.next());
        if (attached.isErr()) return ok(yield* self.attachFailed(attempt, attached.error));
        const after = yield* records.save(pdfAttached(tried, clock.now()));
        return ok(yield* self.run(attempt, accounting, after));
      })(this),
    );
  }

  private attachFailed(attempt: Attempt, failure: QboFailure): Outcome {
    if (failure.kind === 'qbo.throttled') return this.outcomes.throttled();
    const cause = causeFromQboFailure(failure);
    const asPdfFailure: SyncFailureCause =
      cause.kind === 'cause.qbo-unavailable' ? cause : { kind: 'cause.pdf-attachment-failed', ...traceOf(cause) };
    return this.outcomes.failed(attempt, asPdfFailure, true);
  }
}

const traceOf = (cause: SyncFailureCause): QboTrace => {
  const trace: { qboCode?: string; qboDetail?: string; intuitTid?: string } = {};
  if ('qboCode' in cause && cause.qboCode !== undefined) trace.qboCode = cause.qboCode;
  if ('qboDetail' in cause && cause.qboDetail !== undefined) trace.qboDetail = cause.qboDetail;
  if ('intuitTid' in cause && cause.intuitTid !== undefined) trace.intuitTid = cause.intuitTid;
  return trace;
};
