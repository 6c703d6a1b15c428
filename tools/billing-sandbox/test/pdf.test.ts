import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderDocumentPdf } from '../src/pdf/document-pdf.js';
import { SeededHistory } from '../src/history/seeded-history.js';
import { accountSpec } from '../src/index.js';

/** The Unicode characters the PDF's fonts map (their ToUnicode CMaps), lower-case hex. */
const mappedCharacters = (pdf: Buffer): string => {
  const text = pdf.toString('latin1');
  const maps: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (content.includes('begincmap')) maps.push(content.toLowerCase());
    } catch {
      // Not a deflated stream (the font file itself is, but it has no CMap).
    }
  }
  return maps.join('\n');
};

describe('the PDF of a document', () => {
  it('draws French amounts with their narrow no-break spaces and the euro sign in the embedded font', async () => {
    const history = new SeededHistory(7, accountSpec({ accountId: 'P', documents: 400 }));
    const large = Array.from({ length: 400 }, (_, n) => history.document(n)).find((d) => d.totals.grossCents >= 100_000);
    expect(large).toBeDefined();
    const pdf = await renderDocumentPdf({ name: 'Aux Petits Soins', locale: 'fr-FR' }, large);
    const characters = mappedCharacters(pdf);
    expect(characters).toContain('<202f>'); // 1 234,56 €: the thousands separator of fr-FR
    expect(characters).toContain('<20ac>'); // €
    expect(characters).toContain('<00e9>'); // é
  });

  it('draws a document it cannot read without failing (what it can read, blanks elsewhere)', async () => {
    const pdf = await renderDocumentPdf({ name: 'X', locale: 'fr-FR' }, { id: 'broken', lines: 'nope', totals: null });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
