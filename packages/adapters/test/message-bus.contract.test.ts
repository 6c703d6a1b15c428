import { afterEach, describe, it } from 'vitest';
import { InProcessBus } from '../src/in-process/in-process-bus.js';
import type { MessageBus } from '../src/message-bus.js';
import { CONTRACT_BUS_OPTIONS, messageBusContract } from './message-bus-contract.js';
import { openRabbitFixture } from './rabbitmq-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const subjects: readonly (readonly [string, () => Promise<MessageBus>])[] = [
  [
    'RabbitMQ',
    async () => {
      const fixture = await openRabbitFixture(CONTRACT_BUS_OPTIONS);
      cleanups.push(fixture.dispose);
      return fixture.bus;
    },
  ],
  [
    'in-process bus',
    async () => {
      const bus = new InProcessBus(CONTRACT_BUS_OPTIONS);
      cleanups.push(() => bus.close());
      return bus;
    },
  ],
];

for (const [name, open] of subjects) {
  describe(`${name} satisfies the message bus contract`, () => {
    for (const c of messageBusContract) it(c.name, async () => c.run(await open()));
  });
}
