import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MessageBus } from '@ogustine-qbo/adapters';
import { HttpBillingCore } from '@ogustine-qbo/adapters/billing-core';
import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import {
  configureIntuitOAuth,
  endpointsAt,
  HttpAppBudget,
  INTUIT_ENDPOINTS,
  INTUIT_POLICY,
  IntuitAuthorization,
  keepConnectionsAlive,
  QuickBooksGateway,
  RealmLimiters,
  realTime,
  WorkerBudget,
  type RealmBudget,
} from '@ogustine-qbo/adapters/quickbooks';
import {
  migrateToLatest,
  openDatabase,
  SqlAuthorizationStates,
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
  SqlStalledWork,
  SqlSyncQueue,
  SqlSyncRecordStore,
} from '@ogustine-qbo/adapters/sql';
import { appOf, buildContainer as buildHttpContainer, loadConfig, type ModulePorts } from '@ogustine-qbo/app-http';
import {
  buildContainer as buildWorkerContainer,
  createWorkerLogger,
  createWorkerMetrics,
  openBus,
  readConfig,
  WORKER_TOKENS,
  type Infrastructure,
  type JobLoop,
  type Worker,
} from '@ogustine-qbo/app-worker';
import { documentFilesFromBillingCore, type Clock, type Ids, type SyncQueue } from '@ogustine-qbo/domain';

/** Where each part of the module finds the others, settled by the launcher. */
export interface ModuleWiring {
  readonly databaseUrl: string;
  readonly amqpUrl: string | undefined;
  /** The Intuit app (client id, secret, environment) and where its OAuth and API are: Intuit's or the local sandbox. */
  readonly qbo: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly environment: 'sandbox' | 'production';
    /** The local sandbox's base URL, or undefined for Intuit's own hosts. */
    readonly localUrl: string | undefined;
  };
  readonly tokenKeys: { readonly currentKeyId: string; readonly keys: string };
  readonly billingCore: { readonly url: string; readonly token: string };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string;
    readonly jwtSecret: string;
    readonly jwtIssuer: string;
    readonly jwtAudience: string;
  };
  readonly logLevel: string;
}

export interface OpenedModule {
  readonly worker: Worker;
  readonly jobs: JobLoop;
  /** Where Ogustine's document events arrive (the in-process bus, or RabbitMQ). */
  readonly bus: MessageBus;
  /** The HTTP app's request handler (hono's `fetch`). */
  readonly fetch: (request: Request) => Response | Promise<Response>;
  /** Closes the bus and the database, after the worker stopped. */
  readonly close: () => Promise<void>;
}

const INTUIT_API = { sandbox: 'https://sandbox-quickbooks.api.intuit.com', production: 'https://quickbooks.api.intuit.com' } as const;

/**
 * The HTTP app and the worker in one process, sharing one database handle (SQLite wants one writer
 * handle per process) and one bus and progress feed (the in-process ones exist in this process only).
 * Each app keeps its own composition root; this builds what they are given.
 * @returns the module, or throws with one line saying which part could not be opened
 */
export const openModule = async (wiring: ModuleWiring): Promise<OpenedModule> => {
  const clock: Clock = { now: () => Date.now() };
  const ids: Ids = { next: () => randomUUID() };
  const redirectUri = `${wiring.http.publicUrl}/v1/quickbooks/connection/callback`;
  const apiUrl = wiring.qbo.localUrl ?? INTUIT_API[wiring.qbo.environment];

  // The worker reads its own configuration: the same variables a separate worker process would get.
  const workerConfig = readConfig(
    {
      WORKER_BUS: wiring.amqpUrl === undefined ? 'in-process' : 'rabbitmq',
      ...(wiring.amqpUrl === undefined ? {} : { AMQP_URL: wiring.amqpUrl }),
      DATABASE_URL: wiring.databaseUrl,
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: wiring.logLevel,
      QBO_CLIENT_ID: wiring.qbo.clientId,
      QBO_CLIENT_SECRET: wiring.qbo.clientSecret,
      QBO_REDIRECT_URI: redirectUri,
      QBO_ENVIRONMENT: wiring.qbo.environment,
      QBO_API_URL: apiUrl,
      ...(wiring.qbo.localUrl === undefined ? {} : { QBO_OAUTH_URL: wiring.qbo.localUrl }),
      TOKEN_KEY_ID: wiring.tokenKeys.currentKeyId,
      TOKEN_KEYS: wiring.tokenKeys.keys,
      BILLING_CORE_URL: wiring.billingCore.url,
      BILLING_CORE_TOKEN: wiring.billingCore.token,
      // One user at a time on a local install: the history is imported within a second of connecting.
      WORKER_HISTORY_EVERY_MS: '1000',
    },
    `embedded-${hostname()}-${process.pid}`,
  );
  if ('kind' in workerConfig) throw new Error(`worker configuration: ${workerConfig.problems.join('; ')}`);
  const httpConfig = loadConfig({
    HTTP_HOST: wiring.http.host,
    HTTP_PORT: String(wiring.http.port),
    JWT_HS256_SECRET: wiring.http.jwtSecret,
    JWT_ISSUER: wiring.http.jwtIssuer,
    JWT_AUDIENCE: wiring.http.jwtAudience,
    UI_RETURN_URL: '/console/',
    LOG_LEVEL: wiring.logLevel,
    // One process: the progress feed is in memory, the store is re-read only as a safety net.
    PROGRESS_POLL_MS: '1000',
    ...(wiring.qbo.localUrl === undefined ? {} : { QBO_APP_URL: wiring.qbo.localUrl }),
  });
  if (!httpConfig.ok) throw new Error(httpConfig.error);

  const keys = parseCipherKeys(wiring.tokenKeys.currentKeyId, wiring.tokenKeys.keys);
  if (keys.isErr()) throw new Error(`token vault: ${keys.error.detail}`);
  const database = await openDatabase(wiring.databaseUrl);
  if (database.isErr()) throw new Error(`database: ${database.error.detail}`);
  const db = database.value;
  const migrated = await migrateToLatest(db);
  if (migrated.isErr()) throw new Error(`database: ${migrated.error.migration}: ${migrated.error.detail}`);

  const log = createWorkerLogger({ level: wiring.logLevel });
  const bus = await openBus(workerConfig, log);
  if (bus.isErr()) {
    await db.close();
    throw new Error(`bus: ${bus.error.detail}`);
  }

  configureIntuitOAuth(wiring.qbo.localUrl === undefined ? INTUIT_ENDPOINTS : endpointsAt(wiring.qbo.localUrl), {
    maxRetries: 1,
    retryDelayMs: 500,
  });
  const connections = new SqlConnectionStore(db, tokenCipher(keys.value));
  const { clientId, clientSecret, environment } = wiring.qbo;
  const authorization = new IntuitAuthorization({ clientId, clientSecret, redirectUri, environment }, connections, clock);
  // Intuit's limits are per realm for every caller together: the worker borrows the HTTP app's share
  // while the HTTP app claims none, the claims kept in the same SQLite database.
  const limiterTime = realTime();
  const claims = new SqlQboShareClaims(db);
  const gateway = (budget: RealmBudget) =>
    new QuickBooksGateway({
      connections,
      authorization,
      api: { clientId, clientSecret, apiBaseUrl: apiUrl, minorVersion: '75' },
      limiters: new RealmLimiters(budget, limiterTime),
      policy: INTUIT_POLICY,
    });
  const billingCore = new HttpBillingCore({ baseUrl: wiring.billingCore.url, token: wiring.billingCore.token });
  const stores = {
    documents: new SqlDocumentStore(db),
    processed: new SqlProcessedMessages(db),
    receipts: new SqlDocumentReceipts(db, clock),
    mappings: new SqlMappingStore(db, clock),
    records: new SqlSyncRecordStore(db),
    errorHistory: new SqlErrorHistoryStore(db),
    settings: new SqlSettingsStore(db),
    runs: new SqlRunStore(db),
    historyImports: new SqlHistoryImportStore(db),
    // One profile cache for both parts: *Réessayer* in the HTTP app refreshes what the worker reads.
    profiles: new SqlCompanyProfileCache(db),
  };
  // The job table of ADR 0004: what the HTTP app queues survives a restart.
  const queue = new SqlSyncQueue(db, clock);
  const infrastructure: Infrastructure = {
    stores,
    queue,
    // The in-process bus loses a message in hand when the process stops: the sweep carries its document on.
    stalled: new SqlStalledWork(db),
    gateway: gateway(new WorkerBudget(claims, limiterTime)),
    keepConnectionsAlive: () => keepConnectionsAlive(connections, authorization, clock),
    files: documentFilesFromBillingCore(billingCore),
    // The worker imports each connected account's history from the billing core, then reconciles it.
    history: { billingCore, connections, imports: stores.historyImports },
    bus: bus.value.bus,
    progress: bus.value.progress,
    readiness: bus.value.readiness,
    close: async () => {
      await bus.value.close();
      await db.close();
    },
  };
  const workerContainer = buildWorkerContainer({
    config: workerConfig,
    log,
    metrics: createWorkerMetrics({ defaultMetrics: false }),
    clock,
    ids,
    infrastructure,
  });
  const jobs = workerContainer.resolve<JobLoop>(WORKER_TOKENS.JobLoop);
  // What the HTTP app queues (a launch, a resync) is run at once by the worker of this process.
  const wakingQueue: SyncQueue = { enqueue: (jobsToQueue) => queue.enqueue(jobsToQueue).map(() => jobs.wake()) };
  const ports: ModulePorts = {
    documents: stores.documents,
    records: stores.records,
    errorStore: stores.errorHistory,
    connections,
    states: new SqlAuthorizationStates(db),
    settings: stores.settings,
    runs: stores.runs,
    historyImports: stores.historyImports,
    profiles: stores.profiles,
    queue: wakingQueue,
    progress: bus.value.progress,
    authorization,
    gateway: gateway(new HttpAppBudget(claims, limiterTime)),
    clock,
    ids,
  };
  const httpContainer = await buildHttpContainer(httpConfig.value, ports, { processMetrics: false });
  const app = appOf(httpContainer);
  return {
    worker: workerContainer.resolve<Worker>(WORKER_TOKENS.Worker),
    jobs,
    bus: bus.value.bus,
    fetch: (request) => app.fetch(request),
    close: infrastructure.close,
  };
};
