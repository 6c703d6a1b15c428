import { okAsync, type ResultAsync } from 'neverthrow';
import type { AuthorizationStates, PendingAuthorization } from '../../ports/authorization-states.js';
import type { StoreError } from '../../ports/store-error.js';

export class InMemoryAuthorizationStates implements AuthorizationStates {
  private readonly pending = new Map<string, PendingAuthorization>();

  save(pending: PendingAuthorization): ResultAsync<void, StoreError> {
    this.pending.set(pending.state, pending);
    return okAsync(undefined);
  }

  take(state: string): ResultAsync<PendingAuthorization | null, StoreError> {
    const found = this.pending.get(state) ?? null;
    this.pending.delete(state);
    return okAsync(found);
  }
}
