import type { ResultAsync } from 'neverthrow';

/*
 * What a message bus gives the worker, whatever carries it (RabbitMQ, or the in-process bus of a
 * one-process install). The worker decides each message's fate (`Disposition`); the bus makes it
 * durable before the message is acknowledged. Both buses pass `test/message-bus-contract.ts`.
 */

/** A message as the billing core publishes it (`docs/events.md`). */
export interface OutboundMessage {
  /** The event type (`invoice.validated`), used to route it. */
  readonly routingKey: string;
  /** The event id: the same on every republication. */
  readonly messageId: string;
  /** UTF-8 JSON. */
  readonly body: Uint8Array;
}

/** A message handed to the consumer. Delivery is at least once: the same message may come again. */
export interface InboundMessage {
  readonly messageId: string | undefined;
  /** The routing key it was published with (kept across retries). */
  readonly routingKey: string;
  readonly body: Uint8Array;
  /** How many delayed retries the consumer asked for so far: 0 on the first attempt. */
  readonly retries: number;
  /** Delivered again because a consumer failed or died before settling it. */
  readonly redelivered: boolean;
}

/** What becomes of a message once the consumer is done with it. */
export type Disposition =
  /** Done (or nothing to do): forget it. */
  | { readonly kind: 'ack' }
  /** Try again after the next delay of the retry policy; dead-lettered once the retries are used up. */
  | { readonly kind: 'retry'; readonly reason: string }
  /** It can never be handled as it is: kept aside with the reason (and the parse issues, if any), for an operator. */
  | { readonly kind: 'dead-letter'; readonly reason: string; readonly issues?: readonly unknown[] };

/**
 * Decides a message's fate. A handler that throws or rejects is a bug or a crash: the message is
 * delivered again (`redelivered`), and dead-lettered past the bus's delivery limit.
 */
export type MessageHandler = (message: InboundMessage) => Promise<Disposition>;

/** A message set aside, as an operator reads it. */
export interface DeadLetter {
  readonly messageId: string | undefined;
  readonly routingKey: string;
  readonly body: Uint8Array;
  /** One line: the consumer's reason, or the broker's (`delivery limit reached`). */
  readonly reason: string;
  /** The parse issues, when the reason is a parse. */
  readonly issues?: readonly unknown[];
}

export type BusError = { readonly kind: 'bus.unavailable'; readonly detail: string };

export interface Consumer {
  /** Takes no new message, and resolves once every message in hand is settled (acknowledged or handed back). */
  stop(): Promise<void>;
}

/** Delays between retries; the last one repeats. Past `maxRetries`, a message asking for a retry is dead-lettered. */
export interface RetryPolicy {
  readonly delaysMs: readonly number[];
  readonly maxRetries: number;
}

/** 5 s, 30 s, then every 5 min, twelve times in all (about 50 minutes): a store outage longer than that is an incident. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { delaysMs: [5_000, 30_000, 300_000], maxRetries: 12 };

/** Deliveries of one message whose handler fails before it is dead-lettered (the handler crashing on it). */
export const DEFAULT_DELIVERY_LIMIT = 5;

/** The delay before retry number `retry` (1 for the first). */
export const retryDelayMs = (policy: RetryPolicy, retry: number): number =>
  policy.delaysMs[Math.min(retry, policy.delaysMs.length) - 1] ?? policy.delaysMs[policy.delaysMs.length - 1] ?? 0;

/** The reason of a message dead-lettered because its handler kept failing (or its consumer kept dying). */
export const deliveryLimitReached = (deliveries: number): string =>
  `delivery limit reached: delivered ${deliveries} times without being settled`;

/** The reason a message is dead-lettered with when its retries are used up. */
export const retriesExhausted = (retries: number, reason: string): string => `retries exhausted after ${retries}: ${reason}`;

export interface MessageBus {
  /**
   * Publishes a message, persistent, and waits for the broker's confirmation.
   * @returns ok() once the broker holds it
   * @returns err(bus.unavailable) if it could not be published (it may then be published again)
   */
  publish(message: OutboundMessage): ResultAsync<void, BusError>;
  /**
   * Starts handing messages to `handler`, a bounded number at a time (the prefetch).
   * @returns ok(consumer) once consuming
   * @returns err(bus.unavailable) if the bus could not be reached
   */
  consume(handler: MessageHandler): ResultAsync<Consumer, BusError>;
  /**
   * Reads the dead letters without removing them.
   * @returns ok(letters), oldest first
   * @returns err(bus.unavailable) if the bus could not be reached
   */
  deadLetters(): ResultAsync<readonly DeadLetter[], BusError>;
  /**
   * Publishes dead letters again as new events (same body, id and routing key, no retry count),
   * after the cause was fixed (an upgrade that reads a new version, a document corrected in
   * Ogustine). Each is removed from the dead letters only once republished.
   * @param messageIds the letters to replay; all of them when absent
   * @returns ok(count) of letters replayed
   * @returns err(bus.unavailable) if the bus could not be reached (what was replayed stays replayed)
   */
  replayDeadLetters(messageIds?: readonly string[]): ResultAsync<number, BusError>;
  /** Stops every consumer (as `Consumer.stop`), then lets go of the bus's own resources (its channel, its timers). */
  close(): Promise<void>;
}
