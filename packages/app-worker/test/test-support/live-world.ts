import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_RETRY_POLICY } from '@ogustine-qbo/adapters';
import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import { HttpAppBudget } from '@ogustine-qbo/adapters/quickbooks';
import { deleteTopology, RabbitMqConnection, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';
import {
  migrateToLatest,
  openDatabase,
  SqlAuthorizationStates,
  SqlCompanyProfileCache,
  SqlConnectionStore,
  SqlDocumentStore,
  SqlHistoryImportStore,
  SqlQboShareClaims,
  SqlRunStore,
  SqlSettingsStore,
  SqlSyncQueue,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import { scratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import { accountSpec, amqpPublisher, createBillingSandbox, DEFAULT_TOKEN, type AccountSpec } from '@ogustine-qbo/billing-sandbox';
import { CheckPrerequisites, ConnectQuickBooks, docNumberFor, LaunchInitialSync, type Ids, type SyncRun } from '@ogustine-qbo/domain';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import { createSandbox, type CreatedCompany } from '@ogustine-qbo/qbo-sandbox';
import { scaledClock, type ModuleTime } from '../../src/composition/module-time.js';
import { intuitAuthorization, quickBooks } from '../../src/composition/quickbooks-gateway.js';
import { AMQP_URL, eventually } from '../buses.js';
import { testWorkerConfig } from '../composed.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

const CLIENT_ID = 'live-world';
const CLIENT_SECRET = 'live-world-secret';
const REDIRECT_URI = 'http://127.0.0.1:9/v1/quickbooks/connection/callback';

/** A QBO entity as the sandbox shows it (the fields the tests read). */
export interface QboEntity {
  readonly Id: string;
  readonly DocNumber?: string;
  readonly AttachableRef?: readonly { readonly EntityRef: { readonly type: string; readonly value: string } }[];
}

export interface LiveWorldOptions {
  /** Names the run's database and AMQP prefix. */
  readonly name: string;
  /** The module's time scale (`composition/module-time.ts`), shared by the QBO sandbox's windows. */
  readonly scale: number;
  /** The billing core's accounts (each connected to a QBO company of its own by `connect`). */
  readonly accounts: readonly (Partial<AccountSpec> & { readonly accountId: string })[];
  /** false: the billing sandbox's `emit` publishes nothing, the test publishes the events itself (`publisher`), in its own order. */
  readonly publishEmitted?: boolean;
}

/**
 * The module over real wires, as production runs it but for the time scale: a MariaDB database and
 * an AMQP prefix of the run's own, the QBO sandbox (one French company per account, custom numbers
 * on) and the billing sandbox (its accounts' histories and PDFs, events published to RabbitMQ) in
 * this process over HTTP, and the worker as child processes. What the HTTP app does for the office
 * manager (connect through Intuit's consent page, launch) is done here with the same use cases.
 * One world per test file: intuit-oauth's endpoints are set once per process.
 */
export const openLiveWorld = async (o: LiveWorldOptions) => {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => console.error(e));
  };
  try {
    const time: ModuleTime = { scale: o.scale, origin: Date.now() };
    const clock = scaledClock(time);
    const ids: Ids = { next: () => randomUUID() };

    const scratch = await scratchDatabase('mysql', o.name);
    cleanups.push(scratch.drop);
    const database: SqlDatabase = (await openDatabase(scratch.url))._unsafeUnwrap();
    cleanups.push(() => database.close());
    (await migrateToLatest(database))._unsafeUnwrap();

    const qbo = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true, timeScale: o.scale });
    const qboRunning = await qbo.listen(0);
    cleanups.push(() => qboRunning.close());
    const companies = new Map<string, CreatedCompany>(
      o.accounts.map((a) => [a.accountId, qbo.admin.createCompany({ country: 'FR', customTxnNumbers: true, companyName: a.accountId })]),
    );

    const amqpPrefix = `test.${o.name}.${randomUUID().slice(0, 8)}`;
    const names = topologyNames(amqpPrefix);
    const publisher = await amqpPublisher({ url: AMQP_URL, exchange: names.events });
    cleanups.push(async () => {
      await publisher.close();
      const connection = (await RabbitMqConnection.open(AMQP_URL, { name: 'live-world cleanup', initialRetries: 1 }))._unsafeUnwrap();
      const channel = await (await connection.connected()).createChannel();
      await deleteTopology(channel, names, DEFAULT_RETRY_POLICY);
      await channel.close();
      await connection.close();
    });
    const billing = createBillingSandbox({
      accounts: o.accounts.map((a) => accountSpec(a)),
      ...(o.publishEmitted === false ? {} : { publisher }),
      // Documents are validated on the module's clock (time-scaled), as they would be in step with it.
      clock: () => new Date(clock.now()),
    });
    const billingRunning = await billing.listen(0);
    cleanups.push(() => billingRunning.close());

    const keys = `live:${randomBytes(32).toString('base64')}`;
    const env: Record<string, string> = {
      WORKER_BUS: 'rabbitmq',
      AMQP_URL,
      AMQP_PREFIX: amqpPrefix,
      DATABASE_URL: scratch.url,
      WORKER_HEALTH_PORT: '0',
      WORKER_IDLE_LOOK_MS: '100',
      WORKER_HISTORY_EVERY_MS: '100',
      LOG_LEVEL: process.env['LIVE_WORLD_LOG'] ?? 'info',
      QBO_CLIENT_ID: CLIENT_ID,
      QBO_CLIENT_SECRET: CLIENT_SECRET,
      QBO_REDIRECT_URI: REDIRECT_URI,
      QBO_ENVIRONMENT: 'sandbox',
      QBO_API_URL: qboRunning.url,
      QBO_OAUTH_URL: qboRunning.url,
      TOKEN_KEY_ID: 'live',
      TOKEN_KEYS: keys,
      BILLING_CORE_URL: billingRunning.url,
      BILLING_CORE_TOKEN: DEFAULT_TOKEN,
      MODULE_TIME_SCALE: String(o.scale),
      MODULE_TIME_ORIGIN: String(time.origin),
    };
    const config = testWorkerConfig(env, 'live-world');

    const connections = new SqlConnectionStore(database, tokenCipher(parseCipherKeys('live', keys)._unsafeUnwrap()));
    const stores = {
      documents: new SqlDocumentStore(database),
      settings: new SqlSettingsStore(database),
      runs: new SqlRunStore(database),
      profiles: new SqlCompanyProfileCache(database),
      historyImports: new SqlHistoryImportStore(database),
      queue: new SqlSyncQueue(database, clock),
    };
    const progress = new InProcessProgressFeed();
    // The office manager's side, as the HTTP app: its budget claims its share in the world's database, where the worker processes read it.
    const claims = new SqlQboShareClaims(database);
    const { gateway } = quickBooks(config.qbo, connections, (limiterTime) => new HttpAppBudget(claims, limiterTime), clock, o.scale);
    const authorization = intuitAuthorization(config.qbo, connections, clock);
    const ports = { ...stores, connections, authorization, gateway, states: new SqlAuthorizationStates(database), progress, clock, ids };
    const connectQuickBooks = new ConnectQuickBooks({ ...ports, checkPrerequisites: new CheckPrerequisites(ports) });
    const launchInitialSync = new LaunchInitialSync(ports);

    const workers: WorkerProcess[] = [];
    cleanups.push(async () => {
      for (const w of workers) {
        if (w.child.exitCode !== null || w.child.signalCode !== null) continue;
        w.child.kill('SIGKILL');
        await w.exited;
      }
    });

    const companyOf = (accountId: string): CreatedCompany => {
      const company = companies.get(accountId);
      if (company === undefined) throw new Error(`no company for ${accountId}`);
      return company;
    };
    const entities = (accountId: string, type: string): QboEntity[] => {
      const inspected = qbo.admin.inspect(companyOf(accountId).realmId) as { entities: Record<string, QboEntity[] | undefined> };
      return inspected.entities[type] ?? [];
    };

    return {
      time,
      clock,
      database,
      stores,
      qbo,
      billing,
      publisher,
      companyOf,

      /** Starts a worker process with the world's configuration (and `extra`), resolved once it consumes. */
      startWorker: async (extra: Record<string, string> = {}): Promise<WorkerProcess> => {
        const worker = startWorkerProcess({ ...env, ...extra });
        workers.push(worker);
        await eventually(
          () => {
            if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${JSON.stringify(worker.lines.slice(-3))}`);
            return worker.logged('worker started');
          },
          'the worker started',
          60_000,
        );
        return worker;
      },

      /** Connects the account to its company as the office manager does on Intuit's consent page; the prerequisites must be met. */
      connect: async (accountId: string): Promise<void> => {
        const consent = new URL((await connectQuickBooks.start(accountId))._unsafeUnwrap());
        const realmId = companyOf(accountId).realmId;
        const form = new URLSearchParams({ ...Object.fromEntries(consent.searchParams), realmId, decision: 'approve' });
        const approved = await fetch(new URL('/connect/oauth2', consent), { method: 'POST', body: form, redirect: 'manual' });
        const callback = new URL(approved.headers.get('location') ?? '');
        const { code, state } = Object.fromEntries(callback.searchParams) as { code: string; state: string };
        const connected = await connectQuickBooks.run({ code, state, realmId });
        if (connected.isErr()) throw new Error(`connect: ${JSON.stringify(connected.error)}`);
        if (connected.value.unmet.length > 0) throw new Error(`prerequisites unmet: ${JSON.stringify(connected.value.unmet)}`);
      },

      /** Resolves once a worker imported the account's history from the billing core and checked the prerequisites against it. */
      imported: (accountId: string, timeoutMs = 60_000): Promise<void> =>
        eventually(
          () =>
            workers.some((w) =>
              w.lines.some((l) => l['msg'] === 'history: prerequisites checked again after the import' && l['accountId'] === accountId),
            ),
          `${accountId}'s history imported`,
          timeoutMs,
        ),

      /** Launches the account's initial sync, as the office manager does after the preview. */
      launch: async (accountId: string): Promise<SyncRun> => {
        for (;;) {
          const launched = await launchInitialSync.run(accountId);
          if (launched.isOk()) return launched.value.run;
          // The worker saved the settings meanwhile (its check of the prerequisites after the import): the user clicks again.
          if (launched.error.kind !== 'store.conflict') throw new Error(`launch: ${JSON.stringify(launched.error)}`);
        }
      },

      /** The account's run as stored now. */
      run: async (accountId: string, runId: string): Promise<SyncRun | null> => (await stores.runs.get(accountId, runId))._unsafeUnwrap(),

      /** The invoices and credit memos in the account's company, read in process (over HTTP would spend the realm's limits). */
      transactions: (accountId: string): QboEntity[] => [...entities(accountId, 'Invoice'), ...entities(accountId, 'CreditMemo')],

      /** The files attached in the account's company. */
      attachables: (accountId: string): QboEntity[] => entities(accountId, 'Attachable'),

      /** Jobs not finished (any account), and those dead. */
      jobCounts: async (): Promise<{ live: number; dead: number }> => {
        const count = async (table: 'sync_job' | 'sync_job_dead') =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        return { live: await count('sync_job'), dead: await count('sync_job_dead') };
      },

      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
};

export type LiveWorld = Awaited<ReturnType<typeof openLiveWorld>>;

/** The QBO DocNumber of a billing-core document. */
export const docNumberOf = (document: { readonly number: string }): string => docNumberFor(document.number)._unsafeUnwrap();

/** How many times each value occurs. */
export const tally = (values: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};
