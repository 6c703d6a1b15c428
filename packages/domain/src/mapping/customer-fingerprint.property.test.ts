import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { customerSnapshotArb } from '../testing/arbitraries/document.js';
import { customerFingerprint } from './customer-fingerprint.js';
import { customerPayload, type QboCustomerPayload } from './customer-payload.js';

describe('customer fingerprint', () => {
  test.prop([customerSnapshotArb, customerSnapshotArb])(
    'two snapshots get the same fingerprint exactly when they write the same customer to QBO (an update is sent only on a change)',
    (a, b) => {
      const pa = customerPayload(a);
      const pb = customerPayload(b);
      expect(customerFingerprint(pa) === customerFingerprint(pb)).toBe(JSON.stringify(pa) === JSON.stringify(pb));
    },
  );

  test.prop([customerSnapshotArb, fc.string({ minLength: 1, maxLength: 20 })])(
    'a new e-mail or name changes the fingerprint',
    (c, extra) => {
      const before = customerFingerprint(customerPayload(c));
      const renamed = customerPayload({ ...c, name: `${c.name} ${extra}`, firstName: `${c.firstName ?? ''}${extra}` });
      fc.pre(JSON.stringify(renamed) !== JSON.stringify(customerPayload(c)));
      expect(customerFingerprint(renamed)).not.toBe(before);
    },
  );

  /** Each field the module writes to a QBO customer, and how to set it on a payload. */
  const fields: Record<string, (p: QboCustomerPayload, text: string) => QboCustomerPayload> = {
    displayName: (p, text) => ({ ...p, displayName: text }),
    givenName: (p, text) => ({ ...p, givenName: text }),
    familyName: (p, text) => ({ ...p, familyName: text }),
    companyName: (p, text) => ({ ...p, companyName: text }),
    email: (p, text) => ({ ...p, email: text }),
    phone: (p, text) => ({ ...p, phone: text }),
    addressLines: (p, text) => ({ ...p, billingAddress: { ...p.billingAddress, lines: [text] } }),
    city: (p, text) => ({ ...p, billingAddress: { lines: [], ...p.billingAddress, city: text } }),
    postalCode: (p, text) => ({ ...p, billingAddress: { lines: [], ...p.billingAddress, postalCode: text } }),
    country: (p, text) => ({ ...p, billingAddress: { lines: [], ...p.billingAddress, country: text } }),
  };

  test.prop([customerSnapshotArb, fc.string({ minLength: 1, maxLength: 12 })])(
    'changing any one field QBO holds (name parts, company, e-mail, phone, each part of the address) changes the fingerprint',
    (c, text) => {
      const before = customerPayload(c);
      for (const [field, set] of Object.entries(fields)) {
        const after = set(before, text);
        if (JSON.stringify(after) === JSON.stringify(before)) continue;
        expect(customerFingerprint(after), field).not.toBe(customerFingerprint(before));
      }
    },
  );
});
