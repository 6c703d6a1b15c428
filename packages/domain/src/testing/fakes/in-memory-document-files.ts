import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId } from '../../documents/document.js';
import type { DocumentFiles, DocumentFilesError, PdfFile } from '../../ports/document-files.js';
import { asciiBytes } from './ascii-bytes.js';

const key = (accountId: AccountId, documentId: DocumentId): string => JSON.stringify([accountId, documentId]);

/**
 * Ogustine's PDFs. A document has the PDF `put` for it, else a small generated one when `issued`
 * says Ogustine issued it (as Ogustine issues one for every validated document: `InMemoryModule`
 * answers from its document store), else none; `remove` and `failNext` model the exceptions.
 */
export class InMemoryDocumentFiles implements DocumentFiles {
  private readonly files = new Map<string, PdfFile>();
  private readonly missing = new Set<string>();
  private failures: DocumentFilesError[] = [];

  constructor(private readonly issued: (accountId: AccountId, documentId: DocumentId) => boolean = () => false) {}

  put(accountId: AccountId, documentId: DocumentId, file: PdfFile): void {
    this.missing.delete(key(accountId, documentId));
    this.files.set(key(accountId, documentId), file);
  }

  remove(accountId: AccountId, documentId: DocumentId): void {
    this.files.delete(key(accountId, documentId));
    this.missing.add(key(accountId, documentId));
  }

  /** The next fetch fails with this error (queued: call it n times for n failures). */
  failNext(error: DocumentFilesError = { kind: 'files.unavailable', detail: 'Ogustine did not answer' }): void {
    this.failures.push(error);
  }

  fetchPdf(accountId: AccountId, documentId: DocumentId): ResultAsync<PdfFile, DocumentFilesError> {
    const [failure, ...rest] = this.failures;
    if (failure !== undefined) {
      this.failures = rest;
      return errAsync(failure);
    }
    const k = key(accountId, documentId);
    if (this.missing.has(k)) return errAsync({ kind: 'files.not-found' });
    const put = this.files.get(k);
    if (put !== undefined) return okAsync(put);
    if (!this.issued(accountId, documentId)) return errAsync({ kind: 'files.not-found' });
    return okAsync({
      fileName: `${documentId}.pdf`,
      contentType: 'application/pdf',
      bytes: asciiBytes(`%PDF-1.4 ${accountId}/${documentId}`),
    });
  }
}
