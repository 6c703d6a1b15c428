import type { PdfRenderer } from '@ogustine-qbo/billing-sandbox';
import { renderPdf } from '@ogustine-qbo/qbo-sandbox';

/** About what a one-page invoice of the billing core weighs with its fonts embedded. */
const PDF_BYTES = 24_000;

/**
 * The bench's billing core serves plain one-page PDFs (the document's number and total, padded with a
 * PDF comment to `PDF_BYTES`) instead of laying each out with pdfkit: in the bench's process, beside
 * the QBO sandbox, rendering 2,000 of them costs more CPU than the module, and the run would measure
 * the renderer. The module uploads them the same way.
 */
export const plainPdf: PdfRenderer = (_issuer, document) => {
  const d = document as { number?: unknown; kind?: unknown; totals?: { gross?: unknown } };
  const title = `${d.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${String(d.number)}`;
  const pdf = Buffer.from(renderPdf([title, `Total: ${String(d.totals?.gross)}`]));
  const padding = Math.max(0, PDF_BYTES - pdf.length);
  // A comment line before the end of the file: readers skip it.
  const eof = pdf.lastIndexOf('%%EOF');
  return Promise.resolve(Buffer.concat([pdf.subarray(0, eof), Buffer.from(`%${'0'.repeat(padding)}\n`), pdf.subarray(eof)]));
};
