import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcksInOrder } from './acks-in-order.js';

interface Delivery {
  readonly tag: number;
}

/** The broker's side of one channel: the deliveries it still owns, and what each ack settled. */
const brokerChannel = (tags: readonly number[]) => {
  const outstanding = new Set(tags);
  const settledByAck: number[] = [];
  const frames: string[] = [];
  return {
    outstanding,
    settledByAck,
    frames,
    ack: (message: Delivery, allUpTo: boolean): void => {
      // RabbitMQ closes the channel on an ack of a tag it does not hold (PRECONDITION_FAILED).
      if (!outstanding.has(message.tag)) throw new Error(`unknown delivery tag ${message.tag}`);
      frames.push(allUpTo ? `ack ≤${message.tag}` : `ack ${message.tag}`);
      for (const tag of [...outstanding])
        if (allUpTo ? tag <= message.tag : tag === message.tag) {
          outstanding.delete(tag);
          settledByAck.push(tag);
        }
    },
    nack: (message: Delivery): void => {
      outstanding.delete(message.tag);
    },
  };
};

describe('AcksInOrder', () => {
  it('a group acked in one turn goes out as one multiple ack', () => {
    const broker = brokerChannel([1, 2, 3, 4]);
    let sent = 0;
    const acks = new AcksInOrder<Delivery>(
      broker,
      (m) => m.tag,
      (n) => (sent += n),
    );
    for (const tag of [1, 2, 3, 4]) acks.received({ tag });
    for (const tag of [3, 1, 2]) acks.ack({ tag });
    acks.flush();
    expect(broker.frames).toEqual(['ack ≤3']);
    expect([...broker.outstanding]).toEqual([4]);
    expect(sent).toBe(3);
  });

  it('never acks a message the consumer did not ack, nor one twice; every message acked is settled once, whatever the order and the turns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            // Each delivery's fate, in a random order, and a flush (a turn of the event loop) after some of them.
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i + 1),
              { minLength: 0, maxLength: n },
            ),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          ),
        ),
        ([n, order, nacked, flushAfter]) => {
          const tags = Array.from({ length: n }, (_, i) => i + 1);
          const broker = brokerChannel(tags);
          let sent = 0;
          const acks = new AcksInOrder<Delivery>(
            broker,
            (m) => m.tag,
            (count) => (sent += count),
          );
          for (const tag of tags) acks.received({ tag });
          const ackedByConsumer = new Set<number>();
          for (const [i, tag] of order.entries()) {
            if (nacked[i] === true) {
              acks.settledOtherwise({ tag });
              broker.nack({ tag });
            } else {
              acks.ack({ tag });
              ackedByConsumer.add(tag);
            }
            if (flushAfter[i] === true) acks.flush();
            // Whatever the broker settled by an ack so far was acked by the consumer.
            for (const settled of broker.settledByAck) expect(ackedByConsumer.has(settled)).toBe(true);
          }
          acks.flush();
          expect([...broker.settledByAck].sort((a, b) => a - b)).toEqual([...ackedByConsumer].sort((a, b) => a - b));
          expect(sent).toBe(ackedByConsumer.size);
          // What is neither acked nor nacked is still the broker's.
          expect([...broker.outstanding].sort((a, b) => a - b)).toEqual(tags.filter((t) => !order.includes(t)));
        },
      ),
    );
  });
});
