import type { AuthorizationStates } from '../../ports/authorization-states.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** What every `AuthorizationStates` must do. Each case gets an empty store. */
export const authorizationStatesContract: readonly ContractCase<AuthorizationStates>[] = [
  {
    name: 'gives a saved state back once, then never again',
    run: async (states) => {
      const pending = { state: 's-1', accountId: 'A1', expiresAt: 99 };
      await mustSucceed(states.save(pending), 'save');
      expectEqual(await mustSucceed(states.take('s-1'), 'take'), pending, 'first take');
      expectEqual(await mustSucceed(states.take('s-1'), 'take again'), null, 'second take');
    },
  },
  {
    name: 'knows nothing of a state it never issued',
    run: async (states) => {
      await mustSucceed(states.save({ state: 's-1', accountId: 'A1', expiresAt: 99 }), 'save');
      expectEqual(await mustSucceed(states.take('forged'), 'take'), null, 'forged state');
    },
  },
];
