// A document's PDF as the sandbox serves it (API and admin page): made on demand, cached, or missing.
import { pdfKey, type SandboxState } from '../server/sandbox-state.js';

export type PdfOutcome =
  | { readonly kind: 'pdf'; readonly bytes: Buffer; readonly fileName: string }
  | { readonly kind: 'account_not_found' | 'document_not_found' | 'pdf_not_found' };

/** Characters kept in a `Content-Disposition` file name. */
const fileNamePart = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_');

export const pdfFor = async (state: SandboxState, accountId: string, documentId: string): Promise<PdfOutcome> => {
  const history = state.accounts.get(accountId);
  if (history === undefined) return { kind: 'account_not_found' };
  const document = history.find(documentId);
  if (document === undefined) return { kind: 'document_not_found' };
  if (state.pdfMissing.has(pdfKey(accountId, documentId))) return { kind: 'pdf_not_found' };
  const bytes = await state.pdfs.get(pdfKey(accountId, documentId), () => state.renderPdf(history.spec, document));
  const { kind, number } = document as { kind?: unknown; number?: unknown };
  const fileName = `${kind === 'credit_note' ? 'Avoir' : 'Facture'}-${fileNamePart(typeof number === 'string' ? number : documentId)}.pdf`;
  return { kind: 'pdf', bytes, fileName };
};

export const pdfHeaders = (outcome: { bytes: Buffer; fileName: string }, disposition: 'attachment' | 'inline'): Record<string, string> => ({
  'Content-Type': 'application/pdf',
  'Content-Length': String(outcome.bytes.length),
  'Content-Disposition': `${disposition}; filename="${outcome.fileName}"`,
});
