// RabbitMQ (amqplib): Ogustine's document events in, progress events out (docs/events.md).
export * from './rabbitmq-connection.js';
export * from './topology.js';
export * from './rabbitmq-bus.js';
export * from './rabbitmq-progress-feed.js';
