import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RabbitMqBus } from '../src/rabbitmq/rabbitmq-bus.js';
import { withHeartbeat } from '../src/rabbitmq/rabbitmq-connection.js';
import { eventually } from './message-bus-contract.js';
import { openRabbitFixture, type RabbitFixture } from './rabbitmq-fixture.js';

const OPTIONS = { retry: { delaysMs: [50], maxRetries: 3 }, deliveryLimit: 5, prefetch: 3 } as const;
const encoder = new TextEncoder();

let fixture: RabbitFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/** Breaks the TCP connection under amqplib, as a network failure or a broker restart would. */
const cutConnection = (f: RabbitFixture): void => {
  const model = f.connection.model();
  if (model === null) throw new Error('no live connection to cut');
  (model.connection as unknown as { stream: Socket }).stream.destroy(new Error('connection cut by the test'));
};

describe('RabbitMQ connection recovery', () => {
  it('the connection cut mid-stream: channel, topology and consumer come back, and every message is handled, none lost', async () => {
    fixture = await openRabbitFixture(OPTIONS);
    const f = fixture;
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const handled = new Set<string>();
    let deliveries = 0;
    let release: (() => void) | undefined;
    const paused = new Promise<void>((resolve) => (release = resolve));
    (
      await f.bus.consume(async (m) => {
        deliveries += 1;
        // The 5th delivery waits until the connection was cut: it is in hand, unacknowledged, when the socket dies.
        if (deliveries === 5) await paused;
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.add(m.messageId ?? '');
        return { kind: 'ack' };
      })
    )._unsafeUnwrap();
    for (const id of ids)
      (await f.bus.publish({ routingKey: 'invoice.validated', messageId: id, body: encoder.encode(id) }))._unsafeUnwrap();
    await eventually(() => deliveries >= 5, 'five deliveries');
    const before = f.connection.model();
    cutConnection(f);
    release?.();
    await eventually(() => f.connection.model() !== null && f.connection.model() !== before, 'a new connection');
    await eventually(() => ids.every((id) => handled.has(id)), 'every message handled after the reconnection');
    expect([...handled].sort()).toEqual([...ids].sort());
    expect(deliveries).toBeGreaterThanOrEqual(ids.length); // the ones in hand at the cut came again
    expect((await f.bus.deadLetters())._unsafeUnwrap()).toEqual([]);
  });

  it('publishing after a reconnection works on the new channel', async () => {
    fixture = await openRabbitFixture(OPTIONS);
    const f = fixture;
    const seen: string[] = [];
    (await f.bus.consume(async (m) => (seen.push(m.messageId ?? ''), { kind: 'ack' })))._unsafeUnwrap();
    const before = f.connection.model();
    cutConnection(f);
    await eventually(() => f.connection.model() !== null && f.connection.model() !== before, 'a new connection');
    await eventually(
      async () => (await f.bus.publish({ routingKey: 'invoice.validated', messageId: 'after', body: encoder.encode('x') })).isOk(),
      'publish accepted',
    );
    await eventually(() => seen.includes('after'), 'the message published after the cut is consumed');
  });

  it('the queue deleted under the consumer (the broker cancels it): topology and consumer are re-created', async () => {
    fixture = await openRabbitFixture(OPTIONS);
    const f = fixture;
    const seen: string[] = [];
    (await f.bus.consume(async (m) => (seen.push(m.messageId ?? ''), { kind: 'ack' })))._unsafeUnwrap();
    const before = f.connection.model();
    const admin = await (await f.connection.connected()).createChannel();
    await admin.deleteQueue(f.names.documents);
    await eventually(() => f.connection.model() !== null && f.connection.model() !== before, 'a new connection');
    await eventually(
      async () => (await f.bus.publish({ routingKey: 'invoice.validated', messageId: 'again', body: encoder.encode('x') })).isOk(),
      'publish accepted',
    );
    await eventually(() => seen.includes('again'), 'consumed from the re-created queue');
  });

  it('declaring the topology again, from a second process, is harmless', async () => {
    fixture = await openRabbitFixture(OPTIONS);
    const again = await RabbitMqBus.open(fixture.connection, { names: fixture.names, ...OPTIONS });
    expect(again.isOk()).toBe(true);
    await again._unsafeUnwrap().close();
  });
});

describe('withHeartbeat', () => {
  it('adds a 15 s heartbeat to a URL that has none, and keeps one that is given', () => {
    expect(withHeartbeat('amqp://guest:guest@127.0.0.1:5672')).toBe('amqp://guest:guest@127.0.0.1:5672?heartbeat=15');
    expect(withHeartbeat('amqp://u:p@h:5672/vh?heartbeat=5&frameMax=0')).toBe('amqp://u:p@h:5672/vh?heartbeat=5&frameMax=0');
    expect(withHeartbeat('amqp://h/vh?frameMax=0')).toBe('amqp://h/vh?frameMax=0&heartbeat=15');
  });
});
