import { progressFeedContract, type ProgressFeedSubject } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, it } from 'vitest';
import { InProcessProgressFeed } from '../src/in-process/in-process-progress-feed.js';
import { RabbitMqConnection } from '../src/rabbitmq/rabbitmq-connection.js';
import { RabbitMqProgressFeed } from '../src/rabbitmq/rabbitmq-progress-feed.js';
import { AMQP_URL, openRabbitFixture } from './rabbitmq-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A worker's feed and an HTTP process's feed: two connections on one fan-out exchange of this run. */
const overRabbitMq = async (): Promise<ProgressFeedSubject> => {
  const fixture = await openRabbitFixture({ retry: { delaysMs: [50], maxRetries: 1 }, deliveryLimit: 2, prefetch: 1 });
  cleanups.push(fixture.dispose);
  const publisher = (await RabbitMqProgressFeed.open(fixture.connection, fixture.names))._unsafeUnwrap();
  const connection = (await RabbitMqConnection.open(AMQP_URL, { name: 'http-process' }))._unsafeUnwrap();
  const subscriber = (await RabbitMqProgressFeed.open(connection, fixture.names))._unsafeUnwrap();
  cleanups.push(async () => {
    await publisher.close();
    await subscriber.close();
    await connection.close();
  });
  return { publisher, subscriber, listening: () => subscriber.listen() };
};

const inProcess = async (): Promise<ProgressFeedSubject> => {
  const feed = new InProcessProgressFeed();
  return { publisher: feed, subscriber: feed, listening: () => Promise.resolve() };
};

for (const [name, open] of [
  ['RabbitMQ (two processes)', overRabbitMq],
  ['in-process', inProcess],
] as const) {
  describe(`the ${name} progress feed satisfies the ProgressFeed contract`, () => {
    for (const c of progressFeedContract) it(c.name, async () => c.run(await open()));
  });
}
