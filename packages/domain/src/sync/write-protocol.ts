import type { Result } from 'neverthrow';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { QboTransactionType } from '../qbo/transaction-payload.js';
import type { Instant } from '../shared/time.js';
import { isDuplicateDocumentNumber } from '../errors/duplicate-document-number.js';
import type { Cents } from '../shared/money.js';
import type { RealmId } from '../qbo/company-profile.js';
import type { CreditSettled, PostedTransaction, Settlement, SyncRecord, SyncRecordIn } from './sync-record.js';

/**
 * How long a post may still be on its way to QBO, or inside it, after its intent was stored (or after
 * its answer was lost). QBO times requests out after 120 s (QBO-API.md §4); the 60 s above that cover
 * the request reaching QBO and the clocks of two workers disagreeing. Until then a look-up that finds
 * nothing does not prove absence: the post may still commit, and a new one would be a second copy.
 */
export const IN_FLIGHT_WINDOW_MS = 180_000;

/**
 * What to do next for a document's write, decided from its stored record alone, so a worker that
 * crashed anywhere resumes correctly by running the same job again.
 */
export type WriteStep =
  /** Known absent from QBO: mint a `requestid`, persist the intent, then post. */
  | { readonly kind: 'declare-intent'; readonly record: SyncRecordIn<'pending'> }
  /** A post may still be in flight (another worker's, or a lost one QBO is still running): touch nothing before `until`. */
  | { readonly kind: 'wait'; readonly until: Instant }
  /** Maybe in QBO: look it up by its number first, adopt it if found; post again only if absent. */
  | {
      readonly kind: 'look-up';
      readonly record: SyncRecordIn<'intent' | 'uncertain'>;
      readonly type: QboTransactionType;
      readonly docNumber: string;
    }
  /** In QBO without its PDF: upload the PDF alone, never post the transaction again. */
  | { readonly kind: 'attach-pdf'; readonly record: SyncRecordIn<'sent'>; readonly transaction: PostedTransaction }
  /** In QBO with its PDF (a credit note may still have to be applied to its invoice: `nextSettleStep`). */
  | { readonly kind: 'done'; readonly record: SyncRecordIn<'attached'>; readonly transaction: PostedTransaction };

/**
 * The next step of the no-duplicate write protocol. From `intent` and `uncertain` it is a look-up:
 * the post may have reached QBO (crash after send, lost response), and `requestid` alone is not
 * trusted to stop a second copy (QBO-API.md §2). But only once `IN_FLIGHT_WINDOW_MS` has passed since
 * the state's `at`: before that, the post may still land after a look-up found nothing (a second
 * worker running the same job, or QBO still working on a request whose answer was lost), so the
 * step is to wait. The worker that stores an intent posts at once, without asking again.
 * A step that acts carries the record narrowed to the states it applies to, so the transition it
 * leads to takes it as it is.
 * @returns the step for the record's state at `now`
 */
export const nextWriteStep = (record: SyncRecord, now: Instant): WriteStep => {
  const { state } = record;
  switch (state.kind) {
    case 'pending':
      return { kind: 'declare-intent', record: { ...record, state } };
    case 'intent':
    case 'uncertain': {
      const until = state.at + IN_FLIGHT_WINDOW_MS;
      return now < until
        ? { kind: 'wait', until }
        : { kind: 'look-up', record: { ...record, state }, type: record.type, docNumber: record.docNumber };
    }
    case 'sent':
      return { kind: 'attach-pdf', record: { ...record, state }, transaction: state.transaction };
    case 'attached':
      return { kind: 'done', record: { ...record, state }, transaction: state.transaction };
  }
};

/**
 * Records the intent to post with a fresh `requestid`: a new generation. Persist it before sending.
 * @returns the record in `intent`
 */
export const declareIntent = (record: SyncRecordIn<'pending'>, requestId: string, at: Instant): SyncRecordIn<'intent'> => {
  const generation = record.generation + 1;
  return { ...record, generation, state: { kind: 'intent', requestId, generation, at } };
};

/** Whether a failed post may still have written the transaction in QBO. */
export type PostFailureEffect = 'not-written' | 'outcome-unknown';

// 600 "Duplicate Request ID": QBO saw this requestid. A duplicate number (6140) may be ours too: a
// look-up with proof settles both (`isDuplicateDocumentNumber`, `proveOwnership`).
const isDuplicateRequest = (failure: Extract<QboFailure, { kind: 'qbo.fault' }>): boolean => failure.errors.some((e) => e.code === '600');

/**
 * Classifies a failed post. Only answers that prove QBO did not act (a validation fault, throttling,
 * an authentication refusal) count as not written; anything after which QBO may have committed
 * (timeout, broken connection, 5xx, a duplicate-number fault) is an unknown outcome.
 * @returns 'not-written' or 'outcome-unknown'
 */
export const postFailureEffect = (failure: QboFailure): PostFailureEffect => {
  switch (failure.kind) {
    case 'qbo.throttled':
    case 'qbo.unauthorized':
      return 'not-written';
    case 'qbo.timeout':
    case 'qbo.network':
    case 'qbo.unavailable':
      return 'outcome-unknown';
    case 'qbo.fault':
      return failure.status >= 500 || isDuplicateDocumentNumber(failure) || isDuplicateRequest(failure) ? 'outcome-unknown' : 'not-written';
  }
};

/**
 * The record after a post answered.
 * @returns `sent` with the transaction on success, `pending` if QBO surely did not write it, `uncertain` otherwise
 */
export const afterPost = (
  record: SyncRecordIn<'intent'>,
  outcome: Result<PostedTransaction, QboFailure>,
  at: Instant,
): SyncRecordIn<'sent' | 'pending' | 'uncertain'> =>
  outcome.match<SyncRecordIn<'sent' | 'pending' | 'uncertain'>>(
    (transaction) => ({ ...record, state: { kind: 'sent', transaction, at } }),
    (failure) =>
      postFailureEffect(failure) === 'not-written'
        ? { ...record, state: { kind: 'pending' } }
        : { ...record, state: { kind: 'uncertain', requestId: record.state.requestId, generation: record.state.generation, at } },
  );

/**
 * The record after a look-up by number answered: adopt what QBO holds, or, QBO having proved the
 * document absent, go back to `pending` so the next post gets a new `requestid`.
 * @returns `sent` with the found transaction, or `pending` if QBO does not hold it
 */
export const afterLookUp = (
  record: SyncRecordIn<'intent' | 'uncertain'>,
  found: PostedTransaction | null,
  at: Instant,
): SyncRecordIn<'sent' | 'pending'> =>
  found === null
    ? { ...record, state: { kind: 'pending' } }
    : {
        ...record,
        // Only what a post would have kept: a look-up's extra fields (proof, balance) are not the record's.
        state: {
          kind: 'sent',
          transaction: { type: found.type, qboId: found.qboId, docNumber: found.docNumber, totalAmount: found.totalAmount },
          at,
        },
      };

/**
 * The record when a look-up found a transaction with the document's number that is not proven ours
 * (`proveOwnership`): not adopted; the document is not in QBO as far as the module knows, and the
 * failure is shown. A later resync posts again, meets the duplicate number, and looks up again.
 * @returns the record in `pending`
 */
export const notProvenOurs = (record: SyncRecordIn<'intent' | 'uncertain'>): SyncRecordIn<'pending'> => ({
  ...record,
  state: { kind: 'pending' },
});

/**
 * The record of a document believed in QBO that the accountant deleted there (read back as absent):
 * it is no longer in QBO, so it goes back to `pending` and is posted again, with a new `requestid`
 * (a new generation), never a replay of the old one, which QBO would answer with the deleted copy.
 * @returns the record in `pending`
 */
export const deletedInQuickBooks = (record: SyncRecordIn<'sent' | 'attached'>): SyncRecordIn<'pending'> => ({
  ...record,
  state: { kind: 'pending' },
});

/**
 * The record when a look-up could not answer: the outcome stays unknown, shown as "checking QuickBooks…".
 * It keeps the state's `at`: a failed read changes nothing about when the post could have landed, so
 * the next attempt does not wait out the in-flight window again.
 * @returns the record in `uncertain`, same `requestid`, generation and `at`
 */
export const lookUpFailed = (record: SyncRecordIn<'intent' | 'uncertain'>): SyncRecordIn<'uncertain'> => ({
  ...record,
  state: { kind: 'uncertain', requestId: record.state.requestId, generation: record.state.generation, at: record.state.at },
});

/** @returns the record in `sent`, noting that an upload is about to be sent (stored before sending it) */
export const uploadTried = (record: SyncRecordIn<'sent'>): SyncRecordIn<'sent'> => ({
  ...record,
  state: { ...record.state, uploadTried: true },
});

/** @returns the record in `attached`: the PDF is linked to the transaction */
export const pdfAttached = (record: SyncRecordIn<'sent'>, at: Instant): SyncRecordIn<'attached'> => ({
  ...record,
  state: { kind: 'attached', transaction: record.state.transaction, at },
});

/** @returns the record in `attached` without a PDF: the account does not attach Ogustine's PDF (no upload is sent) */
export const pdfLeftOut = (record: SyncRecordIn<'sent'>, at: Instant): SyncRecordIn<'attached'> => ({
  ...record,
  state: { kind: 'attached', transaction: record.state.transaction, at, withoutPdf: true },
});

/** The next step of a credit note's application to its invoice, once the note is in QBO with its PDF. */
export type SettleStep =
  | { readonly kind: 'settle' }
  | { readonly kind: 'wait'; readonly until: Instant }
  | { readonly kind: 'settled'; readonly result: CreditSettled };

/**
 * From the stored settlement: none yet → read the balances and apply; an intent within the in-flight
 * window → wait (the Payment may still land); an intent past it → read again: a remaining credit
 * below the note's total says the Payment landed, so it is never sent twice.
 * @returns the step
 */
export const nextSettleStep = (settlement: Settlement | undefined, now: Instant): SettleStep => {
  if (settlement === undefined) return { kind: 'settle' };
  if (settlement.kind === 'settled') return { kind: 'settled', result: settlement.result };
  const until = settlement.at + IN_FLIGHT_WINDOW_MS;
  return now < until ? { kind: 'wait', until } : { kind: 'settle' };
};

/** What QBO holds of both, read just before applying. */
export interface SettlementBalances {
  /** The credit memo's `TotalAmt`. */
  readonly creditTotal: Cents;
  /** Its `RemainingCredit`. */
  readonly remainingCredit: Cents;
  /** The invoice's `Balance`. */
  readonly invoiceBalance: Cents;
}

/**
 * What to do with a credit memo and its invoice as QBO holds them: some of the credit already used
 * means an application landed (ours, after a lost answer, when an intent was stored; else the
 * accountant's): nothing more is applied;
 * an invoice already paid takes nothing; otherwise apply as much as both allow.
 * @returns `apply` with the amount, or the settled result
 */
export const settlementFor = (
  b: SettlementBalances,
  afterOurIntent: boolean,
): { readonly kind: 'apply'; readonly amount: Cents } | CreditSettled => {
  if (b.remainingCredit < b.creditTotal)
    return afterOurIntent
      ? { kind: 'applied', amount: b.creditTotal - b.remainingCredit, rest: b.remainingCredit }
      : { kind: 'applied-elsewhere' };
  if (b.invoiceBalance <= 0) return { kind: 'invoice-paid', credit: b.remainingCredit };
  return { kind: 'apply', amount: Math.min(b.invoiceBalance, b.remainingCredit) };
};

/** How long after its PDF a credit memo is taken to have all its credit left, unread (`firstSettlement`). */
export const FRESH_CREDIT_MS = 60_000;

/**
 * The application tried first, before reading anything: a credit memo attached a moment ago has all
 * its credit left (`FRESH_CREDIT_MS`), and an invoice at most its total left to pay, so the smaller
 * of the two totals is applied. QBO refuses an application larger than either open balance: if the
 * invoice was paid meanwhile, or partly, or took another credit, the application is refused,
 * nothing is written, and the balances are then read for `settlementFor`; otherwise it lands as
 * `settlementFor` would have decided. Only a first try (no intent stored before) of a fresh credit memo.
 * @returns the amount to apply, or undefined to read the balances first
 */
export const firstSettlement = (
  record: SyncRecordIn<'attached'>,
  invoice: PostedTransaction,
  now: Instant,
): { readonly amount: Cents; readonly rest: Cents } | undefined => {
  const { settlement, transaction, at } = record.state;
  if (settlement !== undefined || now - at > FRESH_CREDIT_MS) return undefined;
  const amount = Math.min(transaction.totalAmount, invoice.totalAmount);
  return amount > 0 ? { amount, rest: transaction.totalAmount - amount } : undefined;
};

/** @returns the record with its settlement */
export const withSettlement = (record: SyncRecordIn<'attached'>, settlement: Settlement | undefined): SyncRecordIn<'attached'> => {
  const { settlement: _previous, ...state } = record.state;
  return { ...record, state: settlement === undefined ? state : { ...state, settlement } };
};

/**
 * A record written for another company than the one now connected (the user connected another, or
 * came back to an earlier one): whether this company holds the document is unknown, so it is looked
 * up by its number first (adopted only with proof), never posted blind. At once: no post of this
 * module can be in flight to this company for it (`at` 0).
 * @returns the record for `realmId`, in `uncertain`
 */
export const inAnotherCompany = (record: SyncRecord, realmId: RealmId): SyncRecordIn<'uncertain'> => ({
  ...record,
  realmId,
  state: { kind: 'uncertain', requestId: '', generation: record.generation, at: 0 },
});
