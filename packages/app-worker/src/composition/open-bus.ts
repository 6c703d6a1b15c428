import type { BusError, MessageBus } from '@ogustine-qbo/adapters';
import { InProcessBus, InProcessProgressFeed } from '@ogustine-qbo/adapters/in-process';
import { RabbitMqBus, RabbitMqConnection, RabbitMqProgressFeed, topologyNames } from '@ogustine-qbo/adapters/rabbitmq';
import type { ProgressFeed } from '@ogustine-qbo/domain';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config.js';
import type { ReadinessCheck } from '../observability/health-server.js';

export interface OpenedBus {
  readonly bus: MessageBus;
  readonly progress: ProgressFeed;
  readonly readiness: readonly ReadinessCheck[];
  readonly close: () => Promise<void>;
}

/**
 * The bus and the progress feed the configuration names: RabbitMQ (one connection for both, with
 * recovery), or the in-process pair of a one-process install.
 * @returns ok(opened), or err(bus.unavailable) if the broker could not be reached at start
 */
export const openBus = (config: WorkerConfig, log: Logger): ResultAsync<OpenedBus, BusError> => {
  if (config.bus === 'in-process') {
    const bus = new InProcessBus({ prefetch: config.prefetch });
    return okAsync({ bus, progress: new InProcessProgressFeed(), readiness: [], close: async () => undefined });
  }
  const names = topologyNames(config.amqpPrefix);
  return RabbitMqConnection.open(config.amqpUrl, {
    name: `qbo-worker ${config.workerId}`,
    onTrouble: (event, detail) => log.warn({ event, detail }, 'RabbitMQ connection trouble; recovering'),
  }).andThen((connection) =>
    RabbitMqBus.open(connection, { names, prefetch: config.prefetch }).andThen((bus) =>
      RabbitMqProgressFeed.open(connection, names).map((progress): OpenedBus => ({
        bus,
        progress,
        readiness: [{ name: 'rabbitmq', ready: () => connection.model() !== null }],
        close: async () => {
          await progress.close();
          await connection.close();
        },
      })),
    ),
  );
};
