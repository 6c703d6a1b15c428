import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { AccountId } from '../../documents/document.js';
import type { AccountingAuthorization } from '../../ports/accounting-authorization.js';
import type { AccountingGateway, AccountingGatewayError } from '../../ports/accounting-gateway.js';
import type { Accounting } from '../../ports/accounting.js';
import type { ConnectionStore } from '../../ports/connection-store.js';
import type { RealmId } from '../../qbo/company-profile.js';
import type { InMemoryAccounting } from './in-memory-accounting.js';

/**
 * Opens the in-memory QBO company of an account's connected realm, after a token refresh through the
 * authorization port, as the real gateway does. Companies are registered by realm with `add`.
 */
export class InMemoryAccountingGateway implements AccountingGateway {
  private readonly companies = new Map<RealmId, InMemoryAccounting>();

  constructor(
    private readonly connections: ConnectionStore,
    private readonly authorization: AccountingAuthorization,
  ) {}

  add(company: InMemoryAccounting): InMemoryAccounting {
    this.companies.set(company.realmId, company);
    return company;
  }

  company(realmId: RealmId): InMemoryAccounting | undefined {
    return this.companies.get(realmId);
  }

  open(accountId: AccountId): ResultAsync<Accounting, AccountingGatewayError> {
    return this.connections
      .get(accountId)
      .mapErr((e): AccountingGatewayError => e)
      .andThen((connection) => {
        if (connection === null || connection.status !== 'connected')
          return errAsync<Accounting, AccountingGatewayError>({ kind: 'connection.missing' });
        const company = this.companies.get(connection.realmId);
        if (company === undefined) return errAsync<Accounting, AccountingGatewayError>({ kind: 'connection.missing' });
        return this.authorization.refresh(accountId).andThen(() => okAsync<Accounting, AccountingGatewayError>(company));
      });
  }
}
