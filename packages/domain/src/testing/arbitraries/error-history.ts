import fc from 'fast-check';
import { ok, type Result } from 'neverthrow';
import type { AccountId, DocumentId, DocumentKind } from '../../documents/document.js';
import {
  markRetrying,
  recordFailure,
  resolveDocument,
  retryFailed,
  type ErrorHistory,
  type ErrorHistoryError,
  type ErrorRecord,
} from '../../errors/error-history.js';
import type { QboFailure, QboFaultError } from '../../errors/qbo-fault.js';
import type { QboTrace, SyncFailureCause } from '../../errors/sync-failure-cause.js';
import type { DocumentDecision, HoldReason, RefusalReason } from '../../policy/document-decision.js';
import type { PrerequisiteKind, UnmetPrerequisite } from '../../policy/unmet-prerequisite.js';
import type { Localized } from '../../shared/localized.js';
import type { DocumentSyncFacts } from '../../reporting/document-sync-status.js';
import { calendarDateArb, instantArb, vatRateArb } from './document.js';

/** Codes QBO really sends (QBO-API.md §6), plus the catch-alls. */
export const QBO_FAULT_CODES = [
  '100',
  '120',
  '500',
  '600',
  '610',
  '620',
  '630',
  '1040',
  '2000',
  '2010',
  '2020',
  '2030',
  '2050',
  '2500',
  '3001',
  '3100',
  '3200',
  '4000',
  '5010',
  '5020',
  '5030',
  '6000',
  '6020',
  '6030',
  '6041',
  '6090',
  '6100',
  '6140',
  '6170',
  '6190',
  '6210',
  '6240',
  '6250',
  '6430',
  '6470',
  '10000',
  '003200',
  '003001',
] as const;

const REAL_WORDINGS = [
  'Business Validation Error: Make sure all your transactions have a VAT rate before you save.',
  'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.',
  'Business Validation Error: The discount amount can\u2019t be greater than the subtotal',
  'Erreur de validation : les remises ne sont pas activées.',
  'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=OGUSTINE_2024-01-15 is assigned to TxnType=Invoice with TxnId=130',
  'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
  'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
  "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
  'message=AuthenticationFailed; errorCode=003200; statusCode=401',
  'message=ThrottleExceeded; errorCode=003001; statusCode=429',
  'Token expired: eyJlbmMiOiJBMTI4Q0JDLUhTMjU2',
] as const;

const wordingArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...REAL_WORDINGS), fc.string({ maxLength: 40 }), fc.constant(''));

export const qboFaultErrorArb: fc.Arbitrary<QboFaultError> = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...QBO_FAULT_CODES), fc.string({ maxLength: 8 })),
    message: wordingArb,
    detail: wordingArb,
    element: fc.constantFrom('', 'DocNumber', 'Line', 'CustomerRef'),
  },
  { requiredKeys: ['code', 'message', 'detail'] },
);

export const qboFaultArb: fc.Arbitrary<Extract<QboFailure, { kind: 'qbo.fault' }>> = fc.record(
  {
    kind: fc.constant('qbo.fault' as const),
    status: fc.oneof(fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503), fc.integer({ min: 0, max: 999 })),
    errors: fc.array(qboFaultErrorArb, { maxLength: 3 }),
    faultType: fc.oneof(
      fc.constantFrom('ValidationFault', 'SystemFault', 'AuthenticationFault', 'AUTHENTICATION', 'SERVICE'),
      fc.string({ maxLength: 12 }),
    ),
    intuitTid: fc.string({ minLength: 1, maxLength: 20 }),
  },
  { requiredKeys: ['kind', 'status', 'errors', 'faultType'] },
);

/** Any failure the QuickBooks adapter can report, realistic codes and wordings mixed with noise. */
export const qboFailureArb: fc.Arbitrary<QboFailure> = fc.oneof(
  { weight: 4, arbitrary: qboFaultArb },
  fc.constant<QboFailure>({ kind: 'qbo.throttled' }),
  fc.constant<QboFailure>({ kind: 'qbo.unauthorized' }),
  fc
    .option(fc.integer({ min: 500, max: 599 }), { nil: undefined })
    .map<QboFailure>((status) => (status === undefined ? { kind: 'qbo.unavailable' } : { kind: 'qbo.unavailable', status })),
  fc.constant<QboFailure>({ kind: 'qbo.timeout' }),
  fc.constant<QboFailure>({ kind: 'qbo.network' }),
);

const localizedArb: fc.Arbitrary<Localized> = fc.constantFrom(
  { fr: 'Le numéro dépasse 21 caractères.', en: 'The number is longer than 21 characters.' },
  { fr: 'Le numéro contient un caractère refusé.', en: 'The number contains a refused character.' },
);

const prerequisiteKindArb: fc.Arbitrary<PrerequisiteKind> = fc.oneof(
  fc.constant<PrerequisiteKind>({ kind: 'prerequisite.us-company-unsupported' }),
  fc.constant<PrerequisiteKind>({ kind: 'prerequisite.vat-not-set-up' }),
  vatRateArb.map<PrerequisiteKind>((rate) => ({ kind: 'prerequisite.tax-code-missing', rate })),
  fc.constant<PrerequisiteKind>({ kind: 'prerequisite.custom-transaction-numbers-off' }),
  fc.constant<PrerequisiteKind>({ kind: 'prerequisite.discounts-not-allowed' }),
  fc.constant<PrerequisiteKind>({ kind: 'prerequisite.no-income-account' }),
  fc.constantFrom('EUR', 'XPF', 'CHF').map<PrerequisiteKind>((currency) => ({ kind: 'prerequisite.currency-not-enabled', currency })),
);

const documentIdArb: fc.Arbitrary<DocumentId> = fc.constantFrom('doc-1', 'doc-2', 'doc-3', 'doc-4', 'doc-5');

/** An unmet prerequisite with placeholder wording (the prerequisite check writes the real one). */
const unmetArb: fc.Arbitrary<UnmetPrerequisite> = fc
  .tuple(prerequisiteKindArb, fc.uniqueArray(documentIdArb, { maxLength: 3 }))
  .map(([kind, documentIds]) => ({
    ...kind,
    message: { fr: 'QuickBooks n’est pas prêt pour ce document.', en: 'QuickBooks is not ready for this document.' },
    fix: {
      fr: 'Complétez le réglage dans QuickBooks, puis cliquez sur « Réessayer ».',
      en: 'Complete the setting in QuickBooks, then click “Retry”.',
    },
    documentIds,
  }));

const traceArb: fc.Arbitrary<QboTrace> = fc.record(
  { qboCode: fc.constantFrom(...QBO_FAULT_CODES), qboDetail: wordingArb, intuitTid: fc.string({ minLength: 1, maxLength: 12 }) },
  { requiredKeys: [] },
);

/** Every kind of cause, with and without QBO's trace. */
export const syncFailureCauseArb: fc.Arbitrary<SyncFailureCause> = fc.oneof(
  unmetArb.map<SyncFailureCause>((prerequisite) => ({ kind: 'cause.prerequisite', prerequisite })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.discounts-disabled', ...t })),
  fc
    .tuple(traceArb, fc.option(vatRateArb, { nil: undefined }))
    .map<SyncFailureCause>(([t, rate]) =>
      rate === undefined ? { kind: 'cause.tax-code-missing', ...t } : { kind: 'cause.tax-code-missing', rate, ...t },
    ),
  fc
    .tuple(
      traceArb,
      fc.constantFrom('OGUSTINE_2024-01-15', 'OGUSTINE_2023-12-01'),
      fc.constantFrom('Invoice', 'CreditMemo', 'SalesReceipt', 'Bill'),
    )
    .map<SyncFailureCause>(([t, docNumber, existingTxnType]) => ({
      kind: 'cause.duplicate-document-number',
      docNumber,
      existingTxnType,
      existingTxnId: '130',
      ...t,
    })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.duplicate-customer-name', ...t })),
  fc
    .constantFrom('Jeanne Dupont', 'SCI Les Tilleuls')
    .map<SyncFailureCause>((displayName) => ({ kind: 'cause.duplicate-customer-name', displayName })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.invalid-reference', ...t })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.stale-object', ...t })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.business-validation', ...t })),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.authorization-lost', ...t })),
  fc
    .tuple(traceArb, fc.constantFrom('throttled' as const, 'server-error' as const, 'timeout' as const, 'network' as const))
    .map<SyncFailureCause>(([t, reason]) => ({ kind: 'cause.qbo-unavailable', reason, ...t })),
  fc.constant<SyncFailureCause>({ kind: 'cause.outcome-unknown' }),
  traceArb.map<SyncFailureCause>((t) => ({ kind: 'cause.pdf-attachment-failed', ...t })),
  localizedArb.map<SyncFailureCause>((detail) => ({ kind: 'cause.number-not-representable', detail })),
  fc
    .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('EUR', 'GBP', 'CAD'))
    .map<SyncFailureCause>(([expected, actual, currency]) => ({ kind: 'cause.total-mismatch', expected, actual, currency })),
  fc
    .array(fc.constantFrom('customer', 'lines', 'totals', 'number'), { minLength: 1, maxLength: 3 })
    .map<SyncFailureCause>((fields) => ({ kind: 'cause.document-changed', fields })),
  fc
    .tuple(vatRateArb, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }))
    .map<SyncFailureCause>(([rate, base, stated, computed]) => ({
      kind: 'cause.vat-inconsistent',
      rate,
      base,
      stated,
      computed,
      tolerance: 1,
      currency: 'EUR',
    })),
  fc
    .tuple(traceArb, fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }))
    .map<SyncFailureCause>(([t, status]) =>
      status === undefined ? { kind: 'cause.unknown', ...t } : { kind: 'cause.unknown', status, ...t },
    ),
);

/** One step of the error lifecycle, as the sync use cases drive it. */
export type ErrorHistoryOperation =
  | {
      readonly op: 'record';
      readonly id: string;
      readonly accountId: AccountId;
      readonly documentId: DocumentId;
      readonly documentKind: DocumentKind;
      readonly at: number;
      readonly cause: SyncFailureCause;
    }
  | { readonly op: 'mark-retrying'; readonly documentIds: readonly DocumentId[]; readonly at: number }
  | { readonly op: 'retry-failed'; readonly documentId: DocumentId; readonly at: number }
  | { readonly op: 'resolve'; readonly documentId: DocumentId; readonly at: number };

/** Documents belong to one account each, as Ogustine's ids do. */
export const accountOfDocument = (documentId: DocumentId): AccountId =>
  documentId === 'doc-1' || documentId === 'doc-2' ? 'acct-A' : 'acct-B';

const kindOfDocument = (documentId: DocumentId): DocumentKind => (documentId === 'doc-3' ? 'credit_note' : 'invoice');

type Step =
  | { readonly op: 'record'; readonly documentId: DocumentId; readonly cause: SyncFailureCause }
  | { readonly op: 'mark-retrying'; readonly documentIds: readonly DocumentId[] }
  | { readonly op: 'retry-failed'; readonly documentId: DocumentId }
  | { readonly op: 'resolve'; readonly documentId: DocumentId };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('record' as const), documentId: documentIdArb, cause: syncFailureCauseArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('mark-retrying' as const),
      documentIds: fc.uniqueArray(documentIdArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retry-failed' as const), documentId: documentIdArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('resolve' as const), documentId: documentIdArb }) },
);

/**
 * A sequence of lifecycle operations over five documents of two accounts, at increasing times, with
 * unique record ids. Some operations are invalid on purpose (retrying a document without errors…).
 */
export const errorHistoryOperationsArb = (options: { readonly maxLength?: number } = {}): fc.Arbitrary<readonly ErrorHistoryOperation[]> =>
  fc
    .tuple(instantArb, fc.array(fc.tuple(stepArb, fc.integer({ min: 0, max: 3_600_000 })), { maxLength: options.maxLength ?? 20 }))
    .map(([start, steps]) => {
      let at = start;
      return steps.map(([step, gap], index): ErrorHistoryOperation => {
        at += gap;
        if (step.op === 'record') {
          const { documentId, cause } = step;
          return {
            op: 'record',
            id: `err-${index}`,
            accountId: accountOfDocument(documentId),
            documentId,
            documentKind: kindOfDocument(documentId),
            at,
            cause,
          };
        }
        return { ...step, at };
      });
    });

/** Applies one operation with the error-history functions. */
export const applyErrorHistoryOperation = (
  history: ErrorHistory,
  operation: ErrorHistoryOperation,
): Result<ErrorHistory, ErrorHistoryError> => {
  switch (operation.op) {
    case 'record': {
      const { id, accountId, documentId, documentKind, at, cause } = operation;
      return recordFailure(history, { id, accountId, documentId, documentKind, occurredAt: at, cause });
    }
    case 'mark-retrying':
      return markRetrying(history, operation.documentIds, operation.at);
    case 'retry-failed':
      return retryFailed(history, operation.documentId, operation.at);
    case 'resolve':
      return ok(resolveDocument(history, operation.documentId, operation.at));
  }
};

/** An unresolved error record of `documentId` (what `DocumentSyncFacts.openErrors` holds). */
export const unresolvedErrorRecordArb = (documentId: DocumentId): fc.Arbitrary<ErrorRecord> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 5 }),
      instantArb,
      syncFailureCauseArb,
      fc.constantFrom('open' as const, 'retrying' as const),
      fc.string({ minLength: 1, maxLength: 6 }),
    )
    .map(([attempt, occurredAt, cause, state, suffix]) => ({
      id: `err-${documentId}-${attempt}-${suffix}`,
      accountId: accountOfDocument(documentId),
      documentId,
      attempt,
      occurredAt,
      cause,
      state,
      history:
        state === 'open'
          ? [{ state, at: occurredAt }]
          : [
              { state: 'open', at: occurredAt },
              { state, at: occurredAt + 1 },
            ],
      version: 1,
    }));

const holdReasonArb: fc.Arbitrary<HoldReason> = fc.oneof(
  fc.constant<HoldReason>({ kind: 'hold.not-connected' }),
  fc.constant<HoldReason>({ kind: 'hold.initial-sync-not-launched' }),
  calendarDateArb.map<HoldReason>((until) => ({ kind: 'hold.suspended', until })),
  calendarDateArb.map<HoldReason>((syncFrom) => ({ kind: 'hold.created-before-sync-from', syncFrom })),
  fc.array(unmetArb, { maxLength: 3 }).map<HoldReason>((unmet) => ({ kind: 'hold.prerequisites', unmet })),
);

const refusalReasonArb: fc.Arbitrary<RefusalReason> = fc.oneof(
  fc.constant<RefusalReason>({ kind: 'refusal.already-in-quickbooks' }),
  localizedArb.map<RefusalReason>((detail) => ({ kind: 'refusal.number-not-representable', detail })),
);

export const documentDecisionSampleArb: fc.Arbitrary<DocumentDecision> = fc.oneof(
  fc.constant<DocumentDecision>({ kind: 'send-now', docNumber: 'OGUSTINE_2024-01-15' }),
  holdReasonArb.map<DocumentDecision>((reason) => ({ kind: 'hold', reason })),
  refusalReasonArb.map<DocumentDecision>((reason) => ({ kind: 'refuse', reason })),
);

/** Everything reporting may know of one document, in every combination (some contradictory on purpose). */
export const documentSyncFactsArb: fc.Arbitrary<DocumentSyncFacts> = documentIdArb.chain((documentId) =>
  fc.record(
    {
      documentId: fc.constant(documentId),
      number: fc.constantFrom('2024-01-15', '2023-12-01', '1'),
      kind: fc.constantFrom('invoice' as const, 'credit_note' as const),
      inQuickBooks: fc.record({
        qboId: fc.integer({ min: 1, max: 99_999 }).map(String),
        docNumber: fc.constantFrom('OGUSTINE_2024-01-15', 'OGUSTINE_1'),
        pdfAttached: fc.boolean(),
        pdfLeftOut: fc.boolean(),
      }),
      writeInProgress: fc.constantFrom('sending' as const, 'uncertain' as const),
      decision: documentDecisionSampleArb,
      openErrors: fc.array(unresolvedErrorRecordArb(documentId), { maxLength: 3 }),
    },
    { requiredKeys: ['documentId', 'number', 'kind', 'openErrors'] },
  ),
);
