import { describe, expect, it } from 'vitest';
import { ownershipMarker, proveOwnership } from './ownership-proof.js';

const found = (privateNote: string, customerRef = '58', totalAmount = 12_000) => ({
  type: 'Invoice' as const,
  qboId: '77',
  docNumber: 'OGUSTINE_1',
  totalAmount,
  customerRef,
  privateNote,
  balance: totalAmount,
});
const expected = { documentId: 'D1', customerRef: '58', total: 12_000 };

describe('ownership proof: reasons', () => {
  it('writes the marker Ogustine:<document id>', () => {
    expect(ownershipMarker('D1')).toBe('Ogustine:D1');
  });

  it('finds the marker on a line of its own, with CRLF or LF line ends and spaces around it', () => {
    expect(proveOwnership(found('Facture n° 1\r\nOgustine:D1'), expected)).toBe('ours');
    expect(proveOwnership(found('Facture n° 1\n  Ogustine:D1  \nfin'), expected)).toBe('ours');
    expect(proveOwnership(found('Ogustine:D1'), expected)).toBe('ours');
    expect(proveOwnership(found('Facture Ogustine:D1'), expected)).toBe('no-marker');
  });

  it('names what differs: the customer (or none mapped), else the total', () => {
    expect(proveOwnership(found('Ogustine:D1', '59'), expected)).toBe('other-customer');
    expect(proveOwnership(found('Ogustine:D1', '58', 12_001), { ...expected, customerRef: null })).toBe('other-customer');
    expect(proveOwnership(found('Ogustine:D1', '59', 12_001), expected)).toBe('other-customer');
    expect(proveOwnership(found('Ogustine:D1', '58', 12_001), expected)).toBe('other-total');
  });
});
