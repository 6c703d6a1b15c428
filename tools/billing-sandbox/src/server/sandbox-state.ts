// Everything one sandbox holds: its accounts' histories, PDFs missing on purpose, the PDF cache,
// the faults asked for and the events emitted.
import type { DocumentEvent, EventPublisher } from '../events/document-event.js';
import { FaultInjector } from '../faults/fault-injector.js';
import { AccountHistory } from '../history/account-history.js';
import { PdfCache } from '../pdf/pdf-cache.js';
import { renderDocumentPdf, type PdfRenderer } from '../pdf/document-pdf.js';
import type { AccountSpec } from '../seed/account-spec.js';

export interface SandboxState {
  readonly seed: number;
  readonly token: string;
  readonly clock: () => Date;
  readonly accounts: Map<string, AccountHistory>;
  /** `accountId\u001fdocumentId` of documents whose PDF is gone. */
  readonly pdfMissing: Set<string>;
  readonly pdfs: PdfCache;
  /** How a document's PDF is made (`renderDocumentPdf` unless the sandbox was given another). */
  readonly renderPdf: PdfRenderer;
  readonly faults: FaultInjector;
  /** Per account, the documents emitted on demand, oldest first. */
  readonly emitted: Map<string, unknown[]>;
  /** The last events published, newest last (at most 200). */
  readonly events: DocumentEvent[];
  readonly publisher: EventPublisher | undefined;
}

export const pdfKey = (accountId: string, documentId: string): string => `${accountId}\u001f${documentId}`;

export const createState = (options: {
  seed: number;
  token: string;
  clock: () => Date;
  accounts: readonly AccountSpec[];
  publisher: EventPublisher | undefined;
  renderPdf?: PdfRenderer | undefined;
}): SandboxState => ({
  seed: options.seed,
  token: options.token,
  clock: options.clock,
  accounts: new Map(options.accounts.map((spec) => [spec.accountId, new AccountHistory(options.seed, spec)])),
  pdfMissing: new Set(),
  pdfs: new PdfCache(),
  renderPdf: options.renderPdf ?? renderDocumentPdf,
  faults: new FaultInjector(),
  emitted: new Map(),
  events: [],
  publisher: options.publisher,
});
