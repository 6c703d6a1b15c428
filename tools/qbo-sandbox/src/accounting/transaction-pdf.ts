// A small, valid one-page PDF of an invoice or credit memo (GET /invoice/{id}/pdf), written by hand: no library.
import type { QboObject } from '../company/company.js';
import { isObject, objectAt, stringAt } from './qbo-fields.js';

/** PDF string literal in WinAnsi: parentheses and backslashes escaped, characters past Latin-1 replaced. */
const pdfText = (text: string): string =>
  [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 63;
      if (ch === '(' || ch === ')' || ch === '\\') return `\\${ch}`;
      if (code < 32) return ' ';
      if (code < 128) return ch;
      return code <= 255 ? `\\${code.toString(8).padStart(3, '0')}` : '?';
    })
    .join('');

const money = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : String(v ?? ''));

/** The text lines the PDF shows: number, date, customer, lines, totals. */
export const pdfLines = (type: 'Invoice' | 'CreditMemo', txn: QboObject): string[] => {
  const currency = stringAt(objectAt(txn, 'CurrencyRef') ?? {}, 'value') ?? '';
  const title = `${type === 'Invoice' ? 'Invoice' : 'Credit memo'} ${stringAt(txn, 'DocNumber') ?? `#${String(txn['Id'])}`}`;
  const lines = Array.isArray(txn['Line']) ? (txn['Line'] as unknown[]).filter(isObject) : [];
  const body = lines
    .filter((l) => l['DetailType'] === 'SalesItemLineDetail' || l['DetailType'] === 'DiscountLineDetail')
    .map((l) => {
      const item = stringAt(objectAt(objectAt(l, 'SalesItemLineDetail') ?? {}, 'ItemRef') ?? {}, 'name');
      const label = stringAt(l, 'Description') ?? item ?? (l['DetailType'] === 'DiscountLineDetail' ? 'Discount' : 'Item');
      return `${label}: ${money(l['Amount'])}`;
    });
  const tax = objectAt(txn, 'TxnTaxDetail')?.['TotalTax'];
  const subTotal = lines.find((l) => l['DetailType'] === 'SubTotalLineDetail')?.['Amount'];
  return [
    title,
    `Date: ${stringAt(txn, 'TxnDate') ?? ''}`,
    `Customer: ${stringAt(objectAt(txn, 'CustomerRef') ?? {}, 'name') ?? ''}`,
    '',
    ...body,
    '',
    `Subtotal: ${money(subTotal)} ${currency}`,
    `Tax: ${money(tax)} ${currency}`,
    `Total: ${money(txn['TotalAmt'])} ${currency}`,
    `Balance due: ${money(txn['Balance'])} ${currency}`,
  ];
};

/** Lays the text lines out on an A4 page and writes the PDF objects with a correct xref table. */
export const renderPdf = (textLines: readonly string[]): Uint8Array => {
  const content = [
    'BT',
    '/F1 11 Tf',
    '14 TL',
    '56 780 Td',
    ...textLines.map((l, i) => `${i === 0 ? '' : 'T* '}(${pdfText(l)}) Tj`),
    'ET',
  ].join('\n');
  const contentBytes = Buffer.from(content, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${contentBytes.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
};
