// The PDF Ogustine issues for a document: an A4 page with the company, the client, the lines, the
// VAT per rate and the totals. DejaVu Sans is embedded because French number formatting uses narrow
// no-break spaces (U+202F) that PDF's built-in fonts cannot draw (they print « 1 /500,00 € »).
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const fontFile = (name: string): Buffer => readFileSync(new URL(`../../fonts/${name}`, import.meta.url));

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once, on the first PDF (the files are 700 KB each). */
const loadFonts = (): { regular: Buffer; bold: Buffer } =>
  (fonts ??= { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') });

/** What the PDF says of the company that issued it. */
export interface Issuer {
  readonly name: string;
  readonly locale: string;
}

// The document is drawn from what was stored, which may be unreadable: every field is read leniently.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const cents = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

const A4_MARGIN = 50;
const COLUMNS = [
  { title: 'Prestation', x: 50, width: 175, align: 'left' },
  { title: 'Qté', x: 230, width: 45, align: 'right' },
  { title: 'Prix unitaire', x: 280, width: 75, align: 'right' },
  { title: 'TVA', x: 360, width: 45, align: 'right' },
  { title: 'Remise', x: 410, width: 60, align: 'right' },
  { title: 'Total', x: 475, width: 70, align: 'right' },
] as const;

/** Renders one document. @returns the PDF bytes (starting with `%PDF-`) */
/** Makes a document's PDF for its issuer. */
export type PdfRenderer = (issuer: Issuer, document: unknown) => Promise<Buffer>;

export const renderDocumentPdf: PdfRenderer = (issuer: Issuer, document: unknown): Promise<Buffer> => {
  const d = obj(document);
  const money = new Intl.NumberFormat(issuer.locale, { style: 'currency', currency: text(d['currency']) || 'EUR' });
  const decimal = new Intl.NumberFormat(issuer.locale, { maximumFractionDigits: 4 });
  const amount = (v: unknown): string => money.format(cents(v) / 100);
  const number = (v: unknown): string => (text(v) === '' || Number.isNaN(Number(text(v))) ? text(v) : decimal.format(Number(text(v))));
  const isCredit = d['kind'] === 'credit_note';
  const includesTax = d['pricesIncludeTax'] === true;
  const validatedAt = Date.parse(text(d['validatedAt']));

  const pdf = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    info: {
      Title: `${isCredit ? 'Avoir' : 'Facture'} ${text(d['number'])}`,
      Author: issuer.name,
      // A fixed date keeps the bytes of a document's PDF the same from one run to the next.
      CreationDate: new Date(Number.isNaN(validatedAt) ? 0 : validatedAt),
    },
  });
  const { regular, bold } = loadFonts();
  pdf.registerFont('body', regular);
  pdf.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('bold').fontSize(16).text(issuer.name, A4_MARGIN, A4_MARGIN);
  pdf.font('body').fontSize(9).text('Services à la personne', A4_MARGIN, pdf.y);
  pdf
    .font('bold')
    .fontSize(18)
    .text(`${isCredit ? 'AVOIR' : 'FACTURE'} n° ${text(d['number'])}`, 300, A4_MARGIN, { width: 245, align: 'right' });
  pdf.font('body').fontSize(9);
  pdf.text(`Date : ${text(d['issuedOn'])}`, 300, pdf.y, { width: 245, align: 'right' });
  if (text(d['dueOn']) !== '') pdf.text(`Échéance : ${text(d['dueOn'])}`, 300, pdf.y, { width: 245, align: 'right' });
  if (isCredit && text(d['correctsInvoiceId']) !== '')
    pdf.text(`Avoir sur la facture ${text(d['correctsInvoiceId'])}`, 300, pdf.y, { width: 245, align: 'right' });

  const customer = obj(d['customer']);
  const address = obj(customer['address']);
  pdf.font('bold').fontSize(11).text(text(customer['name']), 300, 140, { width: 245 });
  pdf.font('body').fontSize(10);
  for (const line of list(address['lines'])) pdf.text(text(line), 300, pdf.y, { width: 245 });
  pdf.text(`${text(address['postalCode'])} ${text(address['city'])}`.trim(), 300, pdf.y, { width: 245 });
  if (text(customer['email']) !== '') pdf.text(text(customer['email']), 300, pdf.y, { width: 245 });

  let y = 230;
  pdf.font('bold').fontSize(9);
  for (const c of COLUMNS) pdf.text(c.title, c.x, y, { width: c.width, align: c.align });
  y += 16;
  pdf
    .moveTo(A4_MARGIN, y - 4)
    .lineTo(545, y - 4)
    .stroke();
  pdf.font('body');
  for (const raw of list(d['lines'])) {
    const line = obj(raw);
    const discount = obj(line['discount']);
    const cells = [
      `${text(obj(line['service'])['name'])}\n${text(line['description'])}`,
      number(line['quantity']),
      money.format(Number(text(line['unitPrice'])) || 0),
      `${number(line['vatRate'])} %`,
      'percent' in discount ? `${number(discount['percent'])} %` : 'amountCents' in discount ? amount(discount['amountCents']) : '',
      amount(line['totalCents']),
    ];
    const height = pdf.heightOfString(cells[0] ?? '', { width: COLUMNS[0].width });
    if (y + height > 700) {
      pdf.addPage();
      y = A4_MARGIN;
    }
    COLUMNS.forEach((c, i) => pdf.text(cells[i] ?? '', c.x, y, { width: c.width, align: c.align }));
    y += height + 6;
  }

  const totals = obj(d['totals']);
  y += 10;
  pdf
    .moveTo(300, y - 4)
    .lineTo(545, y - 4)
    .stroke();
  const row = (label: string, value: string, font = 'body'): void => {
    pdf.font(font).text(label, 300, y, { width: 160 }).text(value, 460, y, { width: 85, align: 'right' });
    y += 14;
  };
  for (const raw of list(totals['vat'])) {
    const vat = obj(raw);
    const rate = text(vat['rate']);
    row(
      rate === '0' ? 'TVA 0 % (exonéré, art. 261-7-1° ter du CGI)' : `TVA ${number(rate)} % sur ${amount(vat['baseCents'])}`,
      amount(vat['amountCents']),
    );
  }
  row('Total HT', amount(totals['netCents']));
  row(isCredit ? 'Total TTC crédité' : 'Total TTC', amount(totals['grossCents']), 'bold');
  pdf
    .font('body')
    .fontSize(8)
    .text(includesTax ? 'Prix unitaires TTC.' : 'Prix unitaires HT.', 300, y, { width: 245 });
  if (text(d['memo']) !== '') pdf.fontSize(9).text(text(d['memo']), A4_MARGIN, y + 30, { width: 495 });
  pdf.end();
  return done;
};
