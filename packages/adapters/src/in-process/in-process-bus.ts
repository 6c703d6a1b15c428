import { okAsync, type ResultAsync } from 'neverthrow';
import {
  DEFAULT_DELIVERY_LIMIT,
  DEFAULT_RETRY_POLICY,
  deliveryLimitReached,
  retriesExhausted,
  retryDelayMs,
  type BusError,
  type Consumer,
  type DeadLetter,
  type Disposition,
  type InboundMessage,
  type MessageBus,
  type MessageHandler,
  type OutboundMessage,
  type RetryPolicy,
} from '../message-bus.js';

export interface InProcessBusOptions {
  /** Messages handed to the handler at once. */
  readonly prefetch?: number;
  readonly retry?: RetryPolicy;
  readonly deliveryLimit?: number;
}

interface Envelope {
  readonly message: OutboundMessage;
  readonly retries: number;
  /** Deliveries whose handler failed. */
  readonly failures: number;
}

/**
 * The bus of a one-process install, with RabbitMQ's semantics: at least once, a bounded number in
 * flight, delayed retries, a delivery limit for a handler that keeps failing, dead letters with their
 * reason. It lives in memory: a crash loses the messages not yet handled, which the periodic
 * reconciliation with the billing core's history finds again (`docs/events.md`).
 */
export class InProcessBus implements MessageBus {
  private readonly waiting: Envelope[] = [];
  private readonly letters: DeadLetter[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly settled = new Set<() => void>();
  private readonly prefetch: number;
  private readonly retry: RetryPolicy;
  private readonly deliveryLimit: number;
  private handler: MessageHandler | undefined;
  private inFlight = 0;

  constructor(options: InProcessBusOptions = {}) {
    this.prefetch = options.prefetch ?? 10;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.deliveryLimit = options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
  }

  publish(message: OutboundMessage): ResultAsync<void, BusError> {
    // A copy: the publisher may reuse its buffer.
    this.waiting.push({ message: { ...message, body: Uint8Array.from(message.body) }, retries: 0, failures: 0 });
    this.pump();
    return okAsync(undefined);
  }

  consume(handler: MessageHandler): ResultAsync<Consumer, BusError> {
    if (this.handler !== undefined) throw new Error('InProcessBus: one consumer at a time');
    this.handler = handler;
    this.pump();
    return okAsync({
      stop: async () => {
        if (this.handler === handler) this.handler = undefined;
        await this.idle();
      },
    });
  }

  deadLetters(): ResultAsync<readonly DeadLetter[], BusError> {
    return okAsync([...this.letters]);
  }

  replayDeadLetters(messageIds?: readonly string[]): ResultAsync<number, BusError> {
    const chosen = (l: DeadLetter) => messageIds === undefined || (l.messageId !== undefined && messageIds.includes(l.messageId));
    const replayed = this.letters.filter(chosen);
    const kept = this.letters.filter((l) => !chosen(l));
    this.letters.splice(0, this.letters.length, ...kept);
    for (const l of replayed) this.publish({ routingKey: l.routingKey, messageId: l.messageId ?? '', body: l.body });
    return okAsync(replayed.length);
  }

  async close(): Promise<void> {
    this.handler = undefined;
    await this.idle();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.settled.add(resolve));
  }

  private pump(): void {
    while (this.handler !== undefined && this.inFlight < this.prefetch) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      this.deliver(this.handler, next);
    }
  }

  private deliver(handler: MessageHandler, envelope: Envelope): void {
    this.inFlight += 1;
    const { message } = envelope;
    const inbound: InboundMessage = {
      messageId: message.messageId,
      routingKey: message.routingKey,
      body: message.body,
      retries: envelope.retries,
      redelivered: envelope.failures > 0,
    };
    // Settled on the next turn at the earliest, as a broker would: a handler never runs inside publish().
    void Promise.resolve()
      .then(() => handler(inbound))
      .then(
        (disposition) => this.settle(envelope, disposition),
        () => this.redeliver(envelope),
      )
      .finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const resolve of this.settled) resolve();
        if (this.inFlight === 0) this.settled.clear();
        this.pump();
      });
  }

  private settle(envelope: Envelope, disposition: Disposition): void {
    switch (disposition.kind) {
      case 'ack':
        return;
      case 'retry': {
        const retries = envelope.retries + 1;
        if (retries > this.retry.maxRetries) return this.deadLetter(envelope, retriesExhausted(envelope.retries, disposition.reason));
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            // A retry is a new message, as RabbitMQ's republication is: its failed deliveries start again from zero.
            this.waiting.push({ ...envelope, retries, failures: 0 });
            this.pump();
          },
          retryDelayMs(this.retry, retries),
        );
        this.timers.add(timer);
        return;
      }
      case 'dead-letter':
        return this.deadLetter(envelope, disposition.reason, disposition.issues);
    }
  }

  private redeliver(envelope: Envelope): void {
    const failures = envelope.failures + 1;
    if (failures > this.deliveryLimit) return this.deadLetter(envelope, deliveryLimitReached(failures));
    this.waiting.unshift({ ...envelope, failures });
  }

  private deadLetter(envelope: Envelope, reason: string, issues?: readonly unknown[]): void {
    const { messageId, routingKey, body } = envelope.message;
    this.letters.push({ messageId, routingKey, body, reason, ...(issues === undefined ? {} : { issues }) });
  }
}
