import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../documents/document.js';
import type { ParseIssue } from '../documents/parse-document.js';
import type { CalendarDate, TimeZone } from '../shared/time.js';
import type { PdfFile } from './document-files.js';

/*
 * Ogustine's billing core, as the module reads it: the account, the history of validated documents
 * (the initial sync's source) and their PDFs. The HTTP contract is `docs/billing-core-api.md`.
 */

/** A BCP 47 language tag of the account, e.g. `fr-FR`. */
export type Locale = string;

/** What the module needs to know of an Ogustine account. */
export interface BillingAccount {
  readonly accountId: AccountId;
  /** IANA time zone: a document's creation day, and the sync-from day, are read in it. */
  readonly timeZone: TimeZone;
  readonly locale: Locale;
}

/** An opaque position in an account's history, given by the billing core; never built by the module. */
export type BillingCursor = string;

/** The largest page the billing core serves; a larger request is served this many at most. */
export const MAX_BILLING_PAGE_SIZE = 500;
export const DEFAULT_BILLING_PAGE_SIZE = 100;

export interface ValidatedDocumentsRequest {
  /** Documents created on or after this day, in the account's time zone. */
  readonly createdFrom: CalendarDate;
  /** `null` for the first page; then the `nextCursor` of the page before. */
  readonly cursor: BillingCursor | null;
  /** 1 to `MAX_BILLING_PAGE_SIZE`; `DEFAULT_BILLING_PAGE_SIZE` when absent. */
  readonly pageSize?: number;
}

/**
 * A document of the history the module cannot read (it breaks `docs/document-message.md`). It is
 * reported, never dropped, so the import can show it; `documentId` is `null` when even the id is unreadable.
 */
export interface UnreadableDocument {
  readonly documentId: DocumentId | null;
  readonly issues: readonly ParseIssue[];
}

/**
 * One page of an account's validated documents, in validation order (then by id). The order only
 * grows at its end, so a cursor stays valid: an import stopped at a cursor resumes there.
 */
export interface ValidatedDocumentsPage {
  readonly documents: readonly OgustineDocument[];
  readonly unreadable: readonly UnreadableDocument[];
  /** `null` on the last page. */
  readonly nextCursor: BillingCursor | null;
}

export type BillingNotFound = 'account' | 'document' | 'pdf';

export type BillingCoreError =
  /** The account, the document, or the document's PDF does not exist (another account's document is absent). */
  | { readonly kind: 'billing.not-found'; readonly what: BillingNotFound }
  /** Not reached, timed out or failing (5xx): retry later, no sooner than `retryAfterMs` when the core says. */
  | { readonly kind: 'billing.unavailable'; readonly detail: string; readonly retryAfterMs: number | null }
  /** The core answered something the contract does not allow (unreadable JSON, a page of the wrong shape, a PDF too large or not a PDF). */
  | { readonly kind: 'billing.malformed'; readonly detail: string }
  /** The core refused the request (4xx other than 404: the service token, a cursor it does not know): waiting will not help. */
  | { readonly kind: 'billing.refused'; readonly status: number; readonly detail: string };

/** Ogustine's billing core. */
export interface BillingCore {
  /**
   * @returns ok(account) with its time zone and locale
   * @returns err(billing.not-found 'account') if Ogustine has no such account
   */
  getAccount(accountId: AccountId): ResultAsync<BillingAccount, BillingCoreError>;
  /**
   * One page of the account's validated invoices and credit notes created since a day.
   * @returns ok(page) with at most `pageSize` entries (documents and unreadable ones together)
   * @returns err(billing.not-found 'account') if Ogustine has no such account
   */
  listValidatedDocuments(accountId: AccountId, request: ValidatedDocumentsRequest): ResultAsync<ValidatedDocumentsPage, BillingCoreError>;
  /**
   * @returns ok(file) with the PDF Ogustine issued for this document
   * @returns err(billing.not-found 'document') if the account has no such document, 'pdf' if the document has no PDF
   */
  fetchDocumentPdf(accountId: AccountId, documentId: DocumentId): ResultAsync<PdfFile, BillingCoreError>;
}
