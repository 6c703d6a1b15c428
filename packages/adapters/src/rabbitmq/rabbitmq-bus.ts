import type { ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage, Message, MessageProperties } from 'amqplib';
import { errAsync, ResultAsync } from 'neverthrow';
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
import { AcksInOrder } from './acks-in-order.js';
import { publishConfirmed } from './confirmed-publish.js';
import type { RabbitMqConnection } from './rabbitmq-connection.js';
import { declareDocumentTopology, type TopologyNames } from './topology.js';

/** Headers the bus writes: the retry count, the original routing key, the dead-letter reason (`docs/events.md`). */
export const HEADERS = {
  retries: 'x-ogustine-retries',
  routingKey: 'x-ogustine-routing-key',
  reason: 'x-ogustine-reason',
  issues: 'x-ogustine-issues',
  deadLetteredAt: 'x-ogustine-dead-lettered-at',
} as const;

export interface RabbitMqBusOptions {
  readonly names: TopologyNames;
  readonly retry?: RetryPolicy;
  readonly deliveryLimit?: number;
  /** Messages in the consumer's hands at once. */
  readonly prefetch?: number;
}

const detailOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const unavailable = (e: unknown): BusError => ({ kind: 'bus.unavailable', detail: `RabbitMQ: ${detailOf(e)}` });

const headersOf = (properties: MessageProperties): Record<string, unknown> => ({ ...(properties.headers ?? {}) });

/** The headers a republished message keeps: not the broker's delivery count, which belongs to the delivery, not the message. */
const keptHeaders = (properties: MessageProperties): Record<string, unknown> => {
  const { ['x-delivery-count']: _count, ...rest } = headersOf(properties);
  return rest;
};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString() : undefined;

/**
 * The worker's side of the billing core's events over RabbitMQ (topology in `topology.ts`). A
 * message is acknowledged only once its fate is durable: a retry or a dead letter is republished
 * and confirmed by the broker first; if that fails the message is handed back (nack, requeue) and
 * comes again. The acks of one turn go out together (`AcksInOrder`: a group's, one multiple ack).
 * A handler that throws gets the message again; the quorum queue's delivery limit
 * dead-letters it if that never ends. After a reconnection the channel, the topology and the
 * consumer are re-created; messages that were in hand come again (`redelivered`).
 */
export class RabbitMqBus implements MessageBus {
  private channel: ConfirmChannel | null = null;
  private handler: MessageHandler | undefined;
  private consumerTag: string | undefined;
  private inFlight = 0;
  private readonly whenSettled = new Set<() => void>();
  private readonly retry: RetryPolicy;
  private readonly deliveryLimit: number;
  private readonly prefetch: number;

  private constructor(
    private readonly connection: RabbitMqConnection,
    private readonly names: TopologyNames,
    options: RabbitMqBusOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.deliveryLimit = options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
    this.prefetch = options.prefetch ?? 10;
  }

  /**
   * Declares the topology and opens the bus's channel, now and after every reconnection.
   * @returns ok(bus) once declared
   * @returns err(bus.unavailable) if the broker refused or could not be reached
   */
  static open(connection: RabbitMqConnection, options: RabbitMqBusOptions): ResultAsync<RabbitMqBus, BusError> {
    const bus = new RabbitMqBus(connection, options.names, options);
    return connection.join((model) => bus.setUp(model)).map(() => bus);
  }

  /** On each connection: a confirm channel, the topology, the prefetch, and the consumer if one is registered. */
  private async setUp(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined); // the 'close' that follows is what matters
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = null;
      // Closed by the broker while the connection lives: rebuild the connection, and so everything.
      this.connection.rebuild(model);
    });
    await declareDocumentTopology(channel, this.names, { retry: this.retry, deliveryLimit: this.deliveryLimit });
    await channel.prefetch(this.prefetch);
    this.channel = channel;
    if (this.handler !== undefined) await this.startConsuming(channel, this.handler);
  }

  publish(message: OutboundMessage): ResultAsync<void, BusError> {
    const channel = this.channel;
    if (channel === null) return errAsync({ kind: 'bus.unavailable', detail: 'RabbitMQ: reconnecting' });
    return ResultAsync.fromPromise(
      publishConfirmed(channel, this.names.events, message.routingKey, Buffer.from(message.body), {
        persistent: true,
        mandatory: true,
        contentType: 'application/json',
        messageId: message.messageId,
      }),
      unavailable,
    );
  }

  consume(handler: MessageHandler): ResultAsync<Consumer, BusError> {
    if (this.handler !== undefined) throw new Error('RabbitMqBus: one consumer at a time');
    this.handler = handler;
    const channel = this.channel;
    const started = channel === null ? Promise.resolve() : this.startConsuming(channel, handler);
    return ResultAsync.fromPromise(started, unavailable).map(() => ({ stop: () => this.stopConsuming() }));
  }

  deadLetters(): ResultAsync<readonly DeadLetter[], BusError> {
    return ResultAsync.fromPromise(this.readDeadLetters(), unavailable);
  }

  replayDeadLetters(messageIds?: readonly string[]): ResultAsync<number, BusError> {
    return ResultAsync.fromPromise(this.replay(messageIds), unavailable);
  }

  async close(): Promise<void> {
    await this.stopConsuming();
    const channel = this.channel;
    this.channel = null;
    // Closed after every ack went out; what is not acked is handed back by the broker.
    if (channel !== null) await channel.close().catch(() => undefined);
  }

  private async startConsuming(channel: ConfirmChannel, handler: MessageHandler): Promise<void> {
    // A group's acks go out together (one multiple ack), never past a message still in hand.
    const acks = new AcksInOrder<ConsumeMessage>(
      channel,
      (m) => m.fields.deliveryTag,
      (count) => this.settled(count),
    );
    const { consumerTag } = await channel.consume(
      this.names.documents,
      (message) => {
        // null: the broker cancelled the consumer (queue deleted): rebuild, which consumes again.
        if (message === null) return this.connection.rebuild();
        acks.received(message);
        void this.onMessage(channel, acks, handler, message);
      },
      { noAck: false },
    );
    this.consumerTag = consumerTag;
  }

  private async stopConsuming(): Promise<void> {
    this.handler = undefined;
    const channel = this.channel;
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    if (channel !== null && tag !== undefined) await channel.cancel(tag).catch(() => undefined);
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.whenSettled.add(resolve));
  }

  private async onMessage(
    channel: ConfirmChannel,
    acks: AcksInOrder<ConsumeMessage>,
    handler: MessageHandler,
    message: ConsumeMessage,
  ): Promise<void> {
    this.inFlight += 1;
    const inbound = this.inbound(message);
    const disposition = await handler(inbound).then(
      (d) => d,
      () => undefined,
    );
    // A handler that failed hands the message back: the broker counts it against the delivery limit.
    if (disposition === undefined) this.nack(channel, acks, message);
    else {
      const durable = await this.makeDurable(channel, message, inbound, disposition).then(
        () => true,
        () => false,
      );
      if (durable) acks.ack(message);
      else this.nack(channel, acks, message);
    }
  }

  /** Hands the message back now. On a closed channel the broker hands it back itself. */
  private nack(channel: ConfirmChannel, acks: AcksInOrder<ConsumeMessage>, message: ConsumeMessage): void {
    acks.settledOtherwise(message);
    try {
      channel.nack(message, false, true);
    } catch {
      // IllegalOperationError: the channel closed meanwhile; the message comes again on the next connection.
    }
    this.settled(1);
  }

  /** Counts messages as settled (acked or nacked). */
  private settled(count: number): void {
    this.inFlight -= count;
    if (this.inFlight === 0) {
      for (const resolve of this.whenSettled) resolve();
      this.whenSettled.clear();
    }
  }

  /** Republishes a retry or a dead letter, confirmed: only then may the original be acknowledged. */
  private async makeDurable(channel: ConfirmChannel, message: ConsumeMessage, inbound: InboundMessage, d: Disposition): Promise<void> {
    if (d.kind === 'ack') return;
    const retries = inbound.retries + 1;
    if (d.kind === 'retry' && retries <= this.retry.maxRetries) {
      const headers = { ...keptHeaders(message.properties), [HEADERS.retries]: retries, [HEADERS.routingKey]: inbound.routingKey };
      await publishConfirmed(channel, '', this.names.retryQueue(retryDelayMs(this.retry, retries)), message.content, {
        ...this.kept(message),
        headers,
      });
      return;
    }
    const reason = d.kind === 'retry' ? retriesExhausted(inbound.retries, d.reason) : d.reason;
    const issues = d.kind === 'dead-letter' && d.issues !== undefined ? { [HEADERS.issues]: JSON.stringify(d.issues) } : {};
    const headers = {
      ...keptHeaders(message.properties),
      [HEADERS.routingKey]: inbound.routingKey,
      [HEADERS.reason]: reason,
      [HEADERS.deadLetteredAt]: new Date().toISOString(),
      ...issues,
    };
    await publishConfirmed(channel, this.names.deadLetterExchange, inbound.routingKey, message.content, { ...this.kept(message), headers });
  }

  /** The properties a republished message keeps. */
  private kept(message: Message): { persistent: true; contentType: string; messageId?: string } {
    const id = text(message.properties.messageId);
    return {
      persistent: true,
      contentType: text(message.properties.contentType) ?? 'application/json',
      ...(id === undefined ? {} : { messageId: id }),
    };
  }

  private inbound(message: ConsumeMessage): InboundMessage {
    const headers = headersOf(message.properties);
    const retries = Number(headers[HEADERS.retries] ?? 0);
    const deliveryCount = Number(headers['x-delivery-count'] ?? 0);
    return {
      messageId: text(message.properties.messageId),
      routingKey: text(headers[HEADERS.routingKey]) ?? message.fields.routingKey,
      // A view of the body, not a copy: the bytes amqplib read are never written again.
      body: new Uint8Array(message.content.buffer, message.content.byteOffset, message.content.byteLength),
      retries: Number.isInteger(retries) && retries >= 0 ? retries : 0,
      redelivered: message.fields.redelivered || deliveryCount > 0,
    };
  }

  /** Reads the whole dead-letter queue on a channel of its own without acking, then closes it: the broker hands everything back. */
  private async readDeadLetters(): Promise<DeadLetter[]> {
    const model = await this.connection.connected();
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    const letters: DeadLetter[] = [];
    try {
      for (;;) {
        const message = await channel.get(this.names.deadLetters, { noAck: false });
        if (message === false) break;
        letters.push(this.deadLetter(message));
      }
    } finally {
      await channel.close().catch(() => undefined);
    }
    return letters;
  }

  /** Each chosen letter is republished (confirmed) to the events exchange, then acked off the DLQ; the others are handed back. */
  private async replay(messageIds: readonly string[] | undefined): Promise<number> {
    const model = await this.connection.connected();
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    let replayed = 0;
    try {
      for (;;) {
        const message = await channel.get(this.names.deadLetters, { noAck: false });
        if (message === false) break;
        const letter = this.deadLetter(message);
        if (messageIds !== undefined && (letter.messageId === undefined || !messageIds.includes(letter.messageId))) continue;
        await publishConfirmed(channel, this.names.events, letter.routingKey, message.content, this.kept(message));
        channel.ack(message);
        replayed += 1;
      }
    } finally {
      await channel.close().catch(() => undefined);
    }
    return replayed;
  }

  private deadLetter(message: GetMessage): DeadLetter {
    const headers = headersOf(message.properties);
    const issuesText = text(headers[HEADERS.issues]);
    const reason = text(headers[HEADERS.reason]) ?? this.brokerReason(headers);
    return {
      messageId: text(message.properties.messageId),
      routingKey: text(headers[HEADERS.routingKey]) ?? message.fields.routingKey,
      body: new Uint8Array(message.content),
      reason,
      ...(issuesText === undefined ? {} : { issues: JSON.parse(issuesText) as unknown[] }),
    };
  }

  /** Dead-lettered by the broker itself (`x-death`): past the delivery limit, in practice. */
  private brokerReason(headers: Record<string, unknown>): string {
    const first = text(headers['x-first-death-reason']);
    return first === 'delivery_limit' ? deliveryLimitReached(this.deliveryLimit + 1) : `dead-lettered by the broker: ${first ?? 'unknown'}`;
  }
}
