import type { AccountId, DocumentId } from '../../documents/document.js';
import type { DocumentFiles } from '../../ports/document-files.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

/** The subject of the DocumentFiles contract: files that know no document, and a way to give Ogustine a document, with its PDF or without. */
export interface DocumentFilesSubject {
  readonly files: DocumentFiles;
  /** Ogustine validated this document; `pdf` is the PDF it issued, or null when it has none. */
  readonly given: (accountId: AccountId, documentId: DocumentId, pdf: Uint8Array | null) => Promise<void>;
}

/** A PDF's bytes with every byte value in it, so an adapter that decodes or re-encodes them as text is caught. */
const aPdf = (label: string): Uint8Array => {
  const head = [...`%PDF-1.4 ${label}\n`].map((c) => c.charCodeAt(0));
  return Uint8Array.from([...head, ...Array.from({ length: 256 }, (_, i) => i), ...[...'%%EOF'].map((c) => c.charCodeAt(0))]);
};

/** What every `DocumentFiles` must do. Each case gets files that know no document. */
export const documentFilesContract: readonly ContractCase<DocumentFilesSubject>[] = [
  {
    name: 'gives the PDF Ogustine issued, byte for byte, as application/pdf with a .pdf file name',
    run: async ({ files, given }) => {
      const bytes = aPdf('A1/D1');
      await given('A1', 'D1', bytes);
      const file = await mustSucceed(files.fetchPdf('A1', 'D1'), 'fetchPdf');
      expectEqual(file.bytes, bytes, 'bytes');
      expectEqual(file.contentType, 'application/pdf', 'content type');
      expectTrue(/^[^/\\]+\.pdf$/i.test(file.fileName) && file.fileName.length <= 100, `a plain .pdf file name, got ${file.fileName}`);
    },
  },
  {
    name: 'each document its own PDF',
    run: async ({ files, given }) => {
      await given('A1', 'D1', aPdf('one'));
      await given('A1', 'D2', aPdf('two'));
      expectEqual((await mustSucceed(files.fetchPdf('A1', 'D2'), 'fetch D2')).bytes, aPdf('two'), 'D2');
      expectEqual((await mustSucceed(files.fetchPdf('A1', 'D1'), 'fetch D1')).bytes, aPdf('one'), 'D1');
    },
  },
  {
    name: 'a document without a PDF, or unknown, is not found',
    run: async ({ files, given }) => {
      await given('A1', 'D1', null);
      expectEqual((await mustFail(files.fetchPdf('A1', 'D1'), 'a document without PDF')).kind, 'files.not-found', 'no PDF');
      expectEqual((await mustFail(files.fetchPdf('A1', 'D9'), 'an unknown document')).kind, 'files.not-found', 'unknown');
    },
  },
  {
    name: "keeps accounts apart: an account never gets another account's PDF",
    run: async ({ files, given }) => {
      await given('A1', 'D1', aPdf('A1'));
      expectEqual((await mustFail(files.fetchPdf('A2', 'D1'), 'A2 asks for A1’s document')).kind, 'files.not-found', 'other account');
      await given('A2', 'D1', aPdf('A2'));
      expectEqual((await mustSucceed(files.fetchPdf('A2', 'D1'), 'A2’s own')).bytes, aPdf('A2'), 'A2’s PDF');
      expectEqual((await mustSucceed(files.fetchPdf('A1', 'D1'), 'A1’s own')).bytes, aPdf('A1'), 'A1’s PDF');
    },
  },
];
