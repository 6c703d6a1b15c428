import type { AccountId, DocumentId, OgustineDocument } from '../../documents/document.js';
import { toDocumentWire } from '../../documents/document-wire.js';
import type {
  BillingAccount,
  BillingCore,
  BillingCoreError,
  BillingNotFound,
  ValidatedDocumentsPage,
  ValidatedDocumentsRequest,
} from '../../ports/billing-core.js';
import type { Instant } from '../../shared/time.js';
import { aCreditNote, aDocument } from '../builders/document.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';

/** What the billing core is told to hold before a case. */
export interface BillingCoreSetup {
  readonly account: BillingAccount;
  /** Validated documents as the core sends them (wire JSON, possibly unreadable), in validation order; appended to what the account has. */
  readonly documents: readonly unknown[];
  /** Documents of this setup that have no PDF. */
  readonly withoutPdf?: readonly DocumentId[];
}

/** The subject of the BillingCore contract: a core that knows no account, and a way to give it some. */
export interface BillingCoreSubject {
  readonly core: BillingCore;
  readonly given: (setup: BillingCoreSetup) => Promise<void>;
}

const paris = (accountId: AccountId): BillingAccount => ({ accountId, timeZone: 'Europe/Paris', locale: 'fr-FR' });

const HOUR = 3_600_000;
const JAN_2027 = Date.UTC(2027, 0, 4, 9);

/** The n-th invoice of an account, created and validated n hours after 4 January 2027, 10:00 in Paris. */
const nth = (accountId: AccountId, n: number, overrides: Partial<OgustineDocument> = {}): OgustineDocument =>
  aDocument({
    id: `${accountId}-D${n}`,
    accountId,
    number: `2027-${String(n).padStart(4, '0')}`,
    createdAt: JAN_2027 + n * HOUR,
    validatedAt: JAN_2027 + n * HOUR + 60_000,
    issuedOn: '2027-01-04',
    dueOn: '2027-02-03',
    ...overrides,
  });

const createdAt = (accountId: AccountId, id: string, at: Instant): OgustineDocument =>
  aDocument({ id, accountId, number: id, createdAt: at, validatedAt: at + HOUR, issuedOn: '2026-12-31', dueOn: '2027-01-31' });

const from = (createdFrom: string, cursor: string | null = null, pageSize?: number): ValidatedDocumentsRequest => ({
  createdFrom,
  cursor,
  ...(pageSize === undefined ? {} : { pageSize }),
});

/** Every page from the first, concatenated; fails beyond `maxPages` (a cursor that never ends). */
const readAll = async (
  core: BillingCore,
  accountId: AccountId,
  request: ValidatedDocumentsRequest,
  maxPages = 20,
): Promise<ValidatedDocumentsPage[]> => {
  const pages: ValidatedDocumentsPage[] = [];
  let cursor = request.cursor;
  do {
    const page = await mustSucceed(core.listValidatedDocuments(accountId, { ...request, cursor }), `page ${pages.length + 1}`);
    pages.push(page);
    cursor = page.nextCursor;
    expectTrue(pages.length <= maxPages, `more than ${maxPages} pages: the cursor never ends`);
  } while (cursor !== null);
  return pages;
};

const notFound = (what: BillingNotFound): BillingCoreError => ({ kind: 'billing.not-found', what });

/** What every `BillingCore` must do. Each case gets a subject that knows no account. */
export const billingCoreContract: readonly ContractCase<BillingCoreSubject>[] = [
  {
    name: "tells an account's time zone and locale",
    run: async ({ core, given }) => {
      await given({ account: { accountId: 'A1', timeZone: 'Indian/Reunion', locale: 'fr-RE' }, documents: [] });
      expectEqual(
        await mustSucceed(core.getAccount('A1'), 'getAccount'),
        { accountId: 'A1', timeZone: 'Indian/Reunion', locale: 'fr-RE' },
        'account',
      );
    },
  },
  {
    name: 'an unknown account is not found, whatever is asked of it',
    run: async ({ core, given }) => {
      await given({ account: paris('A1'), documents: [toDocumentWire(nth('A1', 1))] });
      expectEqual(await mustFail(core.getAccount('A404'), 'getAccount'), notFound('account'), 'getAccount');
      expectEqual(await mustFail(core.listValidatedDocuments('A404', from('2020-01-01')), 'list'), notFound('account'), 'list');
      expectEqual(await mustFail(core.fetchDocumentPdf('A404', 'A1-D1'), 'pdf'), notFound('account'), 'pdf');
    },
  },
  {
    name: 'lists validated invoices and credit notes in validation order, each as it was validated',
    run: async ({ core, given }) => {
      const invoice = nth('A1', 1, { memo: 'Merci de régler par virement.' });
      const credit = aCreditNote({ ...nth('A1', 2), kind: 'credit_note', correctsInvoiceId: invoice.id });
      const third = nth('A1', 3, { pricesIncludeTax: true });
      await given({ account: paris('A1'), documents: [invoice, credit, third].map(toDocumentWire) });
      const page = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01')), 'list');
      expectEqual(page, { documents: [invoice, credit, third], unreadable: [], nextCursor: null }, 'page');
    },
  },
  {
    name: "counts a document from its creation day in the account's own time zone",
    run: async ({ core, given }) => {
      // 23:59 on 31 December in Paris is 22:59 UTC; midnight in Réunion (UTC+4) is 20:00 UTC.
      const parisLate = createdAt('A1', 'P-LATE', Date.UTC(2026, 11, 31, 22, 59));
      const parisNewYear = createdAt('A1', 'P-NEW', Date.UTC(2026, 11, 31, 23, 0));
      const reunionLate = createdAt('A2', 'R-LATE', Date.UTC(2026, 11, 31, 19, 59));
      const reunionNewYear = createdAt('A2', 'R-NEW', Date.UTC(2026, 11, 31, 20, 0));
      await given({ account: paris('A1'), documents: [parisLate, parisNewYear].map(toDocumentWire) });
      await given({
        account: { accountId: 'A2', timeZone: 'Indian/Reunion', locale: 'fr-RE' },
        documents: [reunionLate, reunionNewYear].map(toDocumentWire),
      });
      const ids = async (accountId: AccountId, day: string) =>
        (await mustSucceed(core.listValidatedDocuments(accountId, from(day)), `list ${accountId}`)).documents.map((d) => d.id);
      expectEqual(await ids('A1', '2027-01-01'), ['P-NEW'], 'Paris from 1 January');
      expectEqual(await ids('A1', '2026-12-31'), ['P-LATE', 'P-NEW'], 'Paris from 31 December');
      expectEqual(await ids('A2', '2027-01-01'), ['R-NEW'], 'Réunion from 1 January');
      expectEqual(await ids('A1', '2027-01-02'), [], 'Paris from 2 January');
    },
  },
  {
    name: 'follows pages by cursor to the last one: every document once, in order, the last page has no cursor',
    run: async ({ core, given }) => {
      const docs = [1, 2, 3, 4, 5].map((n) => nth('A1', n));
      await given({ account: paris('A1'), documents: docs.map(toDocumentWire) });
      const pages = await readAll(core, 'A1', from('2027-01-01', null, 2));
      expectEqual(
        pages.map((p) => p.documents.map((d) => d.id)),
        [['A1-D1', 'A1-D2'], ['A1-D3', 'A1-D4'], ['A1-D5']],
        'pages of two',
      );
      expectEqual(
        (await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', null, 500)), 'one page')).documents,
        docs,
        'one page',
      );
    },
  },
  {
    name: 'a page read again from the same cursor is the same page, so an import resumes where it stopped',
    run: async ({ core, given }) => {
      await given({ account: paris('A1'), documents: [1, 2, 3].map((n) => toDocumentWire(nth('A1', n))) });
      const first = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', null, 1)), 'first page');
      const second = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', first.nextCursor, 1)), 'second page');
      const again = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', first.nextCursor, 1)), 'second page again');
      expectEqual(again, second, 'the same page');
      expectEqual(
        second.documents.map((d) => d.id),
        ['A1-D2'],
        'second page',
      );
    },
  },
  {
    name: 'documents validated after a cursor was given are found from that cursor',
    run: async ({ core, given }) => {
      await given({ account: paris('A1'), documents: [1, 2, 3].map((n) => toDocumentWire(nth('A1', n))) });
      const first = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', null, 2)), 'first page');
      await given({ account: paris('A1'), documents: [toDocumentWire(nth('A1', 4))] });
      const rest = await readAll(core, 'A1', from('2027-01-01', first.nextCursor, 2));
      expectEqual(
        rest.flatMap((p) => p.documents.map((d) => d.id)),
        ['A1-D3', 'A1-D4'],
        'rest',
      );
    },
  },
  {
    name: 'reports a document it cannot read, with its id and issues, and serves the rest of the page',
    run: async ({ core, given }) => {
      const broken = { ...toDocumentWire(nth('A1', 2)), totals: { netCents: 1, grossCents: 1, vat: [] } };
      await given({ account: paris('A1'), documents: [toDocumentWire(nth('A1', 1)), broken, toDocumentWire(nth('A1', 3))] });
      const page = await mustSucceed(core.listValidatedDocuments('A1', from('2027-01-01', null, 3)), 'list');
      expectEqual(
        page.documents.map((d) => d.id),
        ['A1-D1', 'A1-D3'],
        'readable documents',
      );
      expectEqual(
        page.unreadable.map((u) => u.documentId),
        ['A1-D2'],
        'unreadable document',
      );
      expectTrue(
        page.unreadable[0]?.issues.some((i) => i.path.startsWith('totals') || i.path.startsWith('lines')) === true,
        `the issues name the totals: ${JSON.stringify(page.unreadable)}`,
      );
      expectEqual(page.nextCursor, null, 'cursor');
    },
  },
  {
    name: "keeps accounts apart: one account never lists or fetches another's documents",
    run: async ({ core, given }) => {
      await given({ account: paris('A1'), documents: [toDocumentWire(nth('A1', 1))] });
      await given({ account: paris('A2'), documents: [toDocumentWire(nth('A2', 1))] });
      const page = await mustSucceed(core.listValidatedDocuments('A2', from('2020-01-01')), 'list A2');
      expectEqual(
        page.documents.map((d) => d.id),
        ['A2-D1'],
        'A2 lists its own only',
      );
      expectEqual(await mustFail(core.fetchDocumentPdf('A2', 'A1-D1'), 'pdf'), notFound('document'), "A1's PDF through A2");
    },
  },
  {
    name: 'serves the PDF of a document; an unknown document and a missing PDF are not found, each said',
    run: async ({ core, given }) => {
      await given({ account: paris('A1'), documents: [1, 2].map((n) => toDocumentWire(nth('A1', n))), withoutPdf: ['A1-D2'] });
      const file = await mustSucceed(core.fetchDocumentPdf('A1', 'A1-D1'), 'pdf');
      expectEqual(file.contentType, 'application/pdf', 'content type');
      expectTrue(file.fileName.endsWith('.pdf') && file.fileName.length > 4, `file name ${file.fileName}`);
      expectEqual([...file.bytes.slice(0, 5)], [0x25, 0x50, 0x44, 0x46, 0x2d], 'the bytes start with %PDF-');
      expectEqual(await mustFail(core.fetchDocumentPdf('A1', 'A1-D2'), 'no pdf'), notFound('pdf'), 'a document without its PDF');
      expectEqual(await mustFail(core.fetchDocumentPdf('A1', 'A1-D9'), 'unknown'), notFound('document'), 'an unknown document');
    },
  },
];
