import { randomUUID } from 'node:crypto';
import type { MessageBus, RetryPolicy } from '@ogustine-qbo/adapters';
import { InProcessBus } from '@ogustine-qbo/adapters/in-process';
import { deleteTopology, RabbitMqBus, RabbitMqConnection, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';

/** The broker the tests use. It must answer: a missing broker fails the tests, never skips them. */
export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export const TEST_BUS_OPTIONS = { retry: { delaysMs: [50, 100], maxRetries: 3 } satisfies RetryPolicy, deliveryLimit: 2, prefetch: 4 };

export interface OpenedBus {
  readonly bus: MessageBus;
  readonly dispose: () => Promise<void>;
}

/** A RabbitMQ bus on a topology of its own (unique prefix), deleted by `dispose`. */
export const openRabbitBus = async (): Promise<OpenedBus> => {
  const prefix = `test.${randomUUID().slice(0, 12)}`;
  const names = topologyNames(prefix);
  const opened = await RabbitMqConnection.open(AMQP_URL, { name: prefix, initialRetries: 2 });
  if (opened.isErr()) throw new Error(`RabbitMQ must answer at ${AMQP_URL} for these tests: ${opened.error.detail}`);
  const connection = opened.value;
  const bus = (await RabbitMqBus.open(connection, { names, ...TEST_BUS_OPTIONS }))._unsafeUnwrap();
  return {
    bus,
    dispose: async () => {
      await bus.close();
      const channel = await (await connection.connected()).createChannel();
      await deleteTopology(channel, names, TEST_BUS_OPTIONS.retry);
      await channel.close();
      await connection.close();
    },
  };
};

export const openInProcessBus = async (): Promise<OpenedBus> => {
  const bus = new InProcessBus(TEST_BUS_OPTIONS);
  return { bus, dispose: () => bus.close() };
};

export const BUSES = [
  ['RabbitMQ', openRabbitBus],
  ['in-process bus', openInProcessBus],
] as const;

/** Resolves once `condition` holds; fails after `timeoutMs` (a hang, not a slowness). */
export const eventually = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
