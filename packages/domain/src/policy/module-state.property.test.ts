import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import type { Result } from 'neverthrow';
import {
  connect,
  disconnect,
  initialModuleState,
  initialSyncFinished,
  launchInitialSync,
  prerequisitesChecked,
  recordProgress,
  type ModuleState,
  type ModuleStateError,
} from './module-state.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

const discountsOff: UnmetPrerequisite = {
  kind: 'prerequisite.discounts-not-allowed',
  documentIds: ['D1'],
  message: { fr: 'rabais', en: 'discounts' },
  fix: { fr: 'activer', en: 'turn on' },
};

type Step =
  | { readonly kind: 'connect'; readonly realmId: string }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'checked'; readonly met: boolean }
  | { readonly kind: 'launch'; readonly total: number }
  | { readonly kind: 'progress'; readonly done: number; readonly failed: number }
  | { readonly kind: 'finished' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom('R1', 'R2').map((realmId) => ({ kind: 'connect' as const, realmId })),
  fc.constant({ kind: 'disconnect' as const }),
  fc.boolean().map((met) => ({ kind: 'checked' as const, met })),
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 20 }).map((total) => ({ kind: 'launch' as const, total })) },
  fc
    .record({ done: fc.integer({ min: 0, max: 20 }), failed: fc.integer({ min: 0, max: 20 }) })
    .map((c) => ({ kind: 'progress' as const, ...c })),
  fc.constant({ kind: 'finished' as const }),
);

const apply = (state: ModuleState, step: Step): Result<ModuleState, ModuleStateError> => {
  switch (step.kind) {
    case 'connect':
      return connect(state, step.realmId, `Société ${step.realmId}`);
    case 'disconnect':
      return disconnect(state);
    case 'checked':
      return prerequisitesChecked(state, step.met ? [] : [discountsOff]);
    case 'launch':
      return launchInitialSync(state, step.total);
    case 'progress':
      return recordProgress(state, step);
    case 'finished':
      return initialSyncFinished(state);
  }
};

describe('module state', () => {
  test.prop([fc.array(stepArb, { maxLength: 40 })])(
    'launching the initial sync twice is refused, and only connecting another company (which starts afresh) ends it',
    (steps) => {
      let state = initialModuleState;
      let launched = false;
      let lastRealm: string | undefined;
      for (const step of steps) {
        const result = apply(state, step);
        const anotherCompany = step.kind === 'connect' && result.isOk() && lastRealm !== undefined && step.realmId !== lastRealm;
        if (launched) {
          if (step.kind === 'launch') expect(result._unsafeUnwrapErr().kind).toBe('state.initial-sync-already-launched');
          if (result.isOk()) expect(result.value.initialSync.kind === 'not-launched').toBe(anotherCompany);
        }
        if (step.kind === 'launch' && result.isOk()) launched = true;
        if (anotherCompany) launched = false;
        if (step.kind === 'connect' && result.isOk()) lastRealm = step.realmId;
        if (result.isOk()) state = result.value;
      }
      expect(state.initialSync.kind !== 'not-launched').toBe(launched);
    },
  );

  test.prop([fc.array(stepArb, { maxLength: 40 })])(
    'a launch succeeds only when connected with prerequisites met, and progress never exceeds the total',
    (steps) => {
      let state = initialModuleState;
      for (const step of steps) {
        const result = apply(state, step);
        if (step.kind === 'launch' && result.isOk()) {
          expect(state.connection.kind).toBe('connected');
          expect(state.prerequisites.kind).toBe('met');
        }
        if (result.isOk()) state = result.value;
        if (state.initialSync.kind !== 'not-launched') {
          const { total, done, failed } = state.initialSync.progress;
          expect(done + failed <= total).toBe(true);
        }
      }
    },
  );
});
