import type { DocumentFiles, DocumentFilesError } from './document-files.js';
import type { BillingCore, BillingCoreError } from './billing-core.js';

const filesError = (error: BillingCoreError): DocumentFilesError => {
  switch (error.kind) {
    case 'billing.not-found':
      return { kind: 'files.not-found' };
    case 'billing.unavailable':
      return { kind: 'files.unavailable', detail: error.detail };
    case 'billing.malformed':
      return { kind: 'files.unavailable', detail: `the billing core sent a malformed answer: ${error.detail}` };
    case 'billing.refused':
      return { kind: 'files.unavailable', detail: `the billing core refused the request (${error.status}): ${error.detail}` };
  }
};

/**
 * `DocumentFiles` served by the billing core, so one adapter answers both ports while the sync still
 * asks `DocumentFiles` for PDFs.
 */
export const documentFilesFromBillingCore = (core: BillingCore): DocumentFiles => ({
  fetchPdf: (accountId, documentId) => core.fetchDocumentPdf(accountId, documentId).mapErr(filesError),
});
