import { connect, type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import { ResultAsync } from 'neverthrow';
import type { BusError } from '../message-bus.js';

/** Heartbeat, in seconds, when the URL names none: a silently dead socket is noticed within about two of them. */
export const DEFAULT_HEARTBEAT_SECONDS = 15;

/** Re-creates its channels, topology and consumers on a fresh connection; runs again after every reconnection. */
export type ConnectionParticipant = (model: ChannelModel) => Promise<void>;

export interface RabbitMqConnectionOptions {
  /** Shown by the broker next to the connection (`rabbitmqctl list_connections client_properties`). */
  readonly name: string;
  /** Called on connection trouble (logged by the app); recovery goes on by itself. */
  readonly onTrouble?: (event: 'error' | 'disconnect' | 'reconnect-failed', detail: string) => void;
  /** Connection attempts at start before giving up (a broker that is down at start is a failure). */
  readonly initialRetries?: number;
}

/**
 * Heartbeats go in the URL: amqplib 2.3.1 ignores a `heartbeat` socket option, and without a
 * heartbeat a socket that died without an error is never noticed.
 */
export const withHeartbeat = (url: string): string => {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(DEFAULT_HEARTBEAT_SECONDS));
  return parsed.toString();
};

const detailOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One AMQP connection with amqplib's recovery. Channels are not recovered by amqplib: each
 * participant (the bus, the progress feed) re-creates its own in `setup`, run on every connection.
 * A channel closed by the broker while the connection lives (an error on it) closes the whole
 * connection, so that recovery rebuilds everything in one known way.
 */
export class RabbitMqConnection {
  private readonly participants: ConnectionParticipant[] = [];
  private current: ChannelModel | null = null;

  private constructor(private readonly recovering: RecoveringChannelModel) {}

  /**
   * @returns ok(connection) once connected (retrying a few times)
   * @returns err(bus.unavailable) if the broker could not be reached
   */
  static open(url: string, options: RabbitMqConnectionOptions): ResultAsync<RabbitMqConnection, BusError> {
    let self: RabbitMqConnection | undefined;
    const opening = connect(withHeartbeat(url), {
      clientProperties: { connection_name: options.name },
      recovery: {
        initialDelay: 100,
        maxDelay: 5_000,
        initialMaxRetries: options.initialRetries ?? 5,
        maxRetries: Infinity,
        // Resolve at once, so the listeners below are attached before the first 'connect'.
        waitForConnect: false,
        setup: async (model: ChannelModel) => {
          // Runs before `open` resolves on the first connection: participants register later and run then.
          if (self !== undefined) for (const participant of self.participants) await participant(model);
        },
      },
    }).then(async (recovering) => {
      self = new RabbitMqConnection(recovering);
      const s = self;
      // Without an 'error' listener a socket error crashes the process and recovery never runs.
      recovering.on('error', (e: Error) => options.onTrouble?.('error', e.message));
      recovering.on('disconnect', (e: Error) => {
        s.current = null;
        options.onTrouble?.('disconnect', e.message);
      });
      recovering.on('reconnect-failed', (e: Error) => options.onTrouble?.('reconnect-failed', e.message));
      recovering.on('connect', (model: ChannelModel) => {
        s.current = model;
      });
      await recovering.waitForConnect();
      return s;
    });
    return ResultAsync.fromPromise(opening, (e) => ({ kind: 'bus.unavailable', detail: `RabbitMQ unreachable: ${detailOf(e)}` }));
  }

  /** The live connection, or null while reconnecting. */
  model(): ChannelModel | null {
    return this.current;
  }

  /**
   * Adds a participant: run now on the live connection, and on every later one.
   * @returns ok() once it ran on the live connection
   * @returns err(bus.unavailable) if it failed (the connection is then rebuilt, and it runs again)
   */
  join(participant: ConnectionParticipant): ResultAsync<void, BusError> {
    this.participants.push(participant);
    const model = this.current;
    if (model === null) return ResultAsync.fromSafePromise(Promise.resolve());
    return ResultAsync.fromPromise(participant(model), (e) => {
      this.rebuild(model);
      return { kind: 'bus.unavailable', detail: detailOf(e) };
    });
  }

  /** Closes the connection (if `model` is still the live one) so recovery opens a new one and runs every participant again. */
  rebuild(model: ChannelModel | null = this.current): void {
    if (model !== null && this.current === model) model.close().catch(() => undefined);
  }

  /** Waits until a connection is live (recovery runs by itself). */
  async connected(): Promise<ChannelModel> {
    const model = this.current;
    if (model !== null) return model;
    return new Promise((resolve) => this.recovering.once('connect', resolve));
  }

  async close(): Promise<void> {
    this.current = null;
    await this.recovering.close();
  }
}
