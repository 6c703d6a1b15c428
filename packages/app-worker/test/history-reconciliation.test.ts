import { randomUUID } from 'node:crypto';
import { HttpBillingCore } from '@ogustine-qbo/adapters/billing-core';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import { accountSpec, createBillingSandbox, DEFAULT_TOKEN } from '@ogustine-qbo/billing-sandbox';
import { docNumberFor, documentFilesFromBillingCore, type Clock } from '@ogustine-qbo/domain';
import { aCompanyProfile, InMemoryModule, InMemoryQboShareClaims } from '@ogustine-qbo/domain/testing';
import { createSandbox } from '@ogustine-qbo/qbo-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { buildContainer } from '../src/composition/container.js';
import { quickBooks, workerBudget } from '../src/composition/quickbooks-gateway.js';
import { TOKENS } from '../src/composition/tokens.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import type { Worker } from '../src/worker.js';
import { eventually, openInProcessBus } from './buses.js';

/*
 * The history loop over real wires: the billing sandbox (over HTTP, publishing no event at all) holds
 * an account's history; the worker imports it into the document store, the user previews and
 * launches, and the documents land in the QBO sandbox. Then a document is validated whose event is
 * never published: the reconciliation finds it and sends it. Stores and job queue in memory.
 */

const CLIENT_ID = 'worker-history';
const CLIENT_SECRET = 'worker-history-secret';
const ACCOUNT = 'H1';
const DAY_MS = 86_400_000;
const RECONCILE_EVERY_MS = 60_000;
const realTime: Clock = { now: () => Date.now() };
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = async () => {
  const qbo = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true });
  const qboRunning = await qbo.listen(0);
  cleanups.push(() => qboRunning.close());
  const company = qbo.admin.createCompany({ country: 'FR', customTxnNumbers: true });

  // No publisher: the billing core validates documents and no event ever reaches the module.
  const now = Date.now();
  const billing = createBillingSandbox({
    accounts: [accountSpec({ accountId: ACCOUNT, documents: 6, historyFrom: day(now - 20 * DAY_MS), historyTo: day(now - DAY_MS) })],
  });
  const billingRunning = await billing.listen(0);
  cleanups.push(() => billingRunning.close());

  const m = new InMemoryModule();
  m.clock.set(now);
  m.addCompany(aCompanyProfile({ realmId: company.realmId }));
  await m.connect(ACCOUNT, company.realmId, 'to-import');
  (
    await m.connections.save({
      accountId: ACCOUNT,
      realmId: company.realmId,
      tokens: {
        accessToken: company.accessToken,
        refreshToken: company.refreshToken,
        accessTokenExpiresAt: now + 3_600_000,
        refreshTokenExpiresAt: now + 86_400_000,
      },
      connectedAt: now,
      status: 'connected',
    })
  )._unsafeUnwrap();

  const config = readConfig(
    {
      WORKER_IDLE_LOOK_MS: '200',
      WORKER_HISTORY_EVERY_MS: '100',
      WORKER_HISTORY_PAGES: '1',
      WORKER_RECONCILE_EVERY_MS: String(RECONCILE_EVERY_MS),
      QBO_CLIENT_ID: CLIENT_ID,
      QBO_CLIENT_SECRET: CLIENT_SECRET,
      QBO_REDIRECT_URI: 'http://127.0.0.1:9/cb',
      QBO_ENVIRONMENT: 'sandbox',
      QBO_API_URL: qboRunning.url,
      QBO_OAUTH_URL: qboRunning.url,
      TOKEN_KEY_ID: 'unused',
      TOKEN_KEYS: 'unused',
      BILLING_CORE_URL: billingRunning.url,
      BILLING_CORE_TOKEN: DEFAULT_TOKEN,
    },
    'history',
  );
  if ('kind' in config) throw new Error(config.problems.join('; '));
  const billingCore = new HttpBillingCore({ baseUrl: billingRunning.url, token: DEFAULT_TOKEN });
  const opened = await openInProcessBus();
  cleanups.push(opened.dispose);
  const c = buildContainer({
    config,
    log: createLogger({ level: process.env['HISTORY_LOG'] ?? 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    // The module's clock: the test moves it to the next reconciliation.
    clock: m.clock,
    ids: { next: () => randomUUID() },
    infrastructure: {
      stores: { ...m, errorHistory: m.errorStore },
      queue: m.queue,
      gateway: quickBooks(config.qbo, m.connections, workerBudget(new InMemoryQboShareClaims()), realTime).gateway,
      files: documentFilesFromBillingCore(billingCore),
      history: { billingCore, connections: m.connections, imports: m.historyImports },
      bus: opened.bus,
      progress: new InProcessProgressFeed(),
      readiness: [],
      close: async () => undefined,
    },
  });
  const worker = c.resolve<Worker>(TOKENS.Worker);
  expect(await worker.start()).toBe(true);
  cleanups.push(() => worker.stop());
  const stored = (): string => JSON.stringify(qbo.admin.inspect(company.realmId));
  return { m, billing, stored };
};

/** The QBO DocNumber of a billing-core document. */
const docNumberOf = (document: unknown): string => docNumberFor((document as { number: string }).number)._unsafeUnwrap();

describe('the history loop: import before the preview, then a periodic reconciliation (billing and QBO sandboxes over HTTP)', () => {
  it('a history that never came as events is imported, previewed and sent; a document whose event is lost reaches QBO too', async () => {
    const { m, billing, stored } = await setUp();
    await eventually(async () => (await m.historyImports.get(ACCOUNT))._unsafeUnwrap()?.done === true, 'the history imported', 30_000);
    const preview = (await m.previewInitialSync.run(ACCOUNT))._unsafeUnwrap();
    expect(preview.history).toMatchObject({ kind: 'done', imported: 6 });
    expect(preview.toSend.count + preview.beforeSyncFrom).toBe(6);
    const launched = (await m.launchInitialSync.run(ACCOUNT, preview.asOf))._unsafeUnwrap();
    expect(launched.queued).toBe(preview.toSend.count);
    await eventually(() => m.queue.jobs().length === 0, 'the initial sync done', 30_000);
    const sent = (await m.runs.get(ACCOUNT, launched.run.runId))._unsafeUnwrap();
    expect(sent).toMatchObject({ total: preview.toSend.count, sent: preview.toSend.count });

    // Validated in Ogustine; its event is never published (the sandbox has no publisher).
    const lost = await billing.admin.emit(ACCOUNT, 'invoice');
    if (lost.kind !== 'emitted') throw new Error(`the billing sandbox did not emit: ${lost.kind}`);
    const number = docNumberOf(lost.event.document);
    expect(stored()).not.toContain(number);
    // The next reconciliation reads the last days of the history again.
    m.clock.advance(RECONCILE_EVERY_MS);
    await eventually(() => stored().includes(`"DocNumber":"${number}"`), 'the lost document in QBO', 30_000);
    await eventually(() => m.queue.jobs().length === 0, 'every job done', 30_000);
    expect(stored().split(`"DocNumber":"${number}"`)).toHaveLength(2);
  });
});
