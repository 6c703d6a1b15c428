import {
  migrateToLatest,
  openDatabase,
  SqlCompanyProfileCache,
  SqlConnectionStore,
  SqlDocumentStore,
  SqlErrorHistoryStore,
  SqlMappingStore,
  SqlOperations,
  SqlProcessedMessages,
  SqlDocumentReceipts,
  SqlRunStore,
  SqlSettingsStore,
  SqlSyncQueue,
  SqlSyncRecordStore,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import { scratchDatabase, TestCipher, type ScratchDatabase } from '@ogustine-qbo/adapters/sql/testing';
import { connect, ERASED_CUSTOMER_NAME, ErrorJournal, freshSettings, type OgustineDocument } from '@ogustine-qbo/domain';
import {
  aDocument,
  FakeAccountingAuthorization,
  InMemoryAccountingGateway,
  ManualClock,
  SequentialIds,
} from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountOperations } from '../src/operations/account-operations.js';
import { runOperatorCommand, USAGE } from '../src/operator-commands.js';

// The operator's database commands on a real MariaDB, through the same stores and use cases the worker runs.

const REALM = '9130350000000001';
let scratch: ScratchDatabase;
let database: SqlDatabase;
const clock = new ManualClock(Date.UTC(2024, 5, 1, 8));
const ids = new SequentialIds('ops');

beforeAll(async () => {
  scratch = await scratchDatabase('mysql', 'ops_cli');
  database = (await openDatabase(scratch.url))._unsafeUnwrap();
  (await migrateToLatest(database))._unsafeUnwrap();
});
afterAll(async () => {
  await database.close();
  await scratch.drop();
});

const compose = () => {
  const connections = new SqlConnectionStore(database, new TestCipher());
  const stores = {
    documents: new SqlDocumentStore(database),
    processed: new SqlProcessedMessages(database),
    receipts: new SqlDocumentReceipts(database, clock),
    mappings: new SqlMappingStore(database, clock),
    records: new SqlSyncRecordStore(database),
    errorHistory: new SqlErrorHistoryStore(database),
    settings: new SqlSettingsStore(database),
    runs: new SqlRunStore(database),
    profiles: new SqlCompanyProfileCache(database),
  };
  const queue = new SqlSyncQueue(database, clock);
  const authorization = new FakeAccountingAuthorization(connections, clock, ids);
  const journal = new ErrorJournal(stores.errorHistory, ids, clock);
  const accounts = new AccountOperations(
    { stores, queue, gateway: new InMemoryAccountingGateway(connections, authorization) },
    { sql: new SqlOperations(database, queue), connections, authorization, profiles: stores.profiles },
    journal,
    clock,
    ids,
  );
  return { connections, stores, queue, journal, accounts };
};

const run = async (accounts: AccountOperations, ...args: string[]) => {
  const lines: string[] = [];
  const code = await runOperatorCommand(args, { accounts }, (l) => lines.push(l));
  return { code, lines };
};

const customerOf = (n: number): OgustineDocument['customer'] => ({
  id: `C${n}`,
  kind: 'person',
  name: `Marie Dupont ${n}`,
  firstName: 'Marie',
  lastName: `Dupont ${n}`,
  email: `marie${n}@example.fr`,
  phone: '+33 6 12 34 56 78',
  address: { lines: ['3 rue des Lilas'], postalCode: '69003', city: 'Lyon', country: 'FR' },
});

describe('operator commands on the database (MariaDB)', () => {
  it('history, dead jobs, replay and resync of a document', async () => {
    const { stores, queue, journal, accounts } = compose();
    const doc = aDocument({ accountId: 'A1', id: 'D1', number: 'F-1', customer: customerOf(1) });
    (await stores.documents.record(doc, clock.now()))._unsafeUnwrap();
    (await journal.recordFailure('A1', 'D1', 'invoice', { kind: 'cause.business-validation' }))._unsafeUnwrap();
    (await queue.enqueue([{ jobId: 'J1', accountId: 'A1', realmId: REALM, documentId: 'D1', reason: 'validated' }]))._unsafeUnwrap();
    const lease = (await queue.take('w', clock.now()))._unsafeUnwrap();
    if (lease === null) throw new Error('a lease');
    (await queue.deadLetter(lease, 'J1', 'document.unknown'))._unsafeUnwrap();

    const history = await run(accounts, 'history', 'A1', 'D1');
    expect(history.code).toBe(0);
    expect(history.lines[0]).toMatch(/^document\tinvoice F-1\t/);
    expect(history.lines[1]).toBe('sync record\tnone (never tried)');
    expect(history.lines[2]).toMatch(/^error\t#1 2024-06-01T08:00:00.000Z\topen\t/);
    expect(history.lines[3]).toMatch(/^job\tJ1\tvalidated\tdead\t.*\tdocument\.unknown$/);
    expect((await run(accounts, 'history', 'A1', 'D404')).lines).toEqual(['error: unknown document D404 of account A1']);

    expect((await run(accounts, 'dead-jobs')).lines).toEqual([
      expect.stringMatching(/^J1\tA1\tD1\tvalidated\t.*\tdocument\.unknown$/),
      '1 dead job(s)',
    ]);
    expect((await run(accounts, 'dead-jobs', 'A2')).lines).toEqual(['0 dead job(s)']);
    expect((await run(accounts, 'replay-jobs', 'J1', 'J-unknown')).lines).toEqual(['1 dead job(s) queued again']);
    expect((await run(accounts, 'dead-jobs')).lines).toEqual(['0 dead job(s)']);
    const replayed = (await run(accounts, 'history', 'A1', 'D1')).lines.filter((l) => l.startsWith('job\t'));
    expect(replayed).toEqual([expect.stringMatching(/^job\tJ1\tvalidated\tqueued\t.*\t0 deliveries$/)]);

    // Resync: refused while the account is not connected, then queued once it is.
    expect(await run(accounts, 'resync', 'A1', 'D1')).toEqual({ code: 1, lines: ['error: account A1 is not connected to QuickBooks'] });
    const fresh = freshSettings('A1');
    (
      await stores.settings.save({ ...fresh, moduleState: connect(fresh.moduleState, REALM, 'Ménage Plus')._unsafeUnwrap() })
    )._unsafeUnwrap();
    expect(await run(accounts, 'resync', 'A1', 'D1')).toEqual({ code: 0, lines: ['queued D1'] });
    const jobs = (await run(accounts, 'history', 'A1', 'D1')).lines.filter((l) => l.startsWith('job\t')).map((l) => l.split('\t')[2]);
    expect(jobs.sort()).toEqual(['resync', 'validated']);
  });

  it('erase-account needs --confirm; then the tokens are gone, the customers’ personal data erased, the accounting record and the history kept', async () => {
    const { connections, stores, queue, journal, accounts } = compose();
    const docs = Array.from({ length: 205 }, (_, i) =>
      aDocument({ accountId: 'A9', id: `E${i}`, number: `E-${i}`, customer: customerOf(i) }),
    );
    for (const d of docs) (await stores.documents.record(d, clock.now()))._unsafeUnwrap();
    const other = aDocument({ accountId: 'A8', id: 'O1', number: 'O-1', customer: customerOf(1) });
    (await stores.documents.record(other, clock.now()))._unsafeUnwrap();
    (await journal.recordFailure('A9', 'E0', 'invoice', { kind: 'cause.business-validation' }))._unsafeUnwrap();
    (await queue.enqueue([{ jobId: 'K1', accountId: 'A9', realmId: REALM, documentId: 'E1', reason: 'validated' }]))._unsafeUnwrap();
    const now = clock.now();
    (
      await connections.save({
        accountId: 'A9',
        realmId: REALM,
        tokens: { accessToken: 'at', refreshToken: 'rt', accessTokenExpiresAt: now + 3_600_000, refreshTokenExpiresAt: now + 86_400_000 },
        connectedAt: now,
        status: 'connected',
      })
    )._unsafeUnwrap();
    (await stores.mappings.save({ accountId: 'A9', realmId: REALM }, 'customer', 'C1', { qboId: '58' }))._unsafeUnwrap();

    const refused = await run(accounts, 'erase-account', 'A9');
    expect(refused.code).toBe(2);
    expect(refused.lines.join('\n')).toBe(USAGE);
    expect((await connections.get('A9'))._unsafeUnwrap()).not.toBeNull();

    const erased = await run(accounts, 'erase-account', 'A9', '--confirm');
    expect(erased.code).toBe(0);
    expect(erased.lines[0]).toMatch(/^tokens (revoked at Intuit and )?forgotten/);
    expect(erased.lines[1]).toMatch(/^205 document copies without/);
    expect(erased.lines[2]).toBe('1 customer mappings, 1 unfinished jobs, 0 pending authorisations removed');
    expect((await connections.get('A9'))._unsafeUnwrap()).toBeNull();
    for (const d of [docs[0], docs[204]]) {
      if (d === undefined) throw new Error('a document');
      const kept = (await stores.documents.get('A9', d.id))._unsafeUnwrap();
      expect(kept?.customer).toEqual({ id: d.customer.id, kind: 'person', name: ERASED_CUSTOMER_NAME });
      expect([kept?.number, kept?.totals, kept?.lines, kept?.createdAt]).toEqual([d.number, d.totals, d.lines, d.createdAt]);
    }
    // The oracle: no personal value of A9's customers is left in its rows; another account is untouched.
    const rows = await database.db.selectFrom('document').select('snapshot').where('account_id', '=', 'A9').execute();
    for (const personal of ['Marie', 'Dupont', '@example.fr', 'Lilas', 'Lyon'])
      expect(rows.some((r) => r.snapshot.includes(personal))).toBe(false);
    expect((await stores.documents.get('A8', 'O1'))._unsafeUnwrap()?.customer).toEqual(other.customer);
    expect((await stores.errorHistory.forDocument('A9', 'E0'))._unsafeUnwrap()).toHaveLength(1);
    expect((await stores.mappings.find({ accountId: 'A9', realmId: REALM }, 'customer', 'C1'))._unsafeUnwrap()).toBeNull();
    expect((await run(accounts, 'history', 'A9', 'E1')).lines).toContain('jobs\tnone');
  });
});
