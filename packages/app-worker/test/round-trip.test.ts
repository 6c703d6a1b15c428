import { randomUUID } from 'node:crypto';
import { HttpBillingCore } from '@ogustine-qbo/adapters/billing-core';
import { InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import { deleteTopology, RabbitMqBus, RabbitMqConnection, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';
import { amqpPublisher, createBillingSandbox, DEFAULT_TOKEN } from '@ogustine-qbo/billing-sandbox';
import { docNumberFor, documentFilesFromBillingCore, type Clock } from '@ogustine-qbo/domain';
import { aCompanyProfile, InMemoryModule, InMemoryQboShareClaims } from '@ogustine-qbo/domain/testing';
import { createSandbox } from '@ogustine-qbo/qbo-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { buildContainer } from '../src/composition/container.js';
import { quickBooks, workerBudget } from '../src/composition/quickbooks-gateway.js';
import { TOKENS } from '../src/composition/tokens.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import type { Worker } from '../src/worker.js';
import { AMQP_URL, eventually, TEST_BUS_OPTIONS } from './buses.js';

/*
 * The round trip over real wires: the billing sandbox validates a document and publishes its event
 * to RabbitMQ; the worker consumes it, records and queues it, runs the job with the QuickBooks
 * adapter against the QBO sandbox over HTTP, and attaches the PDF read from the billing sandbox.
 * The stores and the job queue are the domain's in-memory ones (the SQL adapters have their own
 * contract tests).
 */

const CLIENT_ID = 'worker-round-trip';
const CLIENT_SECRET = 'worker-round-trip-secret';
const clock: Clock = { now: () => Date.now() };
const cleanups: (() => Promise<void>)[] = [];

let harness: Awaited<ReturnType<typeof setUp>>;

const setUp = async () => {
  const qbo = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true });
  const qboRunning = await qbo.listen(0);
  cleanups.push(() => qboRunning.close());
  const company = qbo.admin.createCompany({ country: 'FR', customTxnNumbers: true });

  const names = topologyNames(`test.${randomUUID().slice(0, 12)}`);
  const connection = (await RabbitMqConnection.open(AMQP_URL, { name: 'round-trip', initialRetries: 2 }))._unsafeUnwrap();
  const bus = (await RabbitMqBus.open(connection, { names, ...TEST_BUS_OPTIONS }))._unsafeUnwrap();
  cleanups.push(async () => {
    await bus.close();
    const channel = await (await connection.connected()).createChannel();
    await deleteTopology(channel, names, TEST_BUS_OPTIONS.retry);
    await channel.close();
    await connection.close();
  });

  const publisher = await amqpPublisher({ url: AMQP_URL, exchange: names.events });
  const billing = createBillingSandbox({ publisher });
  const billingRunning = await billing.listen(0);
  cleanups.push(async () => {
    await billingRunning.close();
    await publisher.close();
  });

  // Account A1 connected to the sandbox's company (through the fakes' connect journey, then given the company's real tokens).
  const m = new InMemoryModule();
  m.addCompany(aCompanyProfile({ realmId: company.realmId }));
  await m.connect('A1', company.realmId);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  // The fakes' company profile was kept for the realm at connection: the worker reads the sandbox's own.
  (await m.profiles.invalidate(company.realmId))._unsafeUnwrap();
  const now = clock.now();
  (
    await m.connections.save({
      accountId: 'A1',
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
    'round-trip',
  );
  if ('kind' in config) throw new Error(config.problems.join('; '));
  const { gateway, keepConnectionsAlive } = quickBooks(config.qbo, m.connections, workerBudget(new InMemoryQboShareClaims()), clock);
  const c = buildContainer({
    config,
    log: createLogger({ level: process.env['ROUND_TRIP_LOG'] ?? 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    clock,
    ids: { next: () => randomUUID() },
    infrastructure: {
      stores: { ...m, errorHistory: m.errorStore },
      queue: m.queue,
      gateway,
      keepConnectionsAlive,
      files: documentFilesFromBillingCore(new HttpBillingCore({ baseUrl: billingRunning.url, token: DEFAULT_TOKEN })),
      bus,
      progress: new InProcessProgressFeed(),
      readiness: [],
      close: async () => undefined,
    },
  });
  const worker = c.resolve<Worker>(TOKENS.Worker);
  expect(await worker.start()).toBe(true);
  cleanups.push(() => worker.stop());
  return { qbo, company, billing, bus, gateway, m };
};

beforeAll(async () => {
  harness = await setUp();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const emit = async (kind: 'invoice' | 'credit_note' | 'malformed') => {
  const emitted = await harness.billing.admin.emit('A1', kind);
  if (emitted.kind !== 'emitted') throw new Error(`the billing sandbox did not emit: ${emitted.kind}`);
  return emitted.event;
};

/** The QBO DocNumber of a billing-core document. */
const docNumberOf = (document: unknown): string => docNumberFor((document as { number: string }).number)._unsafeUnwrap();

/** What the QBO sandbox holds for the company, read in process (polling over HTTP would spend the realm's rate limit). */
const stored = (): string => JSON.stringify(harness.qbo.admin.inspect(harness.company.realmId));

describe('round trip: billing core event → RabbitMQ → worker → QuickBooks (sandboxes over real wires)', () => {
  it('a validated invoice and its credit note land in the QBO company once each, with their PDF', async () => {
    const invoice = await emit('invoice');
    const credit = await emit('credit_note');
    await eventually(() => stored().includes(docNumberOf(credit.document)), 'the credit memo in QBO', 30_000);
    await eventually(() => harness.m.queue.jobs().length === 0, 'every job done', 30_000);
    expect(stored().split(`"DocNumber":"${docNumberOf(invoice.document)}"`)).toHaveLength(2);
    expect(stored().split(`"DocNumber":"${docNumberOf(credit.document)}"`)).toHaveLength(2);
    expect(stored().match(/"ContentType":"application\/pdf"/g)).toHaveLength(2);
  });

  it('a malformed event from the billing core is dead-lettered with every issue, and the worker goes on', async () => {
    const bad = await emit('malformed');
    await eventually(
      async () => (await harness.bus.deadLetters())._unsafeUnwrap().some((l) => l.messageId === bad.eventId),
      'dead-lettered',
    );
    const letter = (await harness.bus.deadLetters())._unsafeUnwrap().find((l) => l.messageId === bad.eventId);
    expect(letter?.reason).toMatch(/^invalid event: /);
    // The billing sandbox's malformed invoice: a decimal comma in a VAT rate, and a gross total off by one cent.
    const paths = (letter?.issues as readonly { path: string; code: string }[]).map((i) => `${i.path} ${i.code}`);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^document\.lines\[\d+\]\.vatRate format$/)]));
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^document\.totals\.grossCents inconsistent$/)]));
    const next = await emit('invoice');
    await eventually(() => stored().includes(docNumberOf(next.document)), 'the next invoice in QBO', 30_000);
  });
});
