import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { AccountId, ProgressFeed, ProgressFeedError, SyncProgressEvent, Unsubscribe } from '@ogustine-qbo/domain';
import { errAsync, ResultAsync } from 'neverthrow';
import type { BusError } from '../message-bus.js';
import { publishConfirmed } from './confirmed-publish.js';
import type { RabbitMqConnection } from './rabbitmq-connection.js';
import type { TopologyNames } from './topology.js';

type Listener = (event: SyncProgressEvent) => void;

const isProgressEvent = (value: unknown): value is SyncProgressEvent =>
  typeof value === 'object' &&
  value !== null &&
  'kind' in value &&
  (value.kind === 'progress.document' || value.kind === 'progress.run-started') &&
  'accountId' in value &&
  typeof value.accountId === 'string';

/**
 * Progress events from the workers to every HTTP instance: a fan-out exchange; each process that
 * has subscribers binds one exclusive, auto-deleted queue of its own and hands each event to the
 * listeners of its account. Progress is a courtesy (the stores hold the truth): events are not
 * persistent, and those published while a process reconnects are not seen by it.
 */
export class RabbitMqProgressFeed implements ProgressFeed {
  private channel: ConfirmChannel | null = null;
  private readonly listeners = new Map<AccountId, Set<Listener>>();
  private listening: Promise<void> | undefined;

  private constructor(
    private readonly connection: RabbitMqConnection,
    private readonly names: TopologyNames,
  ) {}

  /**
   * @returns ok(feed) once its exchange is declared (again after every reconnection)
   * @returns err(bus.unavailable) if the broker could not be reached
   */
  static open(connection: RabbitMqConnection, names: TopologyNames): ResultAsync<RabbitMqProgressFeed, BusError> {
    const feed = new RabbitMqProgressFeed(connection, names);
    return connection.join((model) => feed.setUp(model)).map(() => feed);
  }

  private async setUp(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = null;
      this.listening = undefined;
      this.connection.rebuild(model);
    });
    await channel.assertExchange(this.names.progress, 'fanout', { durable: true });
    this.channel = channel;
    this.listening = undefined;
    if (this.listeners.size > 0) await this.listen();
  }

  publish(event: SyncProgressEvent): ResultAsync<void, ProgressFeedError> {
    const channel = this.channel;
    if (channel === null) return errAsync({ kind: 'progress.unavailable', detail: 'RabbitMQ: reconnecting' });
    return ResultAsync.fromPromise(
      publishConfirmed(channel, this.names.progress, '', Buffer.from(JSON.stringify(event)), { contentType: 'application/json' }),
      (e) => ({ kind: 'progress.unavailable', detail: `RabbitMQ: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }

  subscribe(accountId: AccountId, listener: Listener): Unsubscribe {
    const set = this.listeners.get(accountId) ?? new Set();
    set.add(listener);
    this.listeners.set(accountId, set);
    // A failure closes the channel, and the reconnection listens again.
    this.listen().catch(() => undefined);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(accountId);
    };
  }

  /** Resolves once this process's queue is bound: events published from then on reach its subscribers. */
  listen(): Promise<void> {
    const channel = this.channel;
    if (channel === null) return this.connection.connected().then(() => undefined);
    this.listening ??= (async () => {
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(queue, this.names.progress, '');
      await channel.consume(queue, (message) => message !== null && this.dispatch(message.content), { noAck: true });
    })();
    return this.listening;
  }

  private dispatch(content: Buffer): void {
    let event: unknown;
    try {
      event = JSON.parse(content.toString('utf8'));
    } catch {
      return; // not ours: ignored, a courtesy channel never stops for a bad event
    }
    if (!isProgressEvent(event)) return;
    for (const listener of this.listeners.get(event.accountId) ?? []) {
      try {
        listener(event);
      } catch {
        // One broken screen never stops the others.
      }
    }
  }

  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = null;
    if (channel !== null) await channel.close().catch(() => undefined);
  }
}
