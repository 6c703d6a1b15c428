import { fnv1a64 } from '../shared/fnv1a64.js';
import type { QboCustomerPayload } from './customer-payload.js';

/**
 * A short, stable fingerprint of what the module writes to a QBO customer (its payload, fields in a
 * fixed order): equal payloads give equal fingerprints, so a later document updates the customer in
 * QBO only when its snapshot changed what QBO holds. FNV-1a, 64 bits, over the canonical JSON.
 */
export const customerFingerprint = (payload: QboCustomerPayload): string => {
  const address = payload.billingAddress;
  const canonical = JSON.stringify([
    payload.displayName,
    payload.givenName ?? null,
    payload.familyName ?? null,
    payload.companyName ?? null,
    payload.email ?? null,
    payload.phone ?? null,
    address === undefined ? null : [address.lines, address.city ?? null, address.postalCode ?? null, address.country ?? null],
  ]);
  return fnv1a64(canonical);
};
