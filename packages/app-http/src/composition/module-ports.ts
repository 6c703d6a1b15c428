import type {
  AccountingAuthorization,
  AccountingGateway,
  AuthorizationStates,
  Clock,
  CompanyProfileCache,
  ConnectionStore,
  DocumentStore,
  ErrorHistoryStore,
  HistoryImportStore,
  Ids,
  ProgressFeed,
  RunStore,
  SettingsStore,
  SyncQueue,
  SyncRecordStore,
} from '@ogustine-qbo/domain';

/**
 * The domain ports the HTTP app's journeys run on. Production builds them from the adapters (SQL
 * stores, QuickBooks, the progress fan-out); the route-mapping tests from the domain's testing kit.
 */
export interface ModulePorts {
  readonly documents: DocumentStore;
  readonly records: SyncRecordStore;
  readonly errorStore: ErrorHistoryStore;
  readonly connections: ConnectionStore;
  readonly states: AuthorizationStates;
  readonly settings: SettingsStore;
  readonly queue: SyncQueue;
  /** Sync runs and their counters: the progress screens read them. */
  readonly runs: RunStore;
  /** Where each account's history import stands (the worker imports; the preview says it, the launch waits for it). */
  readonly historyImports: HistoryImportStore;
  readonly progress: ProgressFeed;
  readonly authorization: AccountingAuthorization;
  readonly gateway: AccountingGateway;
  /** Company profiles per realm, shared by every process; disconnecting forgets the realm's. */
  readonly profiles: CompanyProfileCache;
  readonly clock: Clock;
  readonly ids: Ids;
}
