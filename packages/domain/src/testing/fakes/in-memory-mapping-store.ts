import { okAsync, type ResultAsync } from 'neverthrow';
import type { Mapping, MappedKind, MappingScope, MappingStore } from '../../ports/mapping-store.js';
import type { StoreError } from '../../ports/store-error.js';

const key = (scope: MappingScope, kind: MappedKind, ogustineId: string): string =>
  JSON.stringify([scope.accountId, scope.realmId, kind, ogustineId]);

export class InMemoryMappingStore implements MappingStore {
  private readonly mappings = new Map<string, Mapping>();

  find(scope: MappingScope, kind: MappedKind, ogustineId: string): ResultAsync<Mapping | null, StoreError> {
    return okAsync(this.mappings.get(key(scope, kind, ogustineId)) ?? null);
  }

  save(scope: MappingScope, kind: MappedKind, ogustineId: string, mapping: Mapping): ResultAsync<void, StoreError> {
    this.mappings.set(key(scope, kind, ogustineId), { ...mapping });
    return okAsync(undefined);
  }

  /** Every mapping of every account (for tests of isolation between accounts). */
  size(): number {
    return this.mappings.size;
  }
}
