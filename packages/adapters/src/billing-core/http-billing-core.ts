// The billing-core port over HTTP (`docs/billing-core-api.md`).
import type { ResultAsync } from 'neverthrow';
import {
  DEFAULT_BILLING_PAGE_SIZE,
  MAX_BILLING_PAGE_SIZE,
  type AccountId,
  type BillingAccount,
  type BillingCore,
  type BillingCoreError,
  type DocumentId,
  type PdfFile,
  type ValidatedDocumentsPage,
  type ValidatedDocumentsRequest,
} from '@ogustine-qbo/domain';
import { DEFAULT_BILLING_CORE_HTTP_OPTIONS, type BillingCoreHttpOptions } from './billing-core-options.js';
import { httpGet } from './http-get.js';
import { readJson, toAccount, toPage } from './read-json.js';
import { readPdf } from './read-pdf.js';

const JSON_TYPE = 'application/json';

const accountPath = (accountId: AccountId): string => `v1/accounts/${encodeURIComponent(accountId)}`;

export class HttpBillingCore implements BillingCore {
  private readonly options: BillingCoreHttpOptions;

  constructor(options: Pick<BillingCoreHttpOptions, 'baseUrl' | 'token'> & Partial<BillingCoreHttpOptions>) {
    this.options = { ...DEFAULT_BILLING_CORE_HTTP_OPTIONS, ...options };
  }

  getAccount(accountId: AccountId): ResultAsync<BillingAccount, BillingCoreError> {
    return httpGet(this.options, {
      path: accountPath(accountId),
      timeoutMs: this.options.jsonTimeoutMs,
      accept: JSON_TYPE,
      notFound: 'account',
      read: async (response) => (await readJson(response)).andThen((body) => toAccount(accountId, body)),
    });
  }

  listValidatedDocuments(accountId: AccountId, request: ValidatedDocumentsRequest): ResultAsync<ValidatedDocumentsPage, BillingCoreError> {
    // The port allows any page size; the API takes 1 to 500.
    const limit = Math.min(Math.max(1, Math.floor(request.pageSize ?? DEFAULT_BILLING_PAGE_SIZE)), MAX_BILLING_PAGE_SIZE);
    const query = new URLSearchParams({ createdFrom: request.createdFrom, limit: String(limit) });
    if (request.cursor !== null) query.set('cursor', request.cursor);
    return httpGet(this.options, {
      path: `${accountPath(accountId)}/documents?${query.toString()}`,
      timeoutMs: this.options.jsonTimeoutMs,
      accept: JSON_TYPE,
      notFound: 'account',
      read: async (response) => (await readJson(response)).andThen((body) => toPage(accountId, body)),
    });
  }

  fetchDocumentPdf(accountId: AccountId, documentId: DocumentId): ResultAsync<PdfFile, BillingCoreError> {
    return httpGet(this.options, {
      path: `${accountPath(accountId)}/documents/${encodeURIComponent(documentId)}/pdf`,
      timeoutMs: this.options.pdfTimeoutMs,
      accept: 'application/pdf',
      notFound: 'document',
      read: readPdf(documentId, this.options.maxPdfBytes),
    });
  }
}
