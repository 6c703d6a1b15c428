import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import { expectTrue, type ContractCase } from './contract-case.js';

/** What every `Clock` must do. */
export const clockContract: readonly ContractCase<Clock>[] = [
  {
    name: 'gives integer milliseconds that never go backwards',
    run: async (clock) => {
      let previous = clock.now();
      for (let i = 0; i < 100; i += 1) {
        const now = clock.now();
        expectTrue(Number.isInteger(now), `now() must be integer milliseconds, got ${now}`);
        expectTrue(now >= previous, `now() went backwards: ${previous} then ${now}`);
        previous = now;
      }
    },
  },
];

/** What every `Ids` must do. */
export const idsContract: readonly ContractCase<Ids>[] = [
  {
    name: 'never gives the same id twice',
    run: async (ids) => {
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i += 1) {
        const id = ids.next();
        expectTrue(!seen.has(id), `id ${id} given twice`);
        seen.add(id);
      }
    },
  },
  {
    // QBO caps a requestid at 36 characters in a batch (50 otherwise).
    name: 'gives non-empty ids of at most 36 characters, usable as a QBO batch requestid',
    run: async (ids) => {
      for (let i = 0; i < 100; i += 1) {
        const id = ids.next();
        expectTrue(id.length > 0 && id.length <= 36, `id ${JSON.stringify(id)} must have 1 to 36 characters`);
      }
    },
  },
];
