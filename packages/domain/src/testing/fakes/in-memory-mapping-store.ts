import { okAsync, type ResultAsync } from 'neverthrow';
import type { MappedKind, MappingStore } from '../../ports/mapping-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { QboId, RealmId } from '../../qbo/company-profile.js';

const key = (realmId: RealmId, kind: MappedKind, ogustineId: string): string => JSON.stringify([realmId, kind, ogustineId]);

export class InMemoryMappingStore implements MappingStore {
  private readonly mappings = new Map<string, QboId>();

  find(realmId: RealmId, kind: MappedKind, ogustineId: string): ResultAsync<QboId | null, StoreError> {
    return okAsync(this.mappings.get(key(realmId, kind, ogustineId)) ?? null);
  }

  save(realmId: RealmId, kind: MappedKind, ogustineId: string, qboId: QboId): ResultAsync<void, StoreError> {
    this.mappings.set(key(realmId, kind, ogustineId), qboId);
    return okAsync(undefined);
  }
}
