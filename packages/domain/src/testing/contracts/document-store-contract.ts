import type { OgustineDocument } from '../../documents/document.js';
import type { DocumentFilter, DocumentStore } from '../../ports/document-store.js';
import { PAGE_SIZE, type PageRequest } from '../../ports/page.js';
import { aCustomer, aDocument } from '../builders/document.js';
import { expectEqual, mustSucceed, type ContractCase } from './contract-case.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** Document `n` of account A1, created `n` days after T0 (so creation order is by `n`). */
const nth = (n: number, over: Partial<OgustineDocument> = {}): OgustineDocument =>
  aDocument({ id: `D${n}`, accountId: 'A1', number: `2024-${String(n).padStart(4, '0')}`, createdAt: T0 + n * DAY, ...over });

/** Every page of a query, following the cursors; the ids in the order read. */
const readAll = async (store: DocumentStore, filter: DocumentFilter, limit?: number): Promise<{ ids: string[]; pages: number[] }> => {
  const ids: string[] = [];
  const pages: number[] = [];
  let request: PageRequest | undefined = limit === undefined ? undefined : { limit };
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await mustSucceed(store.page('A1', filter, request), 'page');
    ids.push(...page.items.map((d) => d.id));
    pages.push(page.items.length);
    if (page.next === null) return { ids, pages };
    request = { cursor: page.next, ...(limit === undefined ? {} : { limit }) };
  }
  throw new Error('page: the cursors never reached the last page');
};

/** What every `DocumentStore` must do. Each case gets an empty store. */
export const documentStoreContract: readonly ContractCase<DocumentStore>[] = [
  {
    name: 'returns a recorded document as it was received',
    run: async (store) => {
      const doc = aDocument({ id: 'D1', accountId: 'A1' });
      expectEqual(await mustSucceed(store.record(doc, 1), 'record'), 'recorded', 'first record');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), doc, 'stored document');
    },
  },
  {
    name: 'is idempotent by document id: a second snapshot is not recorded and the first one is kept',
    run: async (store) => {
      const first = aDocument({ id: 'D1', accountId: 'A1', memo: 'first' });
      await mustSucceed(store.record(first, 1), 'record');
      expectEqual(await mustSucceed(store.record({ ...first, memo: 'second' }, 2), 'record again'), 'already-recorded', 'second record');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get'), first, 'kept document');
      expectEqual((await mustSucceed(store.page('A1', {}), 'page')).items, [first], 'one document');
    },
  },
  {
    name: 'records a group as one record after another would: new ones recorded, known ones and repeats kept as first received',
    run: async (store) => {
      const known = aDocument({ id: 'D1', accountId: 'A1', memo: 'first' });
      await mustSucceed(store.record(known, 1), 'record D1');
      const d2 = aDocument({ id: 'D2', accountId: 'A1', number: '2024-0002' });
      const otherAccount = aDocument({ id: 'D2', accountId: 'A2', number: '2024-0002' });
      const outcomes = await mustSucceed(
        store.recordAll([{ ...known, memo: 'second' }, d2, otherAccount, { ...d2, memo: 'repeat' }], 2),
        'recordAll',
      );
      expectEqual(outcomes, ['already-recorded', 'recorded', 'recorded', 'already-recorded'], 'outcomes in the order given');
      expectEqual(await mustSucceed(store.get('A1', 'D1'), 'get D1'), known, 'the first snapshot of D1 kept');
      expectEqual(await mustSucceed(store.get('A1', 'D2'), 'get D2'), d2, 'the first snapshot of D2 in the group kept');
      expectEqual(
        await mustSucceed(store.get('A2', 'D2'), 'get A2 D2'),
        otherAccount,
        'the same id in another account is another document',
      );
      expectEqual(await mustSucceed(store.recordAll([], 3), 'recordAll none'), [], 'an empty group');
      expectEqual(
        (await mustSucceed(store.summarize('A1', { recordedUpTo: 1 }), 'summarize')).count,
        1,
        'the group recorded at its instant',
      );
    },
  },
  {
    name: "keeps accounts apart: one account never reads another's documents",
    run: async (store) => {
      await mustSucceed(store.record(aDocument({ id: 'D1', accountId: 'A1' }), 1), 'record A1');
      await mustSucceed(store.record(aDocument({ id: 'D1', accountId: 'A2', number: '2024-09-09' }), 1), 'record A2');
      expectEqual(await mustSucceed(store.get('A3', 'D1'), 'get A3'), null, 'document of an unknown account');
      expectEqual((await mustSucceed(store.get('A2', 'D1'), 'get A2'))?.number, '2024-09-09', 'A2 reads its own document');
      expectEqual(
        (await mustSucceed(store.page('A1', {}), 'page A1')).items.map((d) => d.accountId),
        ['A1'],
        'A1 pages its own only',
      );
      await mustSucceed(store.markInQuickBooks('A2', 'D1', true), 'mark A2');
      expectEqual((await mustSucceed(store.summarize('A1', { inQuickBooks: true }), 'summarize A1')).count, 0, 'A2’s mark is A2’s');
    },
  },
  {
    name: `pages by creation (then number, then id), at most ${PAGE_SIZE} per page, following the cursor to the end`,
    run: async (store) => {
      const order = Array.from({ length: 120 }, (_, i) => i + 1);
      const shuffled = [...order].sort((a, b) => ((a * 37) % 120) - ((b * 37) % 120));
      for (const n of shuffled) await mustSucceed(store.record(nth(n), n), `record D${n}`);
      // Same instant: the number decides, then the id.
      await mustSucceed(store.record(nth(200, { createdAt: T0, number: '2023-0002' }), 1), 'record D200');
      await mustSucceed(store.record(nth(201, { createdAt: T0, number: '2023-0001' }), 1), 'record D201');
      const all = await readAll(store, {});
      expectEqual(all.pages, [50, 50, 22], 'page sizes');
      expectEqual(all.ids, ['D201', 'D200', ...order.map((n) => `D${n}`)], 'creation order');
      expectEqual((await readAll(store, {}, 7)).pages, [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3], 'a smaller limit');
      expectEqual((await mustSucceed(store.page('A1', {}, { limit: 500 }), 'page')).items.length, PAGE_SIZE, 'never more than a page');
    },
  },
  {
    name: 'a cursor stays valid while documents are added: the later pages show the ones created after it',
    run: async (store) => {
      for (let n = 1; n <= 60; n += 1) await mustSucceed(store.record(nth(n), n), `record D${n}`);
      const first = await mustSucceed(store.page('A1', {}), 'first page');
      await mustSucceed(store.record(nth(61), 61), 'record D61');
      const second = await mustSucceed(store.page('A1', {}, { cursor: first.next ?? '' }), 'second page');
      expectEqual(
        second.items.map((d) => d.id),
        Array.from({ length: 11 }, (_, i) => `D${51 + i}`),
        'second page',
      );
      expectEqual(second.next, null, 'last page');
    },
  },
  {
    name: 'filters by creation instant, by when the module recorded the document, by kind, by the invoice corrected, and by being in QBO',
    run: async (store) => {
      for (let n = 1; n <= 10; n += 1) {
        const doc = n % 3 === 0 ? nth(n, { kind: 'credit_note', correctsInvoiceId: `D${n - 1}` }) : nth(n);
        await mustSucceed(store.record(doc, 1000 + n), `record D${n}`);
      }
      for (const n of [2, 4, 9]) await mustSucceed(store.markInQuickBooks('A1', `D${n}`, true), `mark D${n}`);
      await mustSucceed(store.markInQuickBooks('A1', 'D4', true), 'mark D4 again');
      await mustSucceed(store.markInQuickBooks('A1', 'unknown', true), 'mark an unknown document');
      const ids = async (filter: DocumentFilter): Promise<string[]> => (await readAll(store, filter)).ids;
      expectEqual(await ids({ createdFrom: T0 + 4 * DAY }), ['D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10'], 'createdFrom (inclusive)');
      expectEqual(await ids({ createdBefore: T0 + 3 * DAY }), ['D1', 'D2'], 'createdBefore (exclusive)');
      expectEqual(await ids({ recordedUpTo: 1003 }), ['D1', 'D2', 'D3'], 'recordedUpTo (inclusive)');
      expectEqual(await ids({ kind: 'credit_note' }), ['D3', 'D6', 'D9'], 'kind');
      expectEqual(await ids({ correctsInvoiceId: 'D5' }), ['D6'], 'the credit notes of an invoice');
      expectEqual(await ids({ correctsInvoiceId: 'D6' }), [], 'a credit note corrects, it is not corrected');
      expectEqual(await ids({ inQuickBooks: true }), ['D2', 'D4', 'D9'], 'in QBO');
      await mustSucceed(store.markInQuickBooks('A1', 'D9', false), 'D9 deleted in QBO');
      expectEqual(await ids({ inQuickBooks: true }), ['D2', 'D4'], 'no longer in QBO');
      await mustSucceed(store.markInQuickBooks('A1', 'D9', true), 'D9 sent again');
      await mustSucceed(store.record(nth(11, { accountId: 'A2' }), 2000), 'record A2’s D11');
      await mustSucceed(store.markInQuickBooks('A2', 'D11', true), 'mark A2’s D11');
      await mustSucceed(store.forgetInQuickBooks('A1'), 'another company connected to A1');
      expectEqual(await ids({ inQuickBooks: true }), [], 'none of A1 in QBO any more');
      expectEqual((await mustSucceed(store.summarize('A2', { inQuickBooks: true }), 'summarize A2')).count, 1, 'A2 untouched');
      for (const n of [2, 4, 9]) await mustSucceed(store.markInQuickBooks('A1', `D${n}`, true), `D${n} sent to the new company`);
      expectEqual(await ids({ inQuickBooks: false, createdFrom: T0 + 2 * DAY, kind: 'invoice' }), ['D5', 'D7', 'D8', 'D10'], 'together');
    },
  },
  {
    name: 'summarizes what a filter selects: counts, distinct customers and gross totals per currency',
    run: async (store) => {
      const alice = aCustomer({ id: 'C-alice' });
      const bob = aCustomer({ id: 'C-bob' });
      await mustSucceed(store.record(nth(1, { customer: alice }), 1), 'record D1');
      await mustSucceed(store.record(nth(2, { customer: alice, kind: 'credit_note' }), 1), 'record D2');
      await mustSucceed(store.record(nth(3, { customer: bob, currency: 'CHF' }), 1), 'record D3');
      await mustSucceed(store.record(nth(4, { customer: bob }), 1), 'record D4');
      const gross = (n: number): number => nth(n).totals.gross;
      expectEqual(
        await mustSucceed(store.summarize('A1', {}), 'summarize'),
        {
          count: 4,
          invoices: 3,
          creditNotes: 1,
          customers: 2,
          gross: [
            { currency: 'CHF', cents: gross(3) },
            { currency: 'EUR', cents: gross(1) + gross(2) + gross(4) },
          ],
        },
        'all',
      );
      await mustSucceed(store.markInQuickBooks('A1', 'D4', true), 'mark D4');
      expectEqual(
        await mustSucceed(store.summarize('A1', { inQuickBooks: false, createdFrom: T0 + 3 * DAY }), 'summarize'),
        { count: 1, invoices: 1, creditNotes: 0, customers: 1, gross: [{ currency: 'CHF', cents: gross(3) }] },
        'filtered',
      );
      expectEqual(
        await mustSucceed(store.summarize('A9', {}), 'summarize an empty account'),
        { count: 0, invoices: 0, creditNotes: 0, customers: 0, gross: [] },
        'empty',
      );
    },
  },
];
