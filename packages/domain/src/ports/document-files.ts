import type { ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../documents/document.js';

/** A document's PDF, ready to upload as a QBO Attachable (which needs a file name and a content type). */
export interface PdfFile {
  readonly fileName: string;
  readonly contentType: 'application/pdf';
  readonly bytes: Uint8Array;
}

export type DocumentFilesError = { readonly kind: 'files.not-found' } | { readonly kind: 'files.unavailable'; readonly detail: string };

/** Ogustine's PDFs of validated documents. */
export interface DocumentFiles {
  /**
   * @returns ok(file) with the PDF Ogustine issued for this document
   * @returns err(files.not-found) if Ogustine has no PDF for it
   * @returns err(files.unavailable) if Ogustine could not be reached (retry later)
   */
  fetchPdf(accountId: AccountId, documentId: DocumentId): ResultAsync<PdfFile, DocumentFilesError>;
}
