import type { DocumentKind } from '../../documents/document.js';
import type { ErrorRecord, ErrorState } from '../../errors/error-history.js';
import type { SyncFailureCause } from '../../errors/sync-failure-cause.js';
import type { ErrorHistoryStore } from '../../ports/error-history-store.js';
import { PAGE_SIZE, type PageRequest } from '../../ports/page.js';
import { expectEqual, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

const DISCOUNTS: SyncFailureCause = { kind: 'cause.discounts-disabled', qboCode: '6000', qboDetail: 'Discounts are off' };
const OUTAGE: SyncFailureCause = { kind: 'cause.qbo-unavailable', reason: 'server-error', status: 503 };

/** A record as a journal hands it to the store: version 0 when new. */
const aRecord = (
  id: string,
  over: {
    accountId?: string;
    documentId?: string;
    occurredAt?: number;
    state?: ErrorState;
    cause?: SyncFailureCause;
    kind?: DocumentKind;
  } = {},
): ErrorRecord => {
  const occurredAt = over.occurredAt ?? 10;
  const state = over.state ?? 'open';
  return {
    id,
    accountId: over.accountId ?? 'A1',
    documentId: over.documentId ?? `doc-${id}`,
    documentKind: over.kind ?? 'invoice',
    attempt: 1,
    occurredAt,
    cause: over.cause ?? DISCOUNTS,
    state,
    ...(state === 'resolved' ? { resolvedAt: occurredAt + 1 } : {}),
    history:
      state === 'open'
        ? [{ state, at: occurredAt }]
        : [
            { state: 'open', at: occurredAt },
            { state, at: occurredAt + 1 },
          ],
    version: 0,
  };
};

/** As the store gives it back after `n` puts. */
const stored = (record: ErrorRecord, n = 1): ErrorRecord => ({ ...record, version: record.version + n });

const readAllIds = async (
  store: ErrorHistoryStore,
  filter: Parameters<ErrorHistoryStore['page']>[1],
  limit?: number,
): Promise<string[]> => {
  const ids: string[] = [];
  let request: PageRequest | undefined = limit === undefined ? undefined : { limit };
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await mustSucceed(store.page('A1', filter, request), 'page');
    ids.push(...page.items.map((r) => r.id));
    if (page.next === null) return ids;
    request = { cursor: page.next, ...(limit === undefined ? {} : { limit }) };
  }
  throw new Error('page: the cursors never reached the last page');
};

/** What every `ErrorHistoryStore` must do. Each case gets an empty store. */
export const errorHistoryStoreContract: readonly ContractCase<ErrorHistoryStore>[] = [
  {
    name: 'gives a document’s records in the order they were first stored, with every field and their version bumped',
    run: async (store) => {
      const e2 = aRecord('e2', { documentId: 'D1' });
      const e1 = aRecord('e1', { documentId: 'D1', occurredAt: 5 });
      await mustSucceed(store.put([e2, e1, aRecord('e3', { documentId: 'D2' })]), 'put');
      expectEqual(await mustSucceed(store.forDocument('A1', 'D1'), 'forDocument'), [stored(e2), stored(e1)], 'records of D1');
      expectEqual(await mustSucceed(store.forDocument('A2', 'D1'), 'forDocument of another account'), [], 'A2 has none');
    },
  },
  {
    name: 'compare-and-set: replaces a record only from the version it was read at; all or nothing',
    run: async (store) => {
      await mustSucceed(store.put([aRecord('e1', { documentId: 'D1' }), aRecord('e2', { documentId: 'D1' })]), 'put');
      const [e1, e2] = await mustSucceed(store.forDocument('A1', 'D1'), 'read');
      if (e1 === undefined || e2 === undefined) throw new Error('forDocument: expected two records');
      const resolved = (r: ErrorRecord): ErrorRecord => ({
        ...r,
        state: 'resolved',
        resolvedAt: 20,
        history: [...r.history, { state: 'resolved', at: 20 }],
      });
      await mustSucceed(store.put([resolved(e1)]), 'resolve e1 from version 1');
      expectEqual(
        (await mustFail(store.put([resolved(e2), resolved(e1)]), 'a second writer still at version 1')).kind,
        'store.conflict',
        'stale version',
      );
      expectEqual(await mustSucceed(store.forDocument('A1', 'D1'), 'read'), [stored(resolved(e1)), e2], 'e2 untouched by the refused put');
      expectEqual(
        (await mustFail(store.put([aRecord('e2', { documentId: 'D1' })]), 'add an id again')).kind,
        'store.conflict',
        'new id taken',
      );
      expectEqual(
        (await mustFail(store.put([{ ...aRecord('e9'), version: 3 }]), 'replace a missing record')).kind,
        'store.conflict',
        'absent',
      );
    },
  },
  {
    name: 'pages the account’s records newest first (later stored first on a tie), by cursor, with filters',
    run: async (store) => {
      const records = Array.from({ length: 60 }, (_, i) =>
        aRecord(`e${i}`, {
          occurredAt: 100 + Math.floor(i / 2),
          state: i % 3 === 0 ? 'resolved' : 'open',
          cause: i % 4 === 0 ? OUTAGE : DISCOUNTS,
        }),
      );
      await mustSucceed(store.put(records.slice(0, 30)), 'put');
      await mustSucceed(store.put(records.slice(30)), 'put');
      await mustSucceed(store.put([aRecord('other', { accountId: 'A2', occurredAt: 999 })]), 'put A2');
      const newest = [...records].reverse().map((r) => r.id);
      const first = await mustSucceed(store.page('A1', {}), 'first page');
      expectEqual(first.items.length, PAGE_SIZE, 'a full page');
      expectEqual(await readAllIds(store, {}), newest, 'all, newest first');
      expectEqual(await readAllIds(store, {}, 7), newest, 'by 7');
      const only = (keep: (r: ErrorRecord) => boolean): string[] =>
        [...records]
          .reverse()
          .filter(keep)
          .map((r) => r.id);
      expectEqual(
        await readAllIds(store, { states: ['resolved'] }),
        only((r) => r.state === 'resolved'),
        'state',
      );
      expectEqual(
        await readAllIds(store, { causeKey: 'qbo-unavailable:server-error' }),
        only((r) => r.cause.kind === OUTAGE.kind),
        'cause',
      );
      expectEqual(
        await readAllIds(store, { occurredFrom: 110, occurredBefore: 120, states: ['open'] }),
        only((r) => r.occurredAt >= 110 && r.occurredAt < 120 && r.state === 'open'),
        'dates and state',
      );
    },
  },
  {
    name: 'pages the documents with an unresolved record, in the order their first one was stored',
    run: async (store) => {
      const records = Array.from({ length: 70 }, (_, i) =>
        aRecord(`e${i}`, { documentId: `D${i % 60}`, state: i % 5 === 0 ? 'resolved' : i % 7 === 0 ? 'retrying' : 'open' }),
      );
      for (const r of records) await mustSucceed(store.put([r]), `put ${r.id}`);
      const expected: string[] = [];
      for (const r of records) if (r.state !== 'resolved' && !expected.includes(r.documentId)) expected.push(r.documentId);
      const ids: string[] = [];
      let request: PageRequest | undefined;
      for (let guard = 0; guard < 10; guard += 1) {
        const page = await mustSucceed(store.documentsWithUnresolved('A1', request), 'documentsWithUnresolved');
        expectEqual(page.items.length <= PAGE_SIZE, true, 'at most a page');
        ids.push(...page.items);
        if (page.next === null) break;
        request = { cursor: page.next };
      }
      expectEqual(ids, expected, 'documents');
      expectEqual((await mustSucceed(store.documentsWithUnresolved('A2'), 'another account')).items, [], 'A2 has none');
    },
  },
  {
    name: 'tallies the screen’s groups: each unresolved document once, under its latest unresolved cause; resolved records apart',
    run: async (store) => {
      await mustSucceed(
        store.put([
          aRecord('a1', { documentId: 'DA', occurredAt: 1, cause: OUTAGE }),
          aRecord('a2', { documentId: 'DA', occurredAt: 2, cause: DISCOUNTS }),
          aRecord('b1', { documentId: 'DB', occurredAt: 3, cause: DISCOUNTS, state: 'retrying', kind: 'credit_note' }),
          aRecord('c1', { documentId: 'DC', occurredAt: 4, cause: OUTAGE, state: 'retrying' }),
          aRecord('d1', { documentId: 'DD', occurredAt: 5, cause: OUTAGE, state: 'resolved' }),
          aRecord('d2', { documentId: 'DD', occurredAt: 6, cause: OUTAGE, state: 'resolved' }),
          aRecord('x1', { accountId: 'A2', documentId: 'DX', cause: OUTAGE }),
        ]),
        'put',
      );
      const sortKinds = <T extends { kinds: readonly string[] }>(t: T): T => ({ ...t, kinds: [...t.kinds].sort() });
      expectEqual(
        (await mustSucceed(store.tallyByCause('A1', 'unresolved'), 'unresolved')).map(sortKinds),
        [
          { key: 'discounts-disabled', cause: DISCOUNTS, documents: 2, kinds: ['credit_note', 'invoice'], state: 'open' },
          { key: 'qbo-unavailable:server-error', cause: OUTAGE, documents: 1, kinds: ['invoice'], state: 'retrying' },
        ],
        'unresolved groups',
      );
      expectEqual(
        await mustSucceed(store.tallyByCause('A1', 'resolved'), 'resolved'),
        [{ key: 'qbo-unavailable:server-error', cause: OUTAGE, documents: 1, kinds: ['invoice'], state: 'resolved' }],
        'resolved groups',
      );
      expectEqual(await mustSucceed(store.tallyByCause('A3', 'unresolved'), 'empty account'), [], 'none');
    },
  },
];
