import { tokenCipher, parseCipherKeys } from '@ogustine-qbo/adapters/crypto';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
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
  SqlSettingsStore,
  SqlSyncRecordStore,
  type SqlDatabase,
} from '@ogustine-qbo/adapters/sql';
import {
  aCompanyProfile,
  anEmptyHistoryImport,
  FakeAccountingAuthorization,
  InMemoryAccounting,
  InMemoryAccountingGateway,
  InMemorySyncQueue,
  ManualClock,
  SequentialIds,
} from '@ogustine-qbo/domain/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/app.js';
import { appOf, buildContainer } from '../src/composition/container.js';
import type { ModulePorts } from '../src/composition/module-ports.js';
import { invoice, REALM } from './support/journey-fixtures.js';
import { readBody, sampleCalls } from './support/route-catalogue.js';
import { testConfig, tokenFor } from './support/test-app.js';

// The routes on the real SQL stores (SQLite file), with QuickBooks and its OAuth still the domain's
// fakes and the in-memory job queue: what is checked here is the mapping of stored rows to answers
// and that one account's rows never leak or change through another's calls.

let folder: string;
let database: SqlDatabase;
let app: App;
let authorization: FakeAccountingAuthorization;
let historyImports: SqlHistoryImportStore;

const call = async (accountId: string, method: string, path: string, body?: unknown): Promise<Response> =>
  app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(accountId)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ogustine-http-'));
  database = (await openDatabase(`sqlite:${join(folder, 'module.sqlite')}`))._unsafeUnwrap();
  (await migrateToLatest(database))._unsafeUnwrap();
  const cipher = tokenCipher(parseCipherKeys('k1', `k1:${randomBytes(32).toString('base64')}`)._unsafeUnwrap());
  const clock = new ManualClock(Date.UTC(2024, 5, 1, 8, 0));
  const ids = new SequentialIds('id');
  const connections = new SqlConnectionStore(database, cipher);
  authorization = new FakeAccountingAuthorization(connections, clock, ids);
  const gateway = new InMemoryAccountingGateway(connections, authorization);
  gateway.add(new InMemoryAccounting(aCompanyProfile({ realmId: REALM, companyName: 'Alpha SQL SARL' })));
  const ports: ModulePorts = {
    documents: new SqlDocumentStore(database),
    records: new SqlSyncRecordStore(database),
    errorStore: new SqlErrorHistoryStore(database),
    connections,
    states: new SqlAuthorizationStates(database),
    settings: new SqlSettingsStore(database),
    profiles: new SqlCompanyProfileCache(database),
    queue: new InMemorySyncQueue(),
    runs: new SqlRunStore(database),
    historyImports: (historyImports = new SqlHistoryImportStore(database)),
    progress: new InProcessProgressFeed(),
    authorization,
    gateway,
    clock,
    ids,
  };
  for (const doc of [invoice(1), invoice(2), invoice(3)]) (await ports.documents.record(doc, clock.now()))._unsafeUnwrap();
  app = appOf(await buildContainer(testConfig(), ports, { processMetrics: false, logDestination: { write: () => undefined } }));
});

afterAll(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('routes on the SQLite stores', () => {
  it('connect (tokens stored encrypted), check, preview, launch once, then another account walks every route and sees and changes nothing', async () => {
    const started = (await (await call('A1', 'POST', '/v1/quickbooks/connection/start')).json()) as { authorizationUrl: string };
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    authorization.grantCode('code', REALM);
    const back = await app.request(`/v1/quickbooks/connection/callback?code=code&state=${state}&realmId=${REALM}`);
    expect(back.headers.get('location')).toContain('quickbooks=connected');
    // The worker's history import, with nothing in the billing core's history: the launch waits for it.
    (await historyImports.save(anEmptyHistoryImport('A1', Date.UTC(2024, 5, 1, 8, 0))))._unsafeUnwrap();
    const stored = await database.db.selectFrom('connection').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/access-id|refresh-id/);

    expect(await (await call('A1', 'GET', '/v1/quickbooks/connection')).json()).toMatchObject({
      status: 'connected',
      company: { name: 'Alpha SQL SARL' },
      prerequisites: 'met',
    });
    const preview = (await (await call('A1', 'GET', '/v1/quickbooks/initial-sync/preview')).json()) as { counts: Record<string, number> };
    expect(preview.counts).toMatchObject({ documents: 3, invoices: 3 });
    expect((await call('A1', 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true })).status).toBe(202);
    expect((await call('A1', 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true })).status).toBe(409);
    expect(await (await call('A1', 'GET', '/v1/quickbooks/runs/initial-sync')).json()).toMatchObject({ total: 3, status: 'running' });
    expect(await (await call('A1', 'GET', '/v1/quickbooks/documents/D1/status')).json()).toMatchObject({ state: 'waiting' });

    const rowsOfA = async () =>
      JSON.stringify(
        await Promise.all(
          (['connection', 'account_settings', 'document', 'sync_record', 'error_record'] as const).map((table) =>
            database.db.selectFrom(table).selectAll().execute(),
          ),
        ),
      );
    const before = await rowsOfA();
    for (const sample of Object.values(
      sampleCalls({ documentId: 'D1', otherDocumentId: 'D2', causeKey: 'cause.unknown', runId: 'initial-sync' }),
    ).flat()) {
      const res = await call('B2', sample.method, sample.path, sample.body);
      const text = await readBody(res);
      expect(res.status, `${sample.method} ${sample.path}`).toBeLessThan(500);
      expect(text).not.toContain('Alpha SQL SARL');
      expect(text).not.toContain(REALM);
    }
    // B2's own settings row may now exist; A1's rows are untouched.
    const after = JSON.parse(await rowsOfA()) as unknown[][];
    const was = JSON.parse(before) as unknown[][];
    const ofA = (rows: unknown[]) => rows.filter((r) => JSON.stringify(r).includes('"A1"'));
    expect(after.map(ofA)).toEqual(was.map(ofA));
  });
});
