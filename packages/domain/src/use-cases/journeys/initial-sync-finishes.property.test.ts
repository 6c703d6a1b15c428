import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QboFailure } from '../../errors/qbo-fault.js';
import { isRunComplete } from '../../ports/run-store.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { invoice, REALM, receive } from '../../testing/builders/journey-fixtures.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';

/** What the user (or QBO) does while the launched initial sync runs. */
type Action =
  | { readonly kind: 'work'; readonly jobs: number }
  | { readonly kind: 'suspend'; readonly day: string }
  | { readonly kind: 'reschedule-past'; readonly day: string }
  | { readonly kind: 'resync'; readonly n: number }
  | { readonly kind: 'resync-all' }
  | { readonly kind: 'mark-handled'; readonly n: number }
  | { readonly kind: 'qbo-refuses-next' }
  | { readonly kind: 'qbo-throttles-next' }
  | { readonly kind: 'qbo-loses-next-answer' }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'reconnect' }
  | { readonly kind: 'new-document'; readonly n: number };

const LAUNCHED = 8;

const refused: QboFailure = {
  kind: 'qbo.fault',
  status: 400,
  faultType: 'ValidationFault',
  errors: [
    {
      code: '6000',
      message: 'A business validation error has occurred while processing your request',
      detail: 'Business Validation Error',
    },
  ],
};

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('work' as const), jobs: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('suspend' as const), day: fc.constantFrom('2024-06-10', '2024-09-01') }),
  fc.record({ kind: fc.constant('reschedule-past' as const), day: fc.constantFrom('2024-01-05', '2023-12-01', '2024-05-01') }),
  fc.record({ kind: fc.constant('resync' as const), n: fc.integer({ min: 1, max: LAUNCHED }) }),
  fc.constant<Action>({ kind: 'resync-all' }),
  fc.record({ kind: fc.constant('mark-handled' as const), n: fc.integer({ min: 1, max: LAUNCHED }) }),
  fc.constant<Action>({ kind: 'qbo-refuses-next' }),
  fc.constant<Action>({ kind: 'qbo-throttles-next' }),
  fc.constant<Action>({ kind: 'qbo-loses-next-answer' }),
  fc.constant<Action>({ kind: 'disconnect' }),
  fc.constant<Action>({ kind: 'reconnect' }),
  fc.record({ kind: fc.constant('new-document' as const), n: fc.integer({ min: 20, max: 25 }) }),
);

const play = async (m: InMemoryModule, a: Action): Promise<void> => {
  const qbo = m.gateway.company(REALM);
  switch (a.kind) {
    case 'work':
      await m.drain(a.jobs);
      return;
    case 'suspend':
    case 'reschedule-past':
      await m.rescheduleSync.run('A1', a.day);
      return;
    case 'resync':
      await m.resyncDocument.run('A1', `D${a.n}`);
      return;
    case 'resync-all':
      await m.resyncMany.run('A1', { kind: 'all-open' });
      return;
    case 'mark-handled':
      await m.markErrorHandled.run('A1', `D${a.n}`);
      return;
    case 'qbo-refuses-next':
      qbo?.failNext(refused);
      return;
    case 'qbo-throttles-next':
      qbo?.throttleNext();
      return;
    case 'qbo-loses-next-answer':
      qbo?.loseNextPostAnswer();
      return;
    case 'disconnect':
      await m.disconnectQuickBooks.run('A1');
      return;
    case 'reconnect':
      await m.tryConnect('A1', REALM);
      return;
    case 'new-document': {
      const doc = invoice(a.n, { createdAt: m.clock.now() - 3_600_000, validatedAt: m.clock.now() });
      await receive(m, doc);
      return;
    }
  }
};

describe('rule 4: the launched initial sync always reaches its total', () => {
  it('whatever the user does during a launched initial sync, sent + failed + held (none in flight) ends equal to the launched total, each document at most once in QBO', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 14 }), async (actions) => {
        const m = new InMemoryModule(); // now: 2024-06-01 08:00 UTC
        const qbo = m.addCompany(aCompanyProfile({ realmId: REALM }));
        for (let n = 1; n <= LAUNCHED; n++) await receive(m, invoice(n));
        await m.connect('A1', REALM);
        const { run: launchedRun } = (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
        // The oracle: the launch took the documents received before it, all of January (covered by the default schedule).
        expect(launchedRun.total).toBe(LAUNCHED);
        for (const a of actions) {
          await play(m, a);
          const run = (await m.runs.get('A1', launchedRun.runId))._unsafeUnwrap();
          expect(run === null ? -1 : run.sent + run.failed + run.held).toBeLessThanOrEqual(LAUNCHED);
        }
        await m.drain(2000);
        const run = (await m.runs.get('A1', launchedRun.runId))._unsafeUnwrap();
        if (run === null) throw new Error('the launched run is kept');
        expect(run.total).toBe(LAUNCHED);
        expect(run.sent + run.failed + run.held).toBe(LAUNCHED);
        expect(isRunComplete(run)).toBe(true);
        const state = (await m.settings.get('A1'))._unsafeUnwrap()?.moduleState.initialSync;
        expect(state?.kind).toBe('done');
        let inQbo = 0;
        for (let n = 1; n <= LAUNCHED; n++) {
          const copies = qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}`).length;
          expect(copies).toBeLessThanOrEqual(1);
          inQbo += copies;
        }
        // Counted sent only if really there (a document sent later by a resync stays counted as its initial outcome).
        expect(run.sent).toBeLessThanOrEqual(inQbo);
      }),
    );
  });
});
