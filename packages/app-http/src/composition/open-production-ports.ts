import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import {
  configureIntuitOAuth,
  endpointsAt,
  HttpAppBudget,
  INTUIT_ENDPOINTS,
  INTUIT_POLICY,
  IntuitAuthorization,
  QuickBooksGateway,
  RealmLimiters,
  realTime,
} from '@ogustine-qbo/adapters/quickbooks';
import { RabbitMqConnection, RabbitMqProgressFeed, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';
import {
  migrateToLatest,
  openDatabase,
  SqlAuthorizationStates,
  SqlCompanyProfileCache,
  SqlConnectionStore,
  SqlDocumentStore,
  SqlErrorHistoryStore,
  SqlRunStore,
  SqlHistoryImportStore,
  SqlQboShareClaims,
  SqlSettingsStore,
  SqlSyncQueue,
  SqlSyncRecordStore,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import type { Clock, Ids, ProgressFeed } from '@ogustine-qbo/domain';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { InfrastructureConfig } from '../config/infrastructure-config.js';
import { failed, succeeded, type Outcome } from '../http/outcome.js';
import { outcomeOf } from '../http/router.js';
import type { ReadinessCheck } from '../routes/system-routes.js';
import type { ModulePorts } from './module-ports.js';

export interface OpenedPorts {
  readonly ports: ModulePorts;
  readonly readiness: readonly ReadinessCheck[];
  /** Closes the broker connection and the database pool, after the server stopped. */
  readonly close: () => Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
const uuids: Ids = { next: () => randomUUID() };

const openFeed = async (
  config: InfrastructureConfig,
  log: Logger,
): Promise<Outcome<{ feed: ProgressFeed; readiness: ReadinessCheck[]; close: () => Promise<void> }, string>> => {
  if (config.progressFeed === 'in-process')
    return succeeded({ feed: new InProcessProgressFeed(), readiness: [], close: async () => undefined });
  const connection = await outcomeOf(
    RabbitMqConnection.open(config.amqpUrl, {
      name: 'qbo-http',
      onTrouble: (event, detail) => log.warn({ event, detail }, 'RabbitMQ connection trouble; recovering'),
    }),
  );
  if (!connection.ok) return failed(`RabbitMQ (AMQP_URL): ${connection.error.detail}`);
  const feed = await outcomeOf(RabbitMqProgressFeed.open(connection.value, topologyNames(config.amqpPrefix)));
  if (!feed.ok) {
    await connection.value.close();
    return failed(`RabbitMQ progress feed: ${feed.error.detail}`);
  }
  return succeeded({
    feed: feed.value,
    readiness: [{ name: 'rabbitmq', check: async () => connection.value.model() !== null }],
    close: async () => {
      await feed.value.close();
      await connection.value.close();
    },
  });
};

/** A read that touches the database: a settings row that never exists. */
const databaseAnswers = (settings: SqlSettingsStore) => async (): Promise<boolean> => (await settings.get('readiness-probe')).isOk();

/**
 * The production ports: SQL stores and the job table (`DATABASE_URL`, migrated to the latest schema at
 * start), tokens encrypted at rest, QuickBooks and Intuit's OAuth (the HTTP app's share of Intuit's
 * per-company limits, claimed in the database when used), the progress fan-out (RabbitMQ or in-process).
 * @returns err(line) naming what could not be opened (what was opened is closed again)
 */
export const openProductionPorts = async (config: InfrastructureConfig, log: Logger): Promise<Outcome<OpenedPorts, string>> => {
  const keys = parseCipherKeys(config.tokenCurrentKeyId, config.tokenKeys);
  if (keys.isErr()) return failed(`Configuration: TOKEN_KEYS ${keys.error.detail}`);
  // An embedded SQLite file may live in a folder that does not exist yet (`./data/` on a fresh clone).
  const sqliteFile = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : ':memory:';
  if (sqliteFile !== ':memory:') mkdirSync(dirname(sqliteFile), { recursive: true });
  const opened = await outcomeOf(openDatabase(config.databaseUrl));
  if (!opened.ok) return failed(`Database (DATABASE_URL): ${opened.error.detail}`);
  const database: SqlDatabase = opened.value;
  const migrated = await outcomeOf(migrateToLatest(database));
  if (!migrated.ok) {
    await database.close();
    return failed(`Database migration ${migrated.error.migration} failed: ${migrated.error.detail}`);
  }
  const feed = await openFeed(config, log);
  if (!feed.ok) {
    await database.close();
    return feed;
  }
  configureIntuitOAuth(config.intuit.oauthBaseUrl === undefined ? INTUIT_ENDPOINTS : endpointsAt(config.intuit.oauthBaseUrl), {
    maxRetries: 1,
    retryDelayMs: 500,
  });
  const connections = new SqlConnectionStore(database, tokenCipher(keys.value));
  const { clientId, clientSecret, redirectUri, environment, apiBaseUrl, minorVersion } = config.intuit;
  const authorization = new IntuitAuthorization({ clientId, clientSecret, redirectUri, environment }, connections, systemClock);
  const limiterTime = realTime();
  const gateway = new QuickBooksGateway({
    connections,
    authorization,
    api: { clientId, clientSecret, apiBaseUrl, minorVersion },
    // Its reserve of each realm's allowance, its whole share once claimed (the worker borrows it meanwhile).
    limiters: new RealmLimiters(new HttpAppBudget(new SqlQboShareClaims(database), limiterTime), limiterTime),
    policy: INTUIT_POLICY,
  });
  const settings = new SqlSettingsStore(database);
  return succeeded({
    ports: {
      documents: new SqlDocumentStore(database),
      records: new SqlSyncRecordStore(database),
      errorStore: new SqlErrorHistoryStore(database),
      connections,
      states: new SqlAuthorizationStates(database),
      settings,
      profiles: new SqlCompanyProfileCache(database),
      queue: new SqlSyncQueue(database, systemClock),
      runs: new SqlRunStore(database),
      historyImports: new SqlHistoryImportStore(database),
      progress: feed.value.feed,
      authorization,
      gateway,
      clock: systemClock,
      ids: uuids,
    },
    readiness: [{ name: 'database', check: databaseAnswers(settings) }, ...feed.value.readiness],
    close: async () => {
      await feed.value.close();
      await database.close();
    },
  });
};
