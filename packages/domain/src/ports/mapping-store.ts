import type { ResultAsync } from 'neverthrow';
import type { AccountId } from '../documents/document.js';
import type { QboId, RealmId } from '../qbo/company-profile.js';
import type { StoreError } from './store-error.js';

/** What an Ogustine id maps to in QBO: a client to a Customer, a service to an Item of type Service. */
export type MappedKind = 'customer' | 'service';

/**
 * Whose mapping: an Ogustine account in one QBO company. Both are part of every key, so an account
 * never reads or changes another account's mappings, even for the same realm (one realm is held by
 * one account at a time, but a realm handed over after a disconnect starts afresh).
 */
export interface MappingScope {
  readonly accountId: AccountId;
  readonly realmId: RealmId;
}

/** What the module knows of a mapped entity in QBO. */
export interface Mapping {
  readonly qboId: QboId;
  /** Customers: QBO's `SyncToken` after the module's last write, for a sparse update in one request. */
  readonly syncToken?: string;
  /** Customers: fingerprint of the Ogustine snapshot last written to QBO; a different one means "update". */
  readonly fingerprint?: string;
}

/**
 * Ogustine id → QBO id, per account and QBO company. Stored so documents reuse what exists without
 * reading QBO (reads are metered by Intuit); a look-up in QBO happens only to reconcile.
 * Atomic per key: `save` replaces the whole mapping of one (scope, kind, Ogustine id).
 */
export interface MappingStore {
  /**
   * @returns ok(mapping) if this account has a mapping for the Ogustine id in this realm, ok(null) otherwise
   * @returns err(store.*) if the store fails
   */
  find(scope: MappingScope, kind: MappedKind, ogustineId: string): ResultAsync<Mapping | null, StoreError>;
  /**
   * Stores or replaces a mapping (replacing is how a mapping that drifted in QBO is repaired, and
   * how a customer's new `SyncToken` and fingerprint are kept after an update).
   * @returns ok() once stored
   * @returns err(store.*) if the store fails
   */
  save(scope: MappingScope, kind: MappedKind, ogustineId: string, mapping: Mapping): ResultAsync<void, StoreError>;
}
