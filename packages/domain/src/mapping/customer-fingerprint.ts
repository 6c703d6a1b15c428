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
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < canonical.length; i += 1) {
    hash ^= BigInt(canonical.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
};
