// Publishes events to a RabbitMQ topic exchange, routing key = event type, on a confirm channel:
// `publish` resolves only when the broker has the message (persistent, JSON, messageId = eventId).
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { EventPublisher } from './document-event.js';

/** The exchange the worker binds its queue to (`docs/events.md`). */
export const DEFAULT_EXCHANGE = 'ogustine.events';

export interface AmqpPublisherOptions {
  /** `amqp://guest:guest@127.0.0.1:5672` */
  readonly url: string;
  /** A durable topic exchange, asserted on connect. */
  readonly exchange?: string;
}

export interface AmqpPublisher extends EventPublisher {
  readonly exchange: string;
}

export const amqpPublisher = async ({ url, exchange = DEFAULT_EXCHANGE }: AmqpPublisherOptions): Promise<AmqpPublisher> => {
  const connection: ChannelModel = await connect(url);
  // Without a listener a broken socket would crash the process instead of failing the next publish.
  connection.on('error', (error: Error) => console.error(`billing-sandbox: RabbitMQ connection error: ${error.message}`));
  const channel: ConfirmChannel = await connection.createConfirmChannel();
  channel.on('error', (error: Error) => console.error(`billing-sandbox: RabbitMQ channel error: ${error.message}`));
  await channel.assertExchange(exchange, 'topic', { durable: true });
  return {
    exchange,
    publish: (event) =>
      new Promise<void>((resolve, reject) => {
        channel.publish(
          exchange,
          event.type,
          Buffer.from(JSON.stringify(event), 'utf8'),
          {
            persistent: true,
            contentType: 'application/json',
            messageId: event.eventId,
            type: event.type,
            timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
            headers: { accountId: event.accountId },
          },
          (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        );
      }),
    close: async () => {
      await channel.close();
      await connection.close();
    },
  };
};
