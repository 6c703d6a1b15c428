import { initialModuleState } from '../../policy/module-state.js';
import { syncSchedule } from '../../policy/sync-schedule.js';
import type { AccountSettings, SettingsStore } from '../../ports/settings-store.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

const running: AccountSettings = {
  accountId: 'A1',
  moduleState: {
    ...initialModuleState,
    connection: { kind: 'connected', realmId: 'R1', companyName: 'Ménage SARL' },
    prerequisites: { kind: 'met' },
    initialSync: { kind: 'running', realmId: 'R1', progress: { total: 2, done: 1, failed: 0 } },
  },
  schedule: syncSchedule('2024-01-01', 'Europe/Paris'),
  initialSyncRunId: 'run-1',
  timeZone: 'Indian/Reunion',
  // « Joindre le PDF Ogustine » turned off: stored and read back (absent means on).
  attachPdf: false,
  version: 0,
};

/** What every `SettingsStore` must do. Each case gets an empty store. */
export const settingsStoreContract: readonly ContractCase<SettingsStore>[] = [
  {
    name: 'returns saved settings as they were saved, version bumped, and nothing for an unknown account',
    run: async (store) => {
      expectEqual(await mustSucceed(store.get('A1'), 'get'), null, 'before');
      expectEqual(await mustSucceed(store.save(running), 'save'), { ...running, version: 1 }, 'saved');
      expectEqual(await mustSucceed(store.get('A1'), 'get'), { ...running, version: 1 }, 'after');
      expectEqual(await mustSucceed(store.get('A2'), 'get'), null, 'another account');
    },
  },
  {
    name: 'compare-and-set: saves over the version read, refuses a stale one (no lost update)',
    run: async (store) => {
      const first = await mustSucceed(store.save({ accountId: 'A1', moduleState: initialModuleState, version: 0 }), 'save');
      const http = await mustSucceed(store.get('A1'), 'HTTP reads');
      const worker = await mustSucceed(store.get('A1'), 'the worker reads');
      if (http === null || worker === null) throw new Error('get: expected the settings');
      const rescheduled = await mustSucceed(store.save({ ...http, schedule: syncSchedule('2025-01-01') }), 'HTTP saves first');
      expectEqual(rescheduled.version, first.version + 1, 'version bumped');
      expectEqual(
        (await mustFail(store.save({ ...worker, initialSyncRunId: 'r' }), 'the worker saves over a stale read')).kind,
        'store.conflict',
        'refused',
      );
      expectEqual((await mustFail(store.save({ ...running, version: 0 }), 'create again')).kind, 'store.conflict', 'exists');
      expectEqual((await mustSucceed(store.get('A1'), 'get'))?.schedule, syncSchedule('2025-01-01'), 'HTTP’s change kept');
    },
  },
];
