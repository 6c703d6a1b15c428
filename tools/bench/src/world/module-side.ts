import { randomBytes, randomUUID } from 'node:crypto';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import {
  configureIntuitOAuth,
  endpointsAt,
  HttpAppBudget,
  INTUIT_POLICY,
  IntuitAuthorization,
  QuickBooksGateway,
  RealmLimiters,
  realTime,
  scaledPolicy,
} from '@ogustine-qbo/adapters/quickbooks';
import {
  migrateToLatest,
  openDatabase,
  SqlAuthorizationStates,
  SqlConnectionStore,
  SqlCompanyProfileCache,
  SqlDocumentStore,
  SqlHistoryImportStore,
  SqlQboShareClaims,
  SqlRunStore,
  SqlSettingsStore,
  SqlSyncQueue,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import { scratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import { scaledClock, type ModuleTime } from '@ogustine-qbo/app-worker';
import {
  CheckPrerequisites,
  ChoosePdfAttachment,
  ConnectQuickBooks,
  LaunchInitialSync,
  type Clock,
  type Ids,
  type ProgressFeed,
} from '@ogustine-qbo/domain';
import { CLIENT_ID, CLIENT_SECRET, type Sandboxes } from './sandboxes.js';

const REDIRECT_URI = 'http://127.0.0.1:9/v1/quickbooks/connection/callback';
/** Nobody watches the progress of a benchmark: the in-process feed, with no subscriber. */
const noProgress: ProgressFeed = new InProcessProgressFeed();

/**
 * What the HTTP app does for the office manager, done here with the same use cases and SQL stores on
 * the run's MariaDB database (its own, made for the run and dropped after): connect the company
 * through Intuit's consent page, check the prerequisites, launch the initial sync.
 */
export const openModuleSide = async (time: ModuleTime, prefix: string) => {
  const scratch = await scratchDatabase('mysql', prefix);
  const database: SqlDatabase = (await openDatabase(scratch.url))._unsafeUnwrap();
  (await migrateToLatest(database))._unsafeUnwrap();
  const keyId = 'bench';
  const keys = `${keyId}:${randomBytes(32).toString('base64')}`;
  const clock: Clock = scaledClock(time);
  const ids: Ids = { next: () => randomUUID() };
  const connections = new SqlConnectionStore(database, tokenCipher(parseCipherKeys(keyId, keys)._unsafeUnwrap()));
  const stores = {
    documents: new SqlDocumentStore(database),
    settings: new SqlSettingsStore(database),
    runs: new SqlRunStore(database),
    // The profile read on connecting is kept for the worker, as the HTTP app does.
    profiles: new SqlCompanyProfileCache(database),
    queue: new SqlSyncQueue(database, clock),
  };

  /** Connects `accountId` to the sandbox's company as the office manager would, and checks the prerequisites. */
  const connect = async (sandboxes: Sandboxes, accountId: string): Promise<void> => {
    configureIntuitOAuth(endpointsAt(sandboxes.qboUrl), { maxRetries: 1, retryDelayMs: 500 * time.scale });
    const authorization = new IntuitAuthorization(
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, environment: 'sandbox' },
      connections,
      clock,
    );
    // The HTTP app's budget, claims in the run's database: the worker process reads them.
    const limiterTime = realTime(time.scale);
    const gateway = new QuickBooksGateway({
      connections,
      authorization,
      api: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBaseUrl: sandboxes.qboUrl, minorVersion: '75' },
      limiters: new RealmLimiters(new HttpAppBudget(new SqlQboShareClaims(database), limiterTime), limiterTime),
      policy: scaledPolicy(INTUIT_POLICY, time.scale),
    });
    const ports = {
      ...stores,
      connections,
      authorization,
      gateway,
      states: new SqlAuthorizationStates(database),
      progress: noProgress,
      clock,
      ids,
    };
    const connectQuickBooks = new ConnectQuickBooks({ ...ports, checkPrerequisites: new CheckPrerequisites(ports) });
    const consent = new URL((await connectQuickBooks.start(accountId))._unsafeUnwrap());
    const realmId = sandboxes.company.realmId;
    const form = new URLSearchParams({ ...Object.fromEntries(consent.searchParams), realmId, decision: 'approve' });
    const approved = await fetch(new URL('/connect/oauth2', consent), { method: 'POST', body: form, redirect: 'manual' });
    const callback = new URL(approved.headers.get('location') ?? '');
    const code = callback.searchParams.get('code') ?? '';
    const state = callback.searchParams.get('state') ?? '';
    const connected = await connectQuickBooks.run({ code, state, realmId });
    if (connected.isErr()) throw new Error(`connect: ${JSON.stringify(connected.error)}`);
    const settings = (await stores.settings.get(accountId))._unsafeUnwrap();
    const prerequisites = settings?.moduleState.prerequisites;
    if (prerequisites?.kind !== 'met') throw new Error(`prerequisites not met: ${JSON.stringify(prerequisites)}`);
  };

  /** Launches the initial sync. @returns its run id and how many documents it queued */
  const launch = async (accountId: string): Promise<{ runId: string; queued: number }> => {
    const launched = await new LaunchInitialSync({ ...stores, progress: noProgress, clock, ids }).run(accountId);
    if (launched.isErr()) throw new Error(`launch: ${JSON.stringify(launched.error)}`);
    return { runId: launched.value.run.runId, queued: launched.value.queued };
  };

  /** « Joindre le PDF Ogustine », as the office manager sets it on the settings screen. */
  const attachPdf = async (accountId: string, on: boolean): Promise<void> => {
    (await new ChoosePdfAttachment(stores).choose(accountId, on))._unsafeUnwrap();
  };

  /**
   * The account's history import noted done before the company is connected, as if it had already
   * read the billing core's history: the documents reach the module by their events instead
   * (`recordHistory`), and the worker neither imports them again nor, once an import ends, queues
   * again what the launch queued.
   */
  const historyImported = async (accountId: string): Promise<void> => {
    const now = clock.now();
    const saved = await new SqlHistoryImportStore(database).save({
      accountId,
      createdFrom: '2000-01-01',
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
      cursor: null,
      imported: 0,
      unreadable: 0,
      done: true,
      startedAt: now,
      finishedAt: now,
      version: 0,
    });
    if (saved.isErr()) throw new Error(`history import: ${JSON.stringify(saved.error)}`);
  };

  /**
   * Whether the worker's history loop finished importing the account's history. A scenario that
   * publishes events for documents the billing core serves waits for it first: documents added
   * before would be imported and queued by the history loop, not by their events.
   */
  const historyImportDone = async (accountId: string): Promise<boolean> =>
    (await new SqlHistoryImportStore(database).get(accountId)).match(
      (imported) => imported?.done === true,
      () => false,
    );

  /** How many of the account's documents the module recorded. */
  const recorded = async (accountId: string): Promise<number> => {
    const row = await database.db
      .selectFrom('document')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  return {
    databaseUrl: scratch.url,
    database,
    tokenKeys: { currentKeyId: keyId, keys },
    clock,
    stores,
    connect,
    historyImported,
    launch,
    attachPdf,
    historyImportDone,
    recorded,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
};

export type ModuleSide = Awaited<ReturnType<typeof openModuleSide>>;
