import { randomBytes } from 'node:crypto';
import { parseCipherKeys, tokenCipher } from '@ogustine-qbo/adapters/crypto';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
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
  SqlRunStore,
  SqlSettingsStore,
  SqlSyncQueue,
  SqlSyncRecordStore,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import { scratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import {
  CheckPrerequisites,
  ConnectQuickBooks,
  decimal,
  LaunchInitialSync,
  toDocumentWire,
  type Clock,
  type ReceiveValidatedDocument,
} from '@ogustine-qbo/domain';
import {
  aCompanyProfile,
  aLine,
  FakeAccountingAuthorization,
  InMemoryAccounting,
  InMemoryAccountingGateway,
  InMemoryDocumentFiles,
  invoice,
  REALM,
  SequentialIds,
} from '@ogustine-qbo/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../src/composition/tokens.js';
import type { Worker } from '../src/worker.js';
import { eventually, openInProcessBus } from './buses.js';
import { composedWorker, noKeepAlive, testWorkerConfig } from './composed.js';

// Two processes on one MariaDB database (two pools): the HTTP app's *Réessayer* and the worker as its
// container composes it. The profile cache is the database's: what one refreshes, the other reads.

const scratch = await scratchDatabase('mysql', 'profile_shared');
const cleanups: (() => Promise<void>)[] = [scratch.drop];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const clock: Clock = { now: () => Date.now() };
const cipher = tokenCipher(parseCipherKeys('k1', `k1:${randomBytes(32).toString('base64')}`)._unsafeUnwrap());
const open = async (): Promise<SqlDatabase> => {
  const db = (await openDatabase(scratch.url))._unsafeUnwrap();
  cleanups.push(() => db.close());
  return db;
};

/** One process's view of QuickBooks: the same company, reached through its own stores. */
const quickBooksOf = (db: SqlDatabase, company: InMemoryAccounting, ids: SequentialIds) => {
  const connections = new SqlConnectionStore(db, cipher);
  const authorization = new FakeAccountingAuthorization(connections, clock, ids);
  const gateway = new InMemoryAccountingGateway(connections, authorization);
  gateway.add(company);
  return { connections, authorization, gateway };
};

const httpApp = (db: SqlDatabase, company: InMemoryAccounting) => {
  const ids = new SequentialIds('http');
  const { connections, authorization, gateway } = quickBooksOf(db, company, ids);
  const ports = {
    gateway,
    connections,
    authorization,
    states: new SqlAuthorizationStates(db),
    documents: new SqlDocumentStore(db),
    settings: new SqlSettingsStore(db),
    runs: new SqlRunStore(db),
    queue: new SqlSyncQueue(db, clock),
    profiles: new SqlCompanyProfileCache(db),
    progress: new InProcessProgressFeed(),
    clock,
    ids,
  };
  const checkPrerequisites = new CheckPrerequisites(ports);
  return {
    authorization,
    checkPrerequisites,
    connect: new ConnectQuickBooks({ ...ports, checkPrerequisites }),
    launch: new LaunchInitialSync(ports),
  };
};

const workerProcess = async (db: SqlDatabase, company: InMemoryAccounting) => {
  const ids = new SequentialIds('worker');
  const { gateway } = quickBooksOf(db, company, ids);
  const documents = new SqlDocumentStore(db);
  const config = testWorkerConfig({ WORKER_IDLE_LOOK_MS: '100' }, 'profile-worker');
  const bus = await openInProcessBus();
  cleanups.push(bus.dispose);
  const c = composedWorker(config, clock, ids, {
    stores: {
      documents,
      processed: new SqlProcessedMessages(db),
      receipts: new SqlDocumentReceipts(db, clock),
      mappings: new SqlMappingStore(db, clock),
      records: new SqlSyncRecordStore(db),
      errorHistory: new SqlErrorHistoryStore(db),
      settings: new SqlSettingsStore(db),
      runs: new SqlRunStore(db),
      profiles: new SqlCompanyProfileCache(db),
    },
    queue: new SqlSyncQueue(db, clock),
    gateway,
    keepConnectionsAlive: noKeepAlive,
    files: new InMemoryDocumentFiles(() => true),
    bus: bus.bus,
    progress: new InProcessProgressFeed(),
  });
  const worker = c.resolve<Worker>(TOKENS.Worker);
  expect(await worker.start()).toBe(true);
  cleanups.push(() => worker.stop());
  return { receive: c.resolve<ReceiveValidatedDocument>(TOKENS.ReceiveValidatedDocument), errors: new SqlErrorHistoryStore(db) };
};

describe('the company profile, shared by the HTTP app and the worker through the database', () => {
  it('the worker reads the profile the HTTP app kept, and Réessayer there, after a fix in QBO, is what the worker then sees', async () => {
    const first = await open();
    (await migrateToLatest(first))._unsafeUnwrap();
    const company = new InMemoryAccounting(aCompanyProfile({ realmId: REALM, discountsAllowed: false }));
    const http = httpApp(first, company);
    const worker = await workerProcess(await open(), company);

    const url = (await http.connect.start('A1'))._unsafeUnwrap();
    const state = new URL(url).searchParams.get('state') ?? '';
    http.authorization.grantCode('code', REALM);
    const c = await http.connect.run({ code: 'code', state, realmId: REALM });
    if (c.isErr()) throw new Error(JSON.stringify(c.error));
    (await http.launch.run('A1'))._unsafeUnwrap();
    const readAtConnection = company.profileReads;

    // Created today, so the account's sync (from January 1st of this year) covers them.
    const today = { createdAt: clock.now() - 3_600_000, validatedAt: clock.now() - 60_000 };
    const plain = invoice(1, today);
    const discounted = invoice(2, { ...today, lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] });
    for (const doc of [plain, discounted])
      expect((await worker.receive.run({ messageId: `m-${doc.id}`, document: toDocumentWire(doc) }))._unsafeUnwrap().kind).toBe('queued');
    await eventually(() => company.transactionsNumbered('OGUSTINE_2024-01-01').length === 1, 'the plain invoice in QBO');
    await eventually(
      async () =>
        (await worker.errors.forDocument('A1', discounted.id))._unsafeUnwrap().some((e) => e.cause.kind === 'cause.discounts-disabled'),
      'the discounted invoice refused: discounts are off in QBO',
    );
    // The worker never read the company: the HTTP app's read at connection serves it.
    expect(company.profileReads).toBe(readAtConnection);

    company.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    const retried = (await http.checkPrerequisites.run('A1'))._unsafeUnwrap();
    expect(retried.unmet).toEqual([]);
    expect(retried.queued).toBe(1);

    await eventually(() => company.transactionsNumbered('OGUSTINE_2024-01-02').length === 1, 'the discounted invoice in QBO');
    expect(company.profileReads).toBe(readAtConnection + 1);
  });
});
