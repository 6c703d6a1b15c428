// A PDF answer: the content type, at most `maxBytes` (read as a stream, stopped beyond), `%PDF-` first.
import { err, ok, type Result } from 'neverthrow';
import type { BillingCoreError, DocumentId, PdfFile } from '@ogustine-qbo/domain';

const malformed = (detail: string): Result<never, BillingCoreError> => err({ kind: 'billing.malformed', detail });

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The file name of `Content-Disposition` (`filename*=UTF-8''…` first), or undefined. */
export const fileNameOf = (disposition: string | null): string | undefined => {
  if (disposition === null) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A broken extended name falls back to the plain one.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name === undefined || name === '' ? undefined : name;
};

/** Reads the body, giving up as soon as it passes `maxBytes`. Throws only when the read fails. */
const readAtMost = async (response: Response, maxBytes: number): Promise<Uint8Array | undefined> => {
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
};

export const readPdf =
  (documentId: DocumentId, maxBytes: number) =>
  async (response: Response): Promise<Result<PdfFile, BillingCoreError>> => {
    const contentType = response.headers.get('Content-Type') ?? '';
    if (!/^application\/pdf\s*(;|$)/i.test(contentType)) {
      await response.body?.cancel();
      return malformed(`expected application/pdf, got ${JSON.stringify(contentType)}`);
    }
    const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      return malformed(`the PDF is ${declared} bytes, more than the ${maxBytes} allowed`);
    }
    const bytes = await readAtMost(response, maxBytes);
    if (bytes === undefined) return malformed(`the PDF is more than the ${maxBytes} bytes allowed`);
    if (!PDF_MAGIC.every((b, i) => bytes[i] === b)) return malformed('the body is not a PDF (it does not start with %PDF-)');
    return ok({
      fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? `${documentId}.pdf`,
      contentType: 'application/pdf',
      bytes,
    });
  };
