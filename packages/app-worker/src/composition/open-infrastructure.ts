import { HttpBillingCore } from '@ogustine-qbo/adapters/billing-core';
import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import {
  migrateToLatest,
  openDatabase,
  SqlCompanyProfileCache,
  SqlConnectionStore,
  SqlDocumentStore,
  SqlErrorHistoryStore,
  SqlMappingStore,
  SqlProcessedMessages,
  SqlDocumentReceipts,
  SqlQboShareClaims,
  SqlRunStore,
  SqlHistoryImportStore,
  SqlSettingsStore,
  SqlSyncQueue,
  SqlOperations,
  SqlStalledWork,
  SqlSyncRecordStore,
  readQueueDepth,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import { documentFilesFromBillingCore, type Clock } from '@ogustine-qbo/domain';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config.js';
import type { Infrastructure } from './infrastructure.js';
import { openBus, type OpenedBus } from './open-bus.js';
import { intuitAuthorization, quickBooks, workerBudget } from './quickbooks-gateway.js';

export type InfrastructureError = { readonly kind: 'infrastructure.unavailable'; readonly part: string; readonly detail: string };

const failed = (part: string, detail: string): InfrastructureError => ({ kind: 'infrastructure.unavailable', part, detail });

/** The embedded database is migrated at start (one process owns it); a shared MariaDB by `npm run migrate`, before a deploy. */
const migrateIfEmbedded = (database: SqlDatabase): ResultAsync<SqlDatabase, InfrastructureError> =>
  database.engine === 'sqlite'
    ? migrateToLatest(database)
        .map(() => database)
        .mapErr((e) => failed('database', `${e.migration}: ${e.detail}`))
    : okAsync(database);

/**
 * Opens what the configuration names: the bus and progress feed, the SQL stores and job table
 * (`DATABASE_URL`), QuickBooks (the Intuit app, tokens sealed by the vault), and Ogustine's billing
 * core for the PDFs.
 * @returns ok(infrastructure), or err naming the part that could not be opened (what was opened is closed again)
 */
export const openInfrastructure = (config: WorkerConfig, log: Logger, clock: Clock): ResultAsync<Infrastructure, InfrastructureError> => {
  const keys = parseCipherKeys(config.tokenKeys.currentKeyId, config.tokenKeys.keys);
  if (keys.isErr()) return errAsync(failed('token vault', keys.error.detail));
  const cipher = tokenCipher(keys.value);
  return openBus(config, log)
    .mapErr((e) => failed('bus', e.detail))
    .andThen((bus: OpenedBus) =>
      openDatabase(config.databaseUrl)
        .mapErr((e) => failed('database', e.detail))
        .andThen(migrateIfEmbedded)
        .orElse((e) => ResultAsync.fromSafePromise(bus.close()).andThen(() => errAsync(e)))
        .map((database): Infrastructure => {
          const connections = new SqlConnectionStore(database, cipher);
          const { gateway, keepConnectionsAlive } = quickBooks(
            config.qbo,
            connections,
            workerBudget(new SqlQboShareClaims(database)),
            clock,
            config.time.scale,
          );
          const queue = new SqlSyncQueue(database, clock);
          const profiles = new SqlCompanyProfileCache(database);
          const billingCore = new HttpBillingCore({ baseUrl: config.billingCore.url, token: config.billingCore.token });
          return {
            stores: {
              documents: new SqlDocumentStore(database),
              processed: new SqlProcessedMessages(database),
              receipts: new SqlDocumentReceipts(database, clock),
              mappings: new SqlMappingStore(database, clock),
              records: new SqlSyncRecordStore(database),
              errorHistory: new SqlErrorHistoryStore(database),
              settings: new SqlSettingsStore(database),
              runs: new SqlRunStore(database),
              profiles,
            },
            queue,
            operations: {
              sql: new SqlOperations(database, queue),
              connections,
              authorization: intuitAuthorization(config.qbo, connections, clock),
              profiles,
            },
            stalled: new SqlStalledWork(database),
            queueDepth: async () => {
              const depth = await readQueueDepth(database, clock.now());
              return depth.isOk() ? depth.value : null;
            },
            gateway,
            keepConnectionsAlive,
            files: documentFilesFromBillingCore(billingCore),
            history: { billingCore, connections, imports: new SqlHistoryImportStore(database) },
            bus: bus.bus,
            progress: bus.progress,
            readiness: bus.readiness,
            close: async () => {
              await bus.close();
              await database.close();
            },
          };
        }),
    );
};
