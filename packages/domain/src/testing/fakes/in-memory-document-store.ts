import { okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId, DocumentId, OgustineDocument } from '../../documents/document.js';
import type { DocumentStore, RecordDocumentOutcome } from '../../ports/document-store.js';
import type { StoreError } from '../../ports/store-error.js';

const key = (accountId: AccountId, documentId: DocumentId): string => JSON.stringify([accountId, documentId]);

export class InMemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, OgustineDocument>();

  record(document: OgustineDocument): ResultAsync<RecordDocumentOutcome, StoreError> {
    const k = key(document.accountId, document.id);
    if (this.documents.has(k)) return okAsync('already-recorded');
    this.documents.set(k, document);
    return okAsync('recorded');
  }

  get(accountId: AccountId, documentId: DocumentId): ResultAsync<OgustineDocument | null, StoreError> {
    return okAsync(this.documents.get(key(accountId, documentId)) ?? null);
  }

  list(accountId: AccountId): ResultAsync<readonly OgustineDocument[], StoreError> {
    return okAsync([...this.documents.values()].filter((d) => d.accountId === accountId));
  }
}
