import { describe, expect, it } from 'vitest';
import { aDocument } from '../testing/builders/document.js';
import { ERASED_CUSTOMER_NAME, withoutPersonalData } from './erase-personal-data.js';

describe('withoutPersonalData', () => {
  it('erases every field that identifies or reaches the customer, and keeps the accounting record whole', () => {
    const doc = aDocument({
      memo: 'Code portail 1234',
      customer: {
        id: 'C1',
        kind: 'person',
        name: 'Marie Dupont',
        firstName: 'Marie',
        lastName: 'Dupont',
        email: 'marie@example.fr',
        phone: '+33 6 12 34 56 78',
        address: { lines: ['3 rue des Lilas'], postalCode: '69003', city: 'Lyon', country: 'FR' },
      },
    });
    const erased = withoutPersonalData(doc);
    expect(erased.customer).toEqual({ id: 'C1', kind: 'person', name: ERASED_CUSTOMER_NAME });
    expect(erased.memo).toBeUndefined();
    // The independent oracle: no personal value survives anywhere in the copy.
    const text = JSON.stringify(erased, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const personal of ['Marie', 'Dupont', 'marie@example.fr', '12 34 56', 'Lilas', '69003', 'Lyon', 'portail'])
      expect(text).not.toContain(personal);
    const { customer: _c, memo: _m, ...record } = doc;
    const { customer: _ec, ...kept } = erased;
    expect(kept).toEqual(record);
  });
});
