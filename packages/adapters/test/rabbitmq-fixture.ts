import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '../src/message-bus.js';
import { RabbitMqBus } from '../src/rabbitmq/rabbitmq-bus.js';
import { RabbitMqConnection } from '../src/rabbitmq/rabbitmq-connection.js';
import { deleteTopology, topologyNames, type TopologyNames } from '../src/rabbitmq/topology.js';

/** The broker the tests use. It must answer: a missing broker fails the tests (in CI and out), never skips them. */
export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface RabbitFixture {
  readonly connection: RabbitMqConnection;
  readonly bus: RabbitMqBus;
  readonly names: TopologyNames;
  /** Closes the bus, deletes every queue and exchange of this run, closes the connection. */
  readonly dispose: () => Promise<void>;
}

/** A bus on a topology of its own (a unique prefix per call), so parallel runs never share a queue. */
export const openRabbitFixture = async (options: {
  readonly retry: RetryPolicy;
  readonly deliveryLimit: number;
  readonly prefetch: number;
}): Promise<RabbitFixture> => {
  const prefix = `test.${randomUUID().slice(0, 12)}`;
  const names = topologyNames(prefix);
  const opened = await RabbitMqConnection.open(AMQP_URL, { name: prefix, initialRetries: 2 });
  if (opened.isErr()) throw new Error(`RabbitMQ must answer at ${AMQP_URL} for these tests: ${opened.error.detail}`);
  const connection = opened.value;
  const bus = (await RabbitMqBus.open(connection, { names, ...options }))._unsafeUnwrap();
  return {
    connection,
    bus,
    names,
    dispose: async () => {
      await bus.close();
      const channel = await (await connection.connected()).createChannel();
      await deleteTopology(channel, names, options.retry);
      await channel.close();
      await connection.close();
    },
  };
};
