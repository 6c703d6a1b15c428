import { errAsync, ok, okAsync, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { QboId, RealmId } from '../../qbo/company-profile.js';
import type { Cents } from '../../shared/money.js';
import type { SyncQueue } from '../../ports/sync-queue.js';
import { enqueueDocuments } from '../unsent-documents.js';
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
import { invoiceNumberOf } from '../../policy/corrected-invoice.js';
import type { SyncDocumentError, SyncDocumentOutcome } from '../../sync/sync-outcome.js';
import {
  afterLookUp,
  afterPost,
  declareIntent,
  firstSettlement,
  nextSettleStep,
  settlementFor,
  withSettlement,
  lookUpFailed,
  nextWriteStep,
  notProvenOurs,
  pdfAttached,
  pdfLeftOut,
  postFailureEffect,
  uploadTried,
} from '../../sync/write-protocol.js';
import type { Attempt } from './attempt.js';
import type { SettlementSeat } from './gathered-settlements.js';
import type { AttemptOutcomes } from './attempt-outcomes.js';
import type { PreparePayload, PreparePayloadError } from './prepare-payload.js';
import { namesSomethingGone, type CompanyProfiles } from '../company-profiles.js';
import type { Steps } from '../steps.js';

export interface WriteTransactionPorts {
  readonly queue: SyncQueue;
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

  /**
   * Runs the protocol from `record` until the document is in QBO with its PDF, or a step ends the attempt.
   * @param seat a credit note's place in its lease batch's gathered settlements (`SyncBatch`): its first application goes with the others'
   */
  run(attempt: Attempt, accounting: Accounting, record: SyncRecord, seat?: SettlementSeat): Outcome {
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
        return this.markInQuickBooks(attempt).andThen(() => this.attachPdf(attempt, accounting, step.record, seat));
      case 'done':
        return this.markInQuickBooks(attempt).andThen(() => this.finish(attempt, accounting, step.record, seat));
    }
  }

  /**
   * In QBO with its PDF. A credit note whose invoice is in QBO is then applied to it (the Payment of 0,
   * `nextSettleStep`), so QBO's automatic credit application never puts it on another invoice; one
   * whose invoice is not synchronised went alone, and says so.
   */
  private finish(attempt: Attempt, accounting: Accounting, record: SyncRecordIn<'attached'>, seat?: SettlementSeat): Outcome {
    const { transaction } = record.state;
    const invoice = attempt.correctedInvoice;
    switch (invoice.kind) {
      case 'none':
        return this.queueCreditNotes(attempt, accounting.realmId).andThen(() => this.outcomes.synced(attempt, transaction));
      case 'unknown':
        return this.outcomes.synced(attempt, transaction, { kind: 'alone', why: 'unknown' });
      case 'outside-sync':
        return this.outcomes.synced(attempt, transaction, { kind: 'alone', why: 'outside-sync', invoiceNumber: invoice.number });
      case 'not-sent':
        // A note already on its way when its invoice fell back (deleted in QBO): in QBO all the same, applied later by a resync.
        return this.outcomes.synced(attempt, transaction);
      case 'in-quickbooks': {
        const step = nextSettleStep(record.state.settlement, this.ports.clock.now());
        switch (step.kind) {
          case 'wait':
            return this.outcomes.postponed('checking', step.until);
          case 'settled':
            return this.outcomes.synced(attempt, transaction, step.result);
          case 'settle':
            return this.settle(attempt, accounting, record, invoice.transaction, seat);
        }
      }
    }
  }

  /**
   * An invoice in QBO: its credit notes not in QBO yet (held while it was on its way, or failed) are
   * queued now, each after it, a page at a time. Idempotent: a job already queued is not queued twice.
   */
  private queueCreditNotes({ doc, job }: Attempt, realmId: RealmId): ResultAsync<void, SyncDocumentError> {
    const { documents, queue, ids } = this.ports;
    if (doc.kind !== 'invoice') return okAsync(undefined);
    const from = (cursor: string | undefined): ResultAsync<void, SyncDocumentError> =>
      documents
        .page(doc.accountId, { correctsInvoiceId: doc.id, inQuickBooks: false }, cursor === undefined ? undefined : { cursor })
        .andThen((page) =>
          enqueueDocuments(queue, ids, realmId, page.items, job.reason)
            .mapErr((e): SyncDocumentError => ({ kind: 'store.unavailable', detail: e.detail }))
            .andThen(() => (page.next === null ? okAsync(undefined) : from(page.next))),
        );
    return from(undefined);
  }

  /**
   * Applies the credit memo to its invoice, as a write of the protocol: the intent stored before the
   * Payment is sent, and a lost answer checked by reading again once the in-flight window has passed.
   * A credit memo just attached is applied at once, unread (`firstSettlement`: no request but the
   * Payment, sent with the lease batch's others when it has a `seat`); a refusal, or any later try,
   * reads both balances first (what is already applied is never applied again).
   */
  private settle(
    attempt: Attempt,
    accounting: Accounting,
    record: SyncRecordIn<'attached'>,
    invoice: PostedTransaction,
    seat?: SettlementSeat,
  ): Outcome {
    const { mappings, clock } = this.ports;
    const { doc } = attempt;
    const first = firstSettlement(record, invoice, clock.now());
    if (first === undefined) return this.settleByBalances(attempt, accounting, record, invoice);
    return mappings
      .find({ accountId: doc.accountId, realmId: accounting.realmId }, 'customer', doc.customer.id)
      .andThen((customer) =>
        customer === null
          ? this.settleByBalances(attempt, accounting, record, invoice)
          : this.apply(
              attempt,
              accounting,
              record,
              { customerRef: customer.qboId, invoiceId: invoice.qboId, ...first },
              (unapplied) => this.settleByBalances(attempt, accounting, unapplied, invoice),
              seat,
            ),
      );
  }

  /** Reads the credit memo's remaining credit and the invoice's balance, then settles by `settlementFor`. */
  private settleByBalances(
    attempt: Attempt,
    accounting: Accounting,
    record: SyncRecordIn<'attached'>,
    invoice: PostedTransaction,
  ): Outcome {
    const { records } = this.ports;
    const creditMemo = record.state.transaction;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: WriteTransaction): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const credit = await accounting.readTransaction({ type: 'CreditMemo', qboId: creditMemo.qboId });
        if (credit.isErr()) return ok(yield* self.outcomes.failedOnQbo(attempt, credit.error, false));
        const target = await accounting.readTransaction({ type: 'Invoice', qboId: invoice.qboId });
        if (target.isErr()) return ok(yield* self.outcomes.failedOnQbo(attempt, target.error, false));
        // Either deleted by the accountant meanwhile: there is nothing to link; a resync sends what is missing.
        if (credit.value === null || target.value === null) return ok(yield* self.outcomes.synced(attempt, creditMemo));
        const balances = {
          creditTotal: credit.value.totalAmount,
          remainingCredit: credit.value.balance,
          invoiceBalance: target.value.balance,
        };
        const decision = settlementFor(balances, record.state.settlement?.kind === 'intent');
        if (decision.kind !== 'apply') {
          const settled = yield* records.save(withSettlement(record, { kind: 'settled', result: decision }));
          return ok(yield* self.run(attempt, accounting, settled));
        }
        const application = {
          customerRef: credit.value.customerRef,
          invoiceId: invoice.qboId,
          amount: decision.amount,
          rest: balances.remainingCredit - decision.amount,
        };
        return ok(yield* self.apply(attempt, accounting, record, application));
      })(this),
    );
  }

  /**
   * The Payment of 0 that applies `amount` of the credit memo to the invoice: intent stored, sent
   * (alone, or with its lease batch's others through `seat`: the intent then names the gathered
   * request's `requestid`), settled. A refusal (nothing written) goes to `refused` when given, with
   * the record as it was; an unknown outcome is read again later, whichever way it was sent.
   */
  private apply(
    attempt: Attempt,
    accounting: Accounting,
    record: SyncRecordIn<'attached'>,
    application: { readonly customerRef: QboId; readonly invoiceId: QboId; readonly amount: Cents; readonly rest: Cents },
    refused?: (record: SyncRecordIn<'attached'>) => Outcome,
    seat?: SettlementSeat,
  ): Outcome {
    const { records, clock, ids } = this.ports;
    const { amount, rest } = application;
    return safeTry<SyncDocumentOutcome, SyncDocumentError>(() =>
      (async function* (self: WriteTransaction): Steps<SyncDocumentOutcome, SyncDocumentError> {
        const gathered = seat?.take();
        const requestId = gathered ?? ids.next();
        const intent = yield* records.save(withSettlement(record, { kind: 'intent', requestId, at: clock.now() }));
        const credit = {
          customerRef: application.customerRef,
          invoiceId: application.invoiceId,
          creditMemoId: record.state.transaction.qboId,
          amount,
          txnDate: attempt.doc.issuedOn,
        };
        const applied = await (gathered === undefined || seat === undefined
          ? accounting.applyCredit(credit, requestId)
          : seat.send(credit));
        if (applied.isErr()) {
          const mayBeWritten = postFailureEffect(applied.error) === 'outcome-unknown';
          if (mayBeWritten) return ok(yield* self.outcomes.failedOnQbo(attempt, applied.error, true));
          const unapplied = yield* records.save(withSettlement(intent, undefined));
          if (refused !== undefined && applied.error.kind === 'qbo.fault') return ok(yield* refused(unapplied));
          return ok(yield* self.outcomes.failedOnQbo(attempt, applied.error, false));
        }
        const settled = yield* records.save(withSettlement(intent, { kind: 'settled', result: { kind: 'applied', amount, rest } }));
        return ok(yield* self.run(attempt, accounting, settled));
      })(this),
    );
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
        const prepared = await self.payloads.run(attempt.doc, accounting, invoiceNumberOf(attempt.correctedInvoice));
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
    seat?: SettlementSeat,
  ): Outcome {
    const { records, clock } = this.ports;
    return records.save(afterPost(intent, posted, clock.now())).andThen((after) => {
      if (posted.isErr()) {
        const mayBeWritten = postFailureEffect(posted.error) === 'outcome-unknown';
        return this.refusedOnQbo(attempt, accounting, posted.error, mayBeWritten);
      }
      return this.run(attempt, accounting, after, seat);
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
   * In QBO without its PDF: upload the PDF alone (the transaction is never posted again), when the
   * account attaches it (« Joindre le PDF Ogustine », on by default). The record notes the upload before it is sent; when it already did, an earlier upload may have landed (its
   * answer lost, or its process gone), so the transaction's attachables are read first: never the
   * same PDF twice, and no extra request on a first upload.
   */
  private attachPdf(attempt: Attempt, accounting: Accounting, record: SyncRecordIn<'sent'>, seat?: SettlementSeat): Outcome {
    const { records, clock, ids, files } = this.ports;
    const { doc } = attempt;
    // The one place the account's « Joindre le PDF Ogustine » acts: off, no PDF is read nor uploaded.
    if (!attempt.attachPdf)
      return records.save(pdfLeftOut(record, clock.now())).andThen((after) => this.run(attempt, accounting, after, seat));
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
          if (found.value !== null)
            return ok(yield* self.run(attempt, accounting, yield* records.save(pdfAttached(record, clock.now())), seat));
        }
        const tried = record.state.uploadTried === true ? record : yield* records.save(uploadTried(record));
        const attached = await accounting.attachPdf(target, file.value, ids.next());
        if (attached.isErr()) return ok(yield* self.attachFailed(attempt, attached.error));
        const after = yield* records.save(pdfAttached(tried, clock.now()));
        return ok(yield* self.run(attempt, accounting, after, seat));
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
