import type { SqlOperations } from '@ogustine-qbo/adapters/sql';
import type { AccountingAuthorization, CompanyProfileCache, ConnectionStore } from '@ogustine-qbo/domain';

/** What the operator's account commands need beside the worker's infrastructure. */
export interface OperationsPorts {
  readonly sql: SqlOperations;
  readonly connections: ConnectionStore;
  readonly authorization: AccountingAuthorization;
  readonly profiles: CompanyProfileCache;
}
