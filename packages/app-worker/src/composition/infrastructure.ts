import type { MessageBus } from '@ogustine-qbo/adapters';
import type { KeepAliveReport } from '@ogustine-qbo/adapters/quickbooks';
import type {
  AccountingGateway,
  BillingCore,
  ConnectionStore,
  CompanyProfileCache,
  DocumentFiles,
  DocumentStore,
  ErrorHistoryStore,
  HistoryImportStore,
  MappingStore,
  ProcessedMessages,
  ProgressFeed,
  RunStore,
  SettingsStore,
  StalledWorkSource,
  StoreError,
  SyncJobSource,
  SyncQueue,
  SyncRecordStore,
  DocumentReceipts,
} from '@ogustine-qbo/domain';
import type { ResultAsync } from 'neverthrow';
import type { ReadinessCheck } from '../observability/health-server.js';
import type { QueueDepthReader } from '../observability/metrics.js';
import type { OperationsPorts } from '../operations/operations-ports.js';

/** The stores the worker's use cases read and write. */
export interface WorkerStores {
  readonly documents: DocumentStore;
  readonly processed: ProcessedMessages;
  /** A group of received documents written at once: documents, jobs and message ids (one transaction on SQL). */
  readonly receipts: DocumentReceipts;
  readonly mappings: MappingStore;
  readonly records: SyncRecordStore;
  readonly errorHistory: ErrorHistoryStore;
  readonly settings: SettingsStore;
  /** The runs (initial sync, catch-up, resync) and their counters. */
  readonly runs: RunStore;
  /** Company profiles per realm, shared with the HTTP app: its *Réessayer* refreshes what the worker reads. */
  readonly profiles: CompanyProfileCache;
}

/**
 * Everything the worker talks to, opened before the container is built (asynchronous resources
 * first, then registrations). Which adapter serves each part is a configuration choice
 * (`open-infrastructure.ts`); tests pass their own.
 */
export interface Infrastructure {
  readonly stores: WorkerStores;
  readonly queue: SyncQueue & SyncJobSource;
  readonly gateway: AccountingGateway;
  /** One keep-alive pass over every QuickBooks connection (the worker runs it daily; none without). */
  readonly keepConnectionsAlive?: () => ResultAsync<KeepAliveReport, StoreError>;
  readonly files: DocumentFiles;
  readonly bus: MessageBus;
  readonly progress: ProgressFeed;
  /** Ogustine's billing core and the connections: the history loop imports and reconciles each connected account's history (none without). */
  readonly history?: {
    readonly billingCore: BillingCore;
    readonly connections: ConnectionStore;
    /** Where each account's history import stands. */
    readonly imports: HistoryImportStore;
  };
  /** The sweep's reads; without it the worker runs no sweep. */
  readonly stalled?: StalledWorkSource;
  /** What the operator's account commands need (`ops.ts`); absent in tests that do not run them. */
  readonly operations?: OperationsPorts;
  /** The job table's figures for `/metrics`; without it the queue gauges stay at 0. */
  readonly queueDepth?: QueueDepthReader;
  /** What must hold for the worker to be ready (a broker connected…), besides not shutting down. */
  readonly readiness: readonly ReadinessCheck[];
  /** Closes connections and pools, after the worker stopped. */
  readonly close: () => Promise<void>;
}
