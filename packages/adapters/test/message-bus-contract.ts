import { expect } from 'vitest';
import type { Disposition, InboundMessage, MessageBus, RetryPolicy } from '../src/message-bus.js';

/*
 * What every message bus must do (RabbitMQ and the in-process bus run the same cases). Each case
 * gets a fresh, empty bus opened with `CONTRACT_BUS_OPTIONS`. Waiting is for liveness only: a case
 * waits for what must happen (with a generous bound), and proves what must not happen by a marker
 * message published after it, never by a pause.
 */

export const CONTRACT_BUS_OPTIONS = {
  retry: { delaysMs: [50, 100], maxRetries: 2 } satisfies RetryPolicy,
  deliveryLimit: 2,
  prefetch: 2,
} as const;

export interface MessageBusContractCase {
  readonly name: string;
  readonly run: (bus: MessageBus) => Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Resolves once `condition` holds; fails after `timeoutMs` (a hang, not a slowness). */
export const eventually = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

interface Seen {
  readonly id: string | undefined;
  readonly body: string;
  readonly retries: number;
  readonly redelivered: boolean;
  readonly routingKey: string;
}

/** A consumer that records every delivery and lets `decide` settle it (throwing = a failing handler). */
const record = async (bus: MessageBus, decide: (m: InboundMessage, seen: readonly Seen[]) => Disposition | Promise<Disposition>) => {
  const seen: Seen[] = [];
  const consumer = (
    await bus.consume(async (m) => {
      seen.push({
        id: m.messageId,
        body: decoder.decode(m.body),
        retries: m.retries,
        redelivered: m.redelivered,
        routingKey: m.routingKey,
      });
      return decide(
        m,
        seen.filter((s) => s.id === m.messageId),
      );
    })
  )._unsafeUnwrap();
  return { seen, consumer, of: (id: string) => seen.filter((s) => s.id === id) };
};

const publish = async (bus: MessageBus, id: string, routingKey = 'invoice.validated'): Promise<void> => {
  (await bus.publish({ routingKey, messageId: id, body: encoder.encode(`{"eventId":"${id}"}`) }))._unsafeUnwrap();
};

const ACK: Disposition = { kind: 'ack' };

/** Publishes a marker and waits for it: whatever was to come again before it has had its chance. */
const settleWithMarker = async (bus: MessageBus, of: (id: string) => readonly Seen[], marker: string): Promise<void> => {
  await publish(bus, marker);
  await eventually(() => of(marker).length > 0, `${marker} delivered`);
};

const deadLetterCount = async (bus: MessageBus): Promise<number> => (await bus.deadLetters())._unsafeUnwrap().length;

export const messageBusContract: readonly MessageBusContractCase[] = [
  {
    name: 'delivers a message with its id, routing key and body; once acknowledged it never comes again',
    run: async (bus) => {
      const { of, consumer } = await record(bus, () => ACK);
      await publish(bus, 'm1', 'credit_note.validated');
      await eventually(() => of('m1').length === 1, 'm1 delivered');
      await settleWithMarker(bus, of, 'marker');
      expect(of('m1')).toEqual([
        { id: 'm1', body: '{"eventId":"m1"}', retries: 0, redelivered: false, routingKey: 'credit_note.validated' },
      ]);
      await consumer.stop();
      expect(await deadLetterCount(bus)).toBe(0);
    },
  },
  {
    name: 'a retry comes back after its delay with its retry count, the same id, body and routing key',
    run: async (bus) => {
      const { of } = await record(bus, (_m, mine) => (mine.length === 1 ? { kind: 'retry', reason: 'store down' } : ACK));
      await publish(bus, 'r1', 'credit_note.validated');
      await eventually(() => of('r1').length === 2, 'r1 retried');
      expect(of('r1').map((s) => [s.retries, s.body, s.routingKey])).toEqual([
        [0, '{"eventId":"r1"}', 'credit_note.validated'],
        [1, '{"eventId":"r1"}', 'credit_note.validated'],
      ]);
      await settleWithMarker(bus, of, 'marker');
      expect(of('r1')).toHaveLength(2);
      expect(await deadLetterCount(bus)).toBe(0);
    },
  },
  {
    name: 'a retry asked on a redelivery comes back as a fresh delivery, not marked redelivered',
    run: async (bus) => {
      const { of } = await record(bus, (_m, mine) => {
        if (mine.length === 1) throw new Error('handler crashed');
        return mine.length === 2 ? { kind: 'retry', reason: 'store down' } : ACK;
      });
      await publish(bus, 'rr1');
      await eventually(() => of('rr1').length === 3, 'rr1 crashed, retried, acked');
      expect(of('rr1').map((s) => [s.redelivered, s.retries])).toEqual([
        [false, 0],
        [true, 0],
        [false, 1],
      ]);
    },
  },
  {
    name: 'a message still asking for a retry past the maximum is dead-lettered with the last reason',
    run: async (bus) => {
      const { of } = await record(bus, (m) => ({ kind: 'retry', reason: `store down at retry ${m.retries}` }));
      await publish(bus, 'x1');
      await eventually(async () => (await deadLetterCount(bus)) === 1, 'x1 dead-lettered');
      expect(of('x1').map((s) => s.retries)).toEqual([0, 1, 2]);
      const [letter] = (await bus.deadLetters())._unsafeUnwrap();
      expect(letter?.reason).toBe('retries exhausted after 2: store down at retry 2');
      expect(letter?.messageId).toBe('x1');
      expect(letter?.routingKey).toBe('invoice.validated');
    },
  },
  {
    name: 'a dead-lettered message is kept with its body, id, routing key, reason and issues, and never delivered again',
    run: async (bus) => {
      const issues = [{ path: 'version', code: 'range', message: 'version 2 is not known' }];
      const { of } = await record(bus, (m) =>
        m.messageId === 'd1' ? { kind: 'dead-letter', reason: 'unknown event version', issues } : ACK,
      );
      await publish(bus, 'd1', 'credit_note.validated');
      await eventually(async () => (await deadLetterCount(bus)) === 1, 'd1 dead-lettered');
      await settleWithMarker(bus, of, 'marker');
      expect(of('d1')).toHaveLength(1);
      const letters = (await bus.deadLetters())._unsafeUnwrap();
      expect(letters.map((l) => ({ ...l, body: decoder.decode(l.body) }))).toEqual([
        { messageId: 'd1', routingKey: 'credit_note.validated', body: '{"eventId":"d1"}', reason: 'unknown event version', issues },
      ]);
      expect((await bus.deadLetters())._unsafeUnwrap()).toHaveLength(1); // reading them leaves them there
    },
  },
  {
    name: 'replaying dead letters publishes the chosen ones again as new events and removes them; the others stay',
    run: async (bus) => {
      let fixed = false;
      const { of } = await record(bus, (m) => (fixed ? ACK : { kind: 'dead-letter', reason: `cannot read ${m.messageId ?? ''}` }));
      for (const id of ['a', 'b', 'c']) await publish(bus, id, 'credit_note.validated');
      await eventually(async () => (await deadLetterCount(bus)) === 3, 'three dead letters');
      fixed = true;
      expect((await bus.replayDeadLetters(['a', 'c']))._unsafeUnwrap()).toBe(2);
      await eventually(() => of('a').length === 2 && of('c').length === 2, 'a and c delivered again');
      expect(of('a')[1]).toEqual({ id: 'a', body: '{"eventId":"a"}', retries: 0, redelivered: false, routingKey: 'credit_note.validated' });
      expect((await bus.deadLetters())._unsafeUnwrap().map((l) => l.messageId)).toEqual(['b']);
      expect((await bus.replayDeadLetters())._unsafeUnwrap()).toBe(1);
      await eventually(() => of('b').length === 2, 'b delivered again');
      expect(await deadLetterCount(bus)).toBe(0);
    },
  },
  {
    name: 'a handler that fails gets the message again, marked redelivered, until it settles it',
    run: async (bus) => {
      const { of } = await record(bus, (_m, mine) => {
        if (mine.length <= 2) throw new Error('handler crashed');
        return ACK;
      });
      await publish(bus, 'f1');
      await eventually(() => of('f1').length === 3, 'f1 delivered three times');
      expect(of('f1').map((s) => s.redelivered)).toEqual([false, true, true]);
      await settleWithMarker(bus, of, 'marker');
      expect(of('f1')).toHaveLength(3);
      expect(await deadLetterCount(bus)).toBe(0);
    },
  },
  {
    name: 'a message whose handler always fails is dead-lettered past the delivery limit, and the bus goes on',
    run: async (bus) => {
      const { of } = await record(bus, (m) => {
        if (m.messageId === 'p1') throw new Error('poison');
        return ACK;
      });
      await publish(bus, 'p1');
      await eventually(async () => (await deadLetterCount(bus)) === 1, 'p1 dead-lettered');
      expect(of('p1')).toHaveLength(CONTRACT_BUS_OPTIONS.deliveryLimit + 1);
      const [letter] = (await bus.deadLetters())._unsafeUnwrap();
      expect(letter?.reason).toBe(
        `delivery limit reached: delivered ${CONTRACT_BUS_OPTIONS.deliveryLimit + 1} times without being settled`,
      );
      await settleWithMarker(bus, of, 'after-poison');
    },
  },
  {
    name: 'no more messages are in the handler at once than the prefetch, and all of them get there',
    run: async (bus) => {
      let inHand = 0;
      let most = 0;
      const releases: (() => void)[] = [];
      const { seen } = await record(bus, async () => {
        inHand += 1;
        most = Math.max(most, inHand);
        await new Promise<void>((resolve) => releases.push(resolve));
        inHand -= 1;
        return ACK;
      });
      for (const id of ['q1', 'q2', 'q3', 'q4', 'q5']) await publish(bus, id);
      for (let released = 0; released < 5; released += 1) {
        await eventually(() => releases.length > 0, 'a message in hand');
        expect(inHand).toBeLessThanOrEqual(CONTRACT_BUS_OPTIONS.prefetch);
        releases.shift()?.();
      }
      await eventually(() => seen.length === 5 && inHand === 0, 'all five handled');
      expect(most).toBe(CONTRACT_BUS_OPTIONS.prefetch);
      expect(new Set(seen.map((s) => s.id))).toEqual(new Set(['q1', 'q2', 'q3', 'q4', 'q5']));
    },
  },
  {
    name: 'stopping a consumer waits for the message in hand to be settled; the next consumer gets what came after',
    run: async (bus) => {
      const order: string[] = [];
      let release: () => void = () => undefined;
      const first = await record(bus, async () => {
        await new Promise<void>((resolve) => (release = resolve));
        order.push('handled');
        return ACK;
      });
      await publish(bus, 's1');
      await eventually(() => first.seen.length === 1, 's1 in hand');
      const stopping = first.consumer.stop().then(() => order.push('stopped'));
      release();
      await stopping;
      expect(order).toEqual(['handled', 'stopped']);
      await publish(bus, 's2');
      const second = await record(bus, () => ACK);
      await eventually(() => second.of('s2').length === 1, 's2 delivered to the second consumer');
      await settleWithMarker(bus, second.of, 'marker');
      expect(second.of('s1')).toHaveLength(0);
      expect(first.seen.map((s) => s.id)).toEqual(['s1']);
    },
  },
];
