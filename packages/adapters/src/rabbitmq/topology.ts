import type { Channel } from 'amqplib';
import type { RetryPolicy } from '../message-bus.js';

/** The routing keys of the events the module consumes (`docs/events.md`). */
export const VALIDATED_ROUTING_KEYS = ['invoice.validated', 'credit_note.validated'] as const;

/** The names of everything the module declares, from one prefix (`ogustine` in production; unique per test run). */
export interface TopologyNames {
  /** Topic exchange where the billing core publishes its events (routing key = event type). */
  readonly events: string;
  /** The worker's quorum queue of document events. */
  readonly documents: string;
  /** Where messages past the delivery limit, and the worker's dead letters, are routed. */
  readonly deadLetterExchange: string;
  readonly deadLetters: string;
  /** One delay queue per retry delay. */
  readonly retryQueue: (delayMs: number) => string;
  /** Fan-out exchange of progress events, to every HTTP instance. */
  readonly progress: string;
}

export const topologyNames = (prefix: string): TopologyNames => ({
  events: `${prefix}.events`,
  documents: `${prefix}.qbo.documents`,
  deadLetterExchange: `${prefix}.qbo.documents.dlx`,
  deadLetters: `${prefix}.qbo.documents.dlq`,
  retryQueue: (delayMs) => `${prefix}.qbo.documents.retry.${delayMs}ms`,
  progress: `${prefix}.qbo.progress`,
});

/**
 * Declares the documents' side, idempotently (it runs on every connection): asserting what exists
 * with the same arguments is a no-op. Changing an argument of an existing queue is refused by the
 * broker (406): give the queue a new name, or use a policy.
 *
 * - the events exchange, topic, durable;
 * - the documents queue: quorum (replicated, durable), dead-lettered to the DLX past `deliveryLimit`
 *   deliveries (a handler that crashes on a message does not loop for ever);
 * - one classic queue per retry delay: messages wait out its TTL, then dead-letter back into the
 *   documents queue (one queue per delay, so a long delay never holds up a short one);
 * - the DLX (fan-out) and the dead-letter queue, quorum.
 */
export const declareDocumentTopology = async (
  channel: Channel,
  names: TopologyNames,
  options: { readonly retry: RetryPolicy; readonly deliveryLimit: number },
): Promise<void> => {
  await channel.assertExchange(names.events, 'topic', { durable: true });
  await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(names.deadLetters, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(names.deadLetters, names.deadLetterExchange, '');
  await channel.assertQueue(names.documents, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': names.deadLetterExchange,
      'x-delivery-limit': options.deliveryLimit,
    },
  });
  for (const key of VALIDATED_ROUTING_KEYS) await channel.bindQueue(names.documents, names.events, key);
  for (const delayMs of new Set(options.retry.delaysMs)) {
    await channel.assertQueue(names.retryQueue(delayMs), {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.documents },
    });
  }
};

/** Deletes everything `declareDocumentTopology` and the progress feed declared (tests clean up after themselves). */
export const deleteTopology = async (channel: Channel, names: TopologyNames, retry: RetryPolicy): Promise<void> => {
  for (const delayMs of new Set(retry.delaysMs)) await channel.deleteQueue(names.retryQueue(delayMs));
  await channel.deleteQueue(names.documents);
  await channel.deleteQueue(names.deadLetters);
  await channel.deleteExchange(names.deadLetterExchange);
  await channel.deleteExchange(names.events);
  await channel.deleteExchange(names.progress);
};
