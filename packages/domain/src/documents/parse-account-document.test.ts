import { describe, expect, it } from 'vitest';
import { aDocument } from '../testing/builders/document.js';
import { toDocumentWire } from './document-wire.js';
import { parseAccountDocument } from './parse-account-document.js';

describe('parseAccountDocument', () => {
  it('reads a document of the account it was asked for', () => {
    const doc = aDocument({ id: 'D1', accountId: 'A1' });
    expect(parseAccountDocument('A1', toDocumentWire(doc))._unsafeUnwrap()).toEqual(doc);
  });

  it("refuses another account's document, naming the account", () => {
    const unreadable = parseAccountDocument('A2', toDocumentWire(aDocument({ id: 'D1', accountId: 'A1' })))._unsafeUnwrapErr();
    expect(unreadable).toEqual({
      documentId: 'D1',
      issues: [{ path: 'accountId', code: 'inconsistent', message: 'the document belongs to account A1, not A2' }],
    });
  });

  it('keeps the trimmed id of a document it cannot read, and every issue', () => {
    const unreadable = parseAccountDocument('A1', { ...toDocumentWire(aDocument()), id: ' D7 ', currency: 'euro' })._unsafeUnwrapErr();
    expect(unreadable.documentId).toBe('D7');
    expect(unreadable.issues.map((i) => i.path)).toEqual(['currency']);
  });

  it.each([null, 'text', [], {}, { id: '  ' }, { id: 42 }])('has no id when none is readable (%j)', (input) => {
    expect(parseAccountDocument('A1', input)._unsafeUnwrapErr().documentId).toBeNull();
  });
});
