import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AccountId } from '../../documents/document.js';
import { aCompanyProfile } from '../../testing/builders/company-profile.js';
import { aCustomer } from '../../testing/builders/document.js';
import { InMemoryModule } from '../../testing/fakes/in-memory-module.js';
import { invoice, receive, statusKinds } from '../../testing/builders/journey-fixtures.js';

type Who = 'A' | 'B';
type Op =
  | { readonly kind: 'receive'; readonly who: Who; readonly n: number; readonly person: number }
  | { readonly kind: 'connect'; readonly who: Who }
  | { readonly kind: 'launch'; readonly who: Who }
  | { readonly kind: 'disconnect'; readonly who: Who }
  /** A tries B's company while B holds it. */
  | { readonly kind: 'grab' }
  | { readonly kind: 'drain' };

const REALM_OF: Readonly<Record<Who, string>> = { A: 'RA', B: 'RB' };
const ACCOUNT: Readonly<Record<Who, AccountId>> = { A: 'A1', B: 'B1' };
const PEOPLE = [
  ['Jeanne', 'Dupont'],
  ['Paul', 'Martin'],
] as const;

const who = fc.constantFrom<Who>('A', 'B');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), who, n: fc.integer({ min: 1, max: 4 }), person: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('connect' as const), who }),
  fc.record({ kind: fc.constant('launch' as const), who }),
  fc.record({ kind: fc.constant('disconnect' as const), who }),
  fc.constant<Op>({ kind: 'grab' }),
  fc.constant<Op>({ kind: 'drain' }),
);

/** What an account sees of the module: its documents' statuses, its company's transactions, its state. */
const viewOf = async (m: InMemoryModule, w: Who) => {
  const accountId = ACCOUNT[w];
  const qbo = m.gateway.company(REALM_OF[w]);
  if (qbo === undefined) throw new Error('both companies are added by play()');
  const customers = new Map(qbo.allCustomers().map((c) => [c.qboId, c.displayName]));
  const settings = (await m.settings.get(accountId))._unsafeUnwrap();
  return {
    statuses: await statusKinds(m, accountId, ['D1', 'D2', 'D3', 'D4']),
    transactions: qbo
      .allTransactions()
      .map((t) => `${t.docNumber} ${t.totalAmount} ${customers.get(t.payload.customerRef)} ${qbo.attachmentsOf(t.qboId).length}`)
      .sort(),
    connection: settings?.moduleState.connection.kind ?? 'not-connected',
    initialSync: settings?.moduleState.initialSync ?? { kind: 'not-launched' },
  };
};

/** Plays the operations of `only` (or of both accounts), on a fresh module with both companies. */
const play = async (ops: readonly Op[], only?: Who): Promise<InMemoryModule> => {
  const m = new InMemoryModule();
  m.addCompany(aCompanyProfile({ realmId: 'RA' }));
  m.addCompany(aCompanyProfile({ realmId: 'RB', companyName: 'Jardins SARL' }));
  for (const o of ops) {
    if (o.kind !== 'drain' && o.kind !== 'grab' && only !== undefined && o.who !== only) continue;
    switch (o.kind) {
      case 'receive': {
        const [firstName, lastName] = PEOPLE[o.person] ?? PEOPLE[0];
        const customer = aCustomer({ name: `${firstName} ${lastName}`, firstName, lastName });
        await receive(m, invoice(o.n, { accountId: ACCOUNT[o.who], customer }));
        break;
      }
      case 'connect':
        await m.tryConnect(ACCOUNT[o.who], REALM_OF[o.who]);
        break;
      case 'launch':
        await m.launchInitialSync.run(ACCOUNT[o.who]);
        break;
      case 'disconnect':
        await m.disconnectQuickBooks.run(ACCOUNT[o.who]);
        break;
      case 'grab': {
        // Played only in the run with both accounts: in A's own world B's company does not exist.
        if (only !== undefined) break;
        const holder = (await m.connections.findByRealm('RB'))._unsafeUnwrap();
        if (holder?.accountId !== 'B1') break;
        const before = (await m.connections.get('A1'))._unsafeUnwrap();
        expect((await m.tryConnect('A1', 'RB')).isErr()).toBe(true);
        expect((await m.connections.get('A1'))._unsafeUnwrap()).toEqual(before);
        break;
      }
      case 'drain':
        await m.drain();
        break;
    }
  }
  await m.drain();
  return m;
};

describe('rule 1: account isolation (property)', () => {
  it('no operation of account A ever reads or changes B’s records: each account sees exactly what it would see alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
        const together = await play(ops);
        for (const w of ['A', 'B'] as const) expect(await viewOf(together, w)).toEqual(await viewOf(await play(ops, w), w));
      }),
    );
  });
});
