import { describe, expect, test as example } from 'vitest';
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

// ---- the whole state machine against an independent model, on runs that reach a launched sync's progress ----

/** A progress step relative to the counts so far: replays (0), steps forward, going back (−1), overshooting the total. */
type ModelStep = Exclude<Step, { kind: 'progress' }> | { readonly kind: 'progress-by'; readonly done: number; readonly failed: number };

const modelStepArb: fc.Arbitrary<ModelStep> = fc.oneof(
  fc.constantFrom('R1', 'R2').map((realmId) => ({ kind: 'connect' as const, realmId })),
  fc.constant({ kind: 'disconnect' as const }),
  fc.boolean().map((met) => ({ kind: 'checked' as const, met })),
  fc.integer({ min: 0, max: 12 }).map((total) => ({ kind: 'launch' as const, total })),
  {
    weight: 8,
    arbitrary: fc
      .record({ done: fc.integer({ min: -1, max: 4 }), failed: fc.integer({ min: -1, max: 2 }) })
      .map((c) => ({ kind: 'progress-by' as const, ...c })),
  },
  fc.constant({ kind: 'finished' as const }),
);

/** Most runs start by connecting, checking and launching, so that progress steps meet a running sync. */
const runArb = fc
  .tuple(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.integer({ min: 1, max: 12 }).map((total): ModelStep[] => [
          { kind: 'connect', realmId: 'R1' },
          { kind: 'checked', met: true },
          { kind: 'launch', total },
        ]),
      },
      { weight: 1, arbitrary: fc.constant<ModelStep[]>([]) },
    ),
    fc.array(modelStepArb, { maxLength: 30 }),
  )
  .map(([prefix, steps]) => [...prefix, ...steps]);

/** The reference model, written from the rules of module-state.ts's documentation, not from its code. */
interface Model {
  connected?: { realmId: string; companyName: string };
  previous?: { realmId: string; companyName: string };
  prerequisites: 'unknown' | 'failing' | 'met';
  sync?: { status: 'running' | 'done'; realmId: string; total: number; done: number; failed: number };
}

const modelStep = (m: Model, step: Step): { model: Model } | { error: string } => {
  switch (step.kind) {
    case 'connect': {
      if (m.connected !== undefined && m.connected.realmId !== step.realmId) return { error: 'state.already-connected' };
      const ofRecord = m.connected?.realmId ?? m.previous?.realmId ?? m.sync?.realmId;
      const kept = ofRecord === undefined || ofRecord === step.realmId ? m.sync : undefined;
      const connected = { realmId: step.realmId, companyName: `Société ${step.realmId}` };
      return { model: { connected, prerequisites: 'unknown', ...(kept === undefined ? {} : { sync: kept }) } };
    }
    case 'disconnect':
      if (m.connected === undefined) return { error: 'state.not-connected' };
      return { model: { previous: m.connected, prerequisites: 'unknown', ...(m.sync === undefined ? {} : { sync: m.sync }) } };
    case 'checked':
      if (m.connected === undefined) return { error: 'state.not-connected' };
      return { model: { ...m, prerequisites: step.met ? 'met' : 'failing' } };
    case 'launch':
      if (m.sync !== undefined) return { error: 'state.initial-sync-already-launched' };
      if (m.connected === undefined) return { error: 'state.not-connected' };
      if (m.prerequisites !== 'met') return { error: 'state.prerequisites-not-met' };
      return { model: { ...m, sync: { status: 'running', realmId: m.connected.realmId, total: step.total, done: 0, failed: 0 } } };
    case 'progress': {
      if (m.sync?.status !== 'running') return { error: 'state.initial-sync-not-running' };
      const { done, failed } = step;
      if (done < m.sync.done || failed < m.sync.failed || done + failed > m.sync.total) return { error: 'state.progress-invalid' };
      return { model: { ...m, sync: { ...m.sync, done, failed } } };
    }
    case 'finished':
      if (m.sync?.status !== 'running') return { error: 'state.initial-sync-not-running' };
      return { model: { ...m, sync: { ...m.sync, status: 'done' } } };
  }
};

/** The model as the production state's shape, for one comparison. */
const asState = (m: Model): unknown => ({
  connection: m.connected
    ? { kind: 'connected', ...m.connected }
    : { kind: 'not-connected', ...(m.previous === undefined ? {} : { previous: m.previous }) },
  prerequisites: m.prerequisites === 'failing' ? { kind: 'failing', unmet: [discountsOff] } : { kind: m.prerequisites },
  initialSync:
    m.sync === undefined
      ? { kind: 'not-launched' }
      : { kind: m.sync.status, realmId: m.sync.realmId, progress: { total: m.sync.total, done: m.sync.done, failed: m.sync.failed } },
});

/** A relative progress step as the absolute counts it proposes (from the counts so far, or 0). */
const concrete = (m: Model, step: ModelStep): Step =>
  step.kind === 'progress-by'
    ? { kind: 'progress', done: (m.sync?.done ?? 0) + step.done, failed: (m.sync?.failed ?? 0) + step.failed }
    : step;

test.prop([runArb])(
  'every transition (connect, disconnect, check, launch, progress of a launched sync, finish) agrees with an independent model of the module state',
  (steps) => {
    let state = initialModuleState;
    let model: Model = { prerequisites: 'unknown' };
    for (const relative of steps) {
      const step = concrete(model, relative);
      const result = apply(state, step);
      const expected = modelStep(model, step);
      if ('error' in expected) {
        expect(result.isErr() ? result.error.kind : 'ok').toBe(expected.error);
        continue;
      }
      state = result._unsafeUnwrap();
      model = expected.model;
      expect(state).toEqual(asState(model));
    }
  },
);

example(
  'the run generator reaches the rare paths: progress recorded on a launched sync, refused progress, a sync finished after progress',
  () => {
    const seen = { recorded: 0, refused: 0, finishedAfterProgress: 0 };
    for (const steps of fc.sample(runArb, { numRuns: 300, seed: 7 })) {
      let model: Model = { prerequisites: 'unknown' };
      let recorded = false;
      for (const relative of steps) {
        const step = concrete(model, relative);
        const next = modelStep(model, step);
        if (step.kind === 'progress' && 'error' in next && next.error === 'state.progress-invalid') seen.refused += 1;
        if (step.kind === 'progress' && 'model' in next && (step.done > 0 || step.failed > 0)) recorded = true;
        if (step.kind === 'finished' && 'model' in next && recorded) seen.finishedAfterProgress += 1;
        if ('model' in next) model = next.model;
      }
      if (recorded) seen.recorded += 1;
    }
    expect(seen.recorded).toBeGreaterThanOrEqual(100);
    expect(seen.refused).toBeGreaterThanOrEqual(50);
    expect(seen.finishedAfterProgress).toBeGreaterThanOrEqual(30);
  },
);
