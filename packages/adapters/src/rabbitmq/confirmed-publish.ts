import { once } from 'node:events';
import type { ConfirmChannel, Options } from 'amqplib';

/**
 * Publishes on a confirm channel and resolves once the broker has confirmed it (rejects on a nack
 * or when the channel closes first). Waits for 'drain' when the channel's buffer is full.
 */
export const publishConfirmed = async (
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> => {
  let flowing = true;
  const confirmed = new Promise<void>((resolve, reject) => {
    flowing = channel.publish(exchange, routingKey, content, options, (e: unknown) =>
      e === null || e === undefined ? resolve() : reject(e instanceof Error ? e : new Error(`publish not confirmed: ${String(e)}`)),
    );
  });
  if (!flowing) await Promise.race([once(channel, 'drain'), confirmed]);
  await confirmed;
};
