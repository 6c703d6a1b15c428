import type { SyncProgressEvent } from '@ogustine-qbo/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { RabbitMqConnection } from '../src/rabbitmq/rabbitmq-connection.js';
import { RabbitMqProgressFeed } from '../src/rabbitmq/rabbitmq-progress-feed.js';
import { eventually } from './message-bus-contract.js';
import { AMQP_URL, openRabbitFixture, type RabbitFixture } from './rabbitmq-fixture.js';

const event = (accountId: string, documentId: string): SyncProgressEvent => ({
  kind: 'progress.document',
  accountId,
  documentId,
  status: 'sent',
  at: 1_700_000_000_000,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('progress fan-out over RabbitMQ', () => {
  it("every process subscribed to an account gets each of that account's events, published by another process, and no other account's", async () => {
    const fixture: RabbitFixture = await openRabbitFixture({ retry: { delaysMs: [50], maxRetries: 1 }, deliveryLimit: 2, prefetch: 1 });
    cleanups.push(fixture.dispose);
    // Three connections, as a worker and two HTTP instances would have.
    const open = async (name: string) => {
      const connection = (await RabbitMqConnection.open(AMQP_URL, { name }))._unsafeUnwrap();
      const feed = (await RabbitMqProgressFeed.open(connection, fixture.names))._unsafeUnwrap();
      cleanups.push(async () => {
        await feed.close();
        await connection.close();
      });
      return feed;
    };
    const worker = await open('worker');
    const [http1, http2] = [await open('http-1'), await open('http-2')];
    const got1: SyncProgressEvent[] = [];
    const got2: SyncProgressEvent[] = [];
    const other: SyncProgressEvent[] = [];
    http1.subscribe('A1', (e) => got1.push(e));
    http2.subscribe('A1', (e) => got2.push(e));
    http2.subscribe('A2', (e) => other.push(e));
    await Promise.all([http1.listen(), http2.listen()]);
    (await worker.publish(event('A1', 'D1')))._unsafeUnwrap();
    (await worker.publish(event('A2', 'D9')))._unsafeUnwrap();
    (await worker.publish(event('A1', 'D2')))._unsafeUnwrap();
    await eventually(() => got1.length === 2 && got2.length === 2 && other.length === 1, 'events fanned out');
    expect(got1).toEqual([event('A1', 'D1'), event('A1', 'D2')]);
    expect(got2).toEqual(got1);
    expect(other).toEqual([event('A2', 'D9')]);
  });
});
