import type { ResultAsync } from 'neverthrow';
import type { QboId, RealmId } from '../qbo/company-profile.js';
import type { StoreError } from './store-error.js';

/** What an Ogustine id maps to in QBO: a client to a Customer, a service to an Item of type Service. */
export type MappedKind = 'customer' | 'service';

/**
 * Ogustine id → QBO id, per QBO company. Stored so documents reuse what exists without reading QBO
 * (reads are metered by Intuit); a look-up in QBO happens only to reconcile.
 */
export interface MappingStore {
  /**
   * @returns ok(qboId) if this realm has a mapping for the Ogustine id, ok(null) otherwise
   * @returns err(store.*) if the store fails
   */
  find(realmId: RealmId, kind: MappedKind, ogustineId: string): ResultAsync<QboId | null, StoreError>;
  /**
   * Stores or replaces a mapping (replacing is how a mapping that drifted in QBO is repaired).
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  save(realmId: RealmId, kind: MappedKind, ogustineId: string, qboId: QboId): ResultAsync<void, StoreError>;
}
