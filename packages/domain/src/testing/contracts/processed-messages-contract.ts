import type { ProcessedMessages } from '../../ports/processed-messages.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

/** What every `ProcessedMessages` must do. Each case gets an empty store. */
export const processedMessagesContract: readonly ContractCase<ProcessedMessages>[] = [
  {
    name: 'knows a message only after it was remembered',
    run: async (store) => {
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), false, 'before');
      await mustSucceed(store.remember('m-1', 1), 'remember');
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), true, 'after');
      expectEqual(await mustSucceed(store.has('m-2'), 'has other'), false, 'another message');
    },
  },
  {
    name: 'remembering a message twice is harmless',
    run: async (store) => {
      await mustSucceed(store.remember('m-1', 1), 'remember');
      await mustSucceed(store.remember('m-1', 2), 'remember again');
      expectEqual(await mustSucceed(store.has('m-1'), 'has'), true, 'still known');
    },
  },
];
