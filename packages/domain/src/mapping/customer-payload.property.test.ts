import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { customerSnapshotArb } from '../testing/arbitraries/document.js';
import { customerPayload, QBO_CUSTOMER_LIMITS } from './customer-payload.js';
import { customerDisplayName } from './display-name.js';

test.prop([customerSnapshotArb])(
  'customer payloads stay within QBO limits, carry no `:` in name parts nor tab or newline anywhere, and keep only valid emails',
  (customer) => {
    const p = customerPayload(customer);
    const limits = QBO_CUSTOMER_LIMITS;
    expect(p.displayName).toBe(customerDisplayName(customer));
    // QBO forbids `:` in name parts (not in CompanyName); no field keeps a tab or newline.
    for (const [value, max, colonAllowed] of [
      [p.givenName, limits.givenName, false],
      [p.familyName, limits.familyName, false],
      [p.companyName, limits.companyName, true],
      [p.phone, limits.phone, true],
    ] as const) {
      if (value === undefined) continue;
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(max);
      expect(value).not.toMatch(colonAllowed ? /[\t\n\r]/ : /[:\t\n\r]/);
    }
    if (p.email !== undefined) {
      expect(p.email.length).toBeLessThanOrEqual(limits.email);
      expect(p.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    }
    const address = p.billingAddress;
    if (address !== undefined) {
      expect(address.lines.length).toBeLessThanOrEqual(limits.addressLines);
      expect(address.lines.every((l) => l.length > 0 && l.length <= limits.addressLine)).toBe(true);
      expect(address.lines.reduce((s, l) => s + l.length, 0)).toBeLessThanOrEqual(limits.addressCombined);
      expect((address.postalCode ?? '').length).toBeLessThanOrEqual(limits.postalCode);
    }
  },
);
