import type { QboFailure } from '../../errors/qbo-fault.js';
import type { QboCustomerPayload } from '../../mapping/customer-payload.js';
import { incomeAccountFor } from '../../mapping/item-payload.js';
import { taxCodeForRate } from '../../mapping/tax-code-for-rate.js';
import { MAX_BATCH_SIZE, type Accounting, type BatchEntry } from '../../ports/accounting.js';
import type { PdfFile } from '../../ports/document-files.js';
import type { QboId } from '../../qbo/company-profile.js';
import type { QboTransactionPayload } from '../../qbo/transaction-payload.js';
import { decimal } from '../../shared/decimal.js';
import { expectEqual, expectTrue, mustFail, mustSucceed, type ContractCase } from './contract-case.js';
import { asciiBytes } from '../fakes/ascii-bytes.js';

/**
 * The subject of the Accounting contract: a freshly connected QBO company with VAT set up (a tax code
 * for 20 %), an income account and custom transaction numbers, holding no customer, item or
 * transaction whose name starts with `prefix` (a real sandbox is shared: the prefix keeps runs apart).
 */
export interface AccountingSubject {
  readonly accounting: Accounting;
  readonly prefix: string;
}

const isFault = (failure: QboFailure, code: string): boolean => failure.kind === 'qbo.fault' && failure.errors.some((e) => e.code === code);

const pdf: PdfFile = { fileName: 'facture.pdf', contentType: 'application/pdf', bytes: asciiBytes('%PDF-1.4 contract') };

/** Creates a customer and a service item, and builds a 2 × 25.00 at 20 % invoice payload for them. */
const anInvoiceSetup = async ({ accounting, prefix }: AccountingSubject, docNumber: string): Promise<QboTransactionPayload> => {
  const profile = await mustSucceed(accounting.readProfile(), 'readProfile');
  const code = taxCodeForRate(profile.taxCodes, decimal(20));
  const income = incomeAccountFor(profile);
  if (code === undefined || income === undefined) throw new Error('the subject company needs a 20 % tax code and an income account');
  const { qboId: customerRef } = await mustSucceed(
    accounting.createCustomer({ displayName: `${prefix} Client ${docNumber}` }, `${prefix}c${docNumber}`),
    'createCustomer',
  );
  const itemRef = await mustSucceed(
    accounting.createServiceItem(
      { name: `${prefix} Ménage ${docNumber}`, type: 'Service', incomeAccountRef: income.id },
      `${prefix}i${docNumber}`,
    ),
    'createServiceItem',
  );
  return {
    type: 'Invoice',
    docNumber,
    customerRef,
    txnDate: '2024-01-15',
    currency: profile.homeCurrency,
    globalTaxCalculation: 'TaxExcluded',
    lines: [
      { kind: 'item', itemRef, description: 'Ménage', amount: 5000, qty: decimal(2), unitPrice: decimal(2500, 2), taxCodeRef: code.id },
    ],
    privateNote: `Ogustine:${prefix}-${docNumber}`,
  };
};

const numberFor = (prefix: string, n: string): string => `OG${prefix}${n}`.slice(0, 21);

/** What every `Accounting` must do. Each case gets a fresh subject (see `AccountingSubject`). */
export const accountingContract: readonly ContractCase<AccountingSubject>[] = [
  {
    name: 'reads a profile with the realm it was opened for',
    run: async ({ accounting }) => {
      const profile = await mustSucceed(accounting.readProfile(), 'readProfile');
      expectEqual(profile.realmId, accounting.realmId, 'realm of the profile');
    },
  },
  {
    name: 'creates a customer that is then found by its display name, and refuses a second one with that name (6240)',
    run: async ({ accounting, prefix }) => {
      const payload: QboCustomerPayload = { displayName: `${prefix} Jeanne Dupont (C1)`, givenName: 'Jeanne', familyName: 'Dupont' };
      const created = await mustSucceed(accounting.createCustomer(payload, `${prefix}-c1`), 'createCustomer');
      expectEqual(await mustSucceed(accounting.findCustomerByDisplayName(payload.displayName), 'find'), created, 'found id and SyncToken');
      expectEqual(await mustSucceed(accounting.findCustomerByDisplayName(`${prefix} Nobody`), 'find'), null, 'unknown name');
      const failure = await mustFail(accounting.createCustomer(payload, `${prefix}-c2`), 'create a homonym');
      expectTrue(isFault(failure, '6240'), `expected fault 6240, got ${JSON.stringify(failure)}`);
    },
  },
  {
    name: 'creates a service item that is then found by its name',
    run: async ({ accounting, prefix }) => {
      const income = incomeAccountFor(await mustSucceed(accounting.readProfile(), 'readProfile'));
      if (income === undefined) throw new Error('the subject company needs an income account');
      const name = `${prefix} Repassage`;
      const id: QboId = await mustSucceed(
        accounting.createServiceItem({ name, type: 'Service', incomeAccountRef: income.id }, `${prefix}-i1`),
        'create',
      );
      expectEqual(await mustSucceed(accounting.findItemByName(name), 'find'), id, 'found id');
    },
  },
  {
    name: 'posts an invoice, reads its total back, and finds it by its number',
    run: async (subject) => {
      const docNumber = numberFor(subject.prefix, 'A');
      const payload = await anInvoiceSetup(subject, docNumber);
      const posted = await mustSucceed(subject.accounting.postTransaction(payload, `${subject.prefix}-t1`), 'post');
      expectEqual([posted.type, posted.docNumber, posted.totalAmount], ['Invoice', docNumber, 6000], 'posted transaction');
      expectEqual(
        await mustSucceed(subject.accounting.findTransactionByDocNumber('Invoice', docNumber), 'find'),
        { ...posted, customerRef: payload.customerRef, privateNote: payload.privateNote, balance: 6000 },
        'found transaction, with its proof (customer, PrivateNote) and its balance',
      );
      expectEqual(
        await mustSucceed(subject.accounting.findTransactionByDocNumber('Invoice', numberFor(subject.prefix, 'never-posted')), 'find'),
        null,
        'unknown number',
      );
    },
  },
  {
    name: 'refuses a second transaction with the same number (6140)',
    run: async (subject) => {
      const payload = await anInvoiceSetup(subject, numberFor(subject.prefix, 'B'));
      await mustSucceed(subject.accounting.postTransaction(payload, `${subject.prefix}-t2`), 'post');
      const failure = await mustFail(subject.accounting.postTransaction(payload, `${subject.prefix}-t3`), 'post the same number again');
      expectTrue(isFault(failure, '6140'), `expected fault 6140, got ${JSON.stringify(failure)}`);
    },
  },
  {
    name: 'attaches a PDF to a posted transaction, and finds it among the transaction attachables by its file name',
    run: async (subject) => {
      const payload = await anInvoiceSetup(subject, numberFor(subject.prefix, 'C'));
      const posted = await mustSucceed(subject.accounting.postTransaction(payload, `${subject.prefix}-t4`), 'post');
      const target = { type: 'Invoice' as const, qboId: posted.qboId };
      expectEqual(await mustSucceed(subject.accounting.findAttachment(target, pdf.fileName), 'find before'), null, 'nothing attached yet');
      const attachableId = await mustSucceed(subject.accounting.attachPdf(target, pdf, `${subject.prefix}-a1`), 'attach');
      expectTrue(attachableId.length > 0, 'an attachable id');
      expectEqual(await mustSucceed(subject.accounting.findAttachment(target, pdf.fileName), 'find'), attachableId, 'the attachable found');
      expectEqual(
        await mustSucceed(subject.accounting.findAttachment(target, `other-${pdf.fileName}`), 'find other'),
        null,
        'another name',
      );
    },
  },
  {
    name: 'posts a batch with an outcome per entry, and refuses more than 30 entries',
    run: async (subject) => {
      const good = await anInvoiceSetup(subject, numberFor(subject.prefix, 'D'));
      const entries: BatchEntry[] = [
        { batchId: 'b1', payload: good },
        { batchId: 'b2', payload: { ...good, docNumber: numberFor(subject.prefix, 'E'), customerRef: '999999999' } },
      ];
      const outcomes = await mustSucceed(subject.accounting.postTransactions(entries, `${subject.prefix}-b1`), 'batch');
      const byId = new Map(outcomes.map((o) => [o.batchId, o.kind]));
      expectEqual([byId.get('b1'), byId.get('b2')], ['posted', 'failed'], 'outcomes by batch id');
      const tooMany = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => ({ batchId: `x${i}`, payload: good }));
      const failure = await mustFail(subject.accounting.postTransactions(tooMany, `${subject.prefix}-b2`), 'oversized batch');
      expectTrue(isFault(failure, '1040'), `expected fault 1040, got ${JSON.stringify(failure)}`);
    },
  },
  {
    name: 'a batch sent again with the same requestid is answered the first answer and creates nothing twice',
    run: async (subject) => {
      const good = await anInvoiceSetup(subject, numberFor(subject.prefix, 'R'));
      const entries: BatchEntry[] = [{ batchId: 'b1', payload: good }];
      const first = await mustSucceed(subject.accounting.postTransactions(entries, `${subject.prefix}-br`), 'batch');
      const again = await mustSucceed(subject.accounting.postTransactions(entries, `${subject.prefix}-br`), 'same batch, same requestid');
      expectEqual(again, first, 'the replayed answer');
      const found = await mustSucceed(subject.accounting.findTransactionByDocNumber('Invoice', good.docNumber), 'look-up');
      expectEqual(found?.qboId, first[0]?.kind === 'posted' ? first[0].transaction.qboId : undefined, 'one transaction, the first');
    },
  },
  {
    name: 'creates customers and Service items in one batch, each on its own: a name already taken fails (6240), the others are created',
    run: async ({ accounting, prefix }) => {
      const profile = await mustSucceed(accounting.readProfile(), 'readProfile');
      const income = incomeAccountFor(profile);
      if (income === undefined) throw new Error('the subject company needs an income account');
      const taken = `${prefix} Taken (N0)`;
      await mustSucceed(accounting.createCustomer({ displayName: taken }, `${prefix}-n0`), 'createCustomer');
      const outcomes = await mustSucceed(
        accounting.createCustomersAndItems(
          [
            { batchId: 'c1', kind: 'customer', payload: { displayName: `${prefix} Paul Martin (N1)` } },
            { batchId: 'c2', kind: 'customer', payload: { displayName: taken } },
            { batchId: 's1', kind: 'service', payload: { name: `${prefix} Repassage (N1)`, type: 'Service', incomeAccountRef: income.id } },
          ],
          `${prefix}-n1`,
        ),
        'batch of names',
      );
      const byId = new Map(outcomes.map((o) => [o.batchId, o]));
      const c1 = byId.get('c1');
      const c2 = byId.get('c2');
      const s1 = byId.get('s1');
      expectTrue(c1?.kind === 'created' && s1?.kind === 'created', `created: ${JSON.stringify(outcomes)}`);
      expectTrue(c2?.kind === 'failed' && isFault(c2.failure, '6240'), `expected fault 6240, got ${JSON.stringify(c2)}`);
      const found = await mustSucceed(accounting.findCustomerByDisplayName(`${prefix} Paul Martin (N1)`), 'find');
      expectEqual(found?.qboId, c1?.kind === 'created' ? c1.ref.qboId : undefined, 'the customer created');
      expectEqual(
        await mustSucceed(accounting.findItemByName(`${prefix} Repassage (N1)`), 'find item'),
        s1?.kind === 'created' ? s1.ref.qboId : undefined,
        'the item created',
      );
    },
  },
  {
    name: 'updates a customer sparsely with its SyncToken, keeping what the update leaves out; a stale SyncToken is refused (5010)',
    run: async ({ accounting, prefix }) => {
      const first: QboCustomerPayload = { displayName: `${prefix} Jeanne Dupont (U1)`, email: 'jeanne@example.fr', phone: '0102030405' };
      const created = await mustSucceed(accounting.createCustomer(first, `${prefix}-u1`), 'createCustomer');
      expectEqual(await mustSucceed(accounting.readCustomer(created.qboId), 'readCustomer'), created, 'read back');
      const renamed: QboCustomerPayload = { displayName: `${prefix} Jeanne Martin (U1)`, email: 'jeanne.martin@example.fr' };
      const updated = await mustSucceed(accounting.updateCustomer(created, renamed, `${prefix}-u2`), 'updateCustomer');
      expectEqual(updated.qboId, created.qboId, 'same customer');
      expectTrue(updated.syncToken !== created.syncToken, 'the SyncToken moves on with the update');
      expectEqual(await mustSucceed(accounting.findCustomerByDisplayName(renamed.displayName), 'find by the new name'), updated, 'renamed');
      expectEqual(
        await mustSucceed(accounting.findCustomerByDisplayName(first.displayName), 'find by the old name'),
        null,
        'old name gone',
      );
      const stale = await mustFail(
        accounting.updateCustomer(created, { displayName: `${prefix} Jeanne Stale (U1)` }, `${prefix}-u3`),
        'update with the old SyncToken',
      );
      expectTrue(isFault(stale, '5010'), `expected fault 5010, got ${JSON.stringify(stale)}`);
      expectEqual(await mustSucceed(accounting.readCustomer(created.qboId), 'readCustomer'), updated, 'the current SyncToken');
    },
  },
  {
    name: 'reads a transaction by id with its proof and balance, and nothing for an id QBO does not hold',
    run: async (subject) => {
      const payload = await anInvoiceSetup(subject, numberFor(subject.prefix, 'F'));
      const posted = await mustSucceed(subject.accounting.postTransaction(payload, `${subject.prefix}-t5`), 'post');
      expectEqual(
        await mustSucceed(subject.accounting.readTransaction({ type: 'Invoice', qboId: posted.qboId }), 'read'),
        { ...posted, customerRef: payload.customerRef, privateNote: payload.privateNote, balance: posted.totalAmount },
        'read back',
      );
      expectEqual(
        await mustSucceed(subject.accounting.readTransaction({ type: 'Invoice', qboId: '987654321' }), 'read an unknown id'),
        null,
        'unknown id',
      );
    },
  },
  {
    name: 'applies a credit memo to its invoice (a Payment of 0 linking both): the balance and the remaining credit drop; too much is refused',
    run: async (subject) => {
      const invoicePayload = await anInvoiceSetup(subject, numberFor(subject.prefix, 'G'));
      const invoice = await mustSucceed(subject.accounting.postTransaction(invoicePayload, `${subject.prefix}-t6`), 'post the invoice');
      const creditPayload: QboTransactionPayload = {
        ...invoicePayload,
        type: 'CreditMemo',
        docNumber: numberFor(subject.prefix, 'H'),
        lines: invoicePayload.lines.map((l) => (l.kind === 'item' ? { ...l, qty: decimal(1), amount: 2500 } : l)),
      };
      const credit = await mustSucceed(subject.accounting.postTransaction(creditPayload, `${subject.prefix}-t7`), 'post the credit memo');
      expectEqual(credit.totalAmount, 3000, 'credit memo total');
      const tooMuch = await mustFail(
        subject.accounting.applyCredit(
          {
            customerRef: invoicePayload.customerRef,
            invoiceId: invoice.qboId,
            creditMemoId: credit.qboId,
            amount: 3001,
            txnDate: '2024-01-16',
          },
          `${subject.prefix}-p1`,
        ),
        'apply more than the credit',
      );
      expectTrue(isFault(tooMuch, '6000'), `expected fault 6000, got ${JSON.stringify(tooMuch)}`);
      const paymentId = await mustSucceed(
        subject.accounting.applyCredit(
          {
            customerRef: invoicePayload.customerRef,
            invoiceId: invoice.qboId,
            creditMemoId: credit.qboId,
            amount: 3000,
            txnDate: '2024-01-16',
          },
          `${subject.prefix}-p2`,
        ),
        'apply the credit',
      );
      expectTrue(paymentId.length > 0, 'a payment id');
      const invoiceNow = await mustSucceed(
        subject.accounting.readTransaction({ type: 'Invoice', qboId: invoice.qboId }),
        'read the invoice',
      );
      const creditNow = await mustSucceed(
        subject.accounting.readTransaction({ type: 'CreditMemo', qboId: credit.qboId }),
        'read the credit',
      );
      expectEqual([invoiceNow?.balance, creditNow?.balance], [3000, 0], 'invoice balance and remaining credit');
    },
  },
  {
    name: 'applies credit memos in one batch of Payments, each on its own: too much is refused (6000), the others land; the same requestid replays the answer',
    run: async (subject) => {
      const { accounting, prefix } = subject;
      const invoicePayload = await anInvoiceSetup(subject, numberFor(prefix, 'J'));
      const invoice = await mustSucceed(accounting.postTransaction(invoicePayload, `${prefix}-t8`), 'post the invoice');
      const creditOf = (n: string): QboTransactionPayload => ({
        ...invoicePayload,
        type: 'CreditMemo',
        docNumber: numberFor(prefix, n),
        lines: invoicePayload.lines.map((l) => (l.kind === 'item' ? { ...l, qty: decimal(1), amount: 2500 } : l)),
      });
      const k = await mustSucceed(accounting.postTransaction(creditOf('K'), `${prefix}-t9`), 'post credit memo K');
      const l = await mustSucceed(accounting.postTransaction(creditOf('L'), `${prefix}-t10`), 'post credit memo L');
      const application = { customerRef: invoicePayload.customerRef, invoiceId: invoice.qboId, txnDate: '2024-01-16' };
      const whole = { ...application, creditMemoId: k.qboId, amount: 3000 };
      const entries = [
        { batchId: 'p1', application: whole },
        { batchId: 'p2', application: { ...application, creditMemoId: l.qboId, amount: 3001 } },
      ];
      const outcomes = await mustSucceed(accounting.applyCredits(entries, `${prefix}-pb1`), 'batch of Payments');
      const byId = new Map(outcomes.map((o) => [o.batchId, o]));
      const p1 = byId.get('p1');
      const p2 = byId.get('p2');
      expectTrue(p1?.kind === 'applied' && p1.paymentId.length > 0, `applied: ${JSON.stringify(outcomes)}`);
      expectTrue(p2?.kind === 'failed' && isFault(p2.failure, '6000'), `expected fault 6000, got ${JSON.stringify(p2)}`);
      const again = await mustSucceed(accounting.applyCredits(entries, `${prefix}-pb1`), 'same batch, same requestid');
      // The replay's own intuit_tid differs: the Payment and the refusal are what must come back.
      const summary = (os: typeof outcomes): string[] =>
        [...os].sort((a, b) => a.batchId.localeCompare(b.batchId)).map((o) => (o.kind === 'applied' ? o.paymentId : o.kind));
      expectEqual(summary(again), summary(outcomes), 'the replayed answer');
      const balances = await Promise.all(
        [
          { type: 'Invoice' as const, qboId: invoice.qboId },
          { type: 'CreditMemo' as const, qboId: k.qboId },
          { type: 'CreditMemo' as const, qboId: l.qboId },
        ].map(async (t) => (await mustSucceed(accounting.readTransaction(t), `read ${t.type} ${t.qboId}`))?.balance),
      );
      expectEqual(balances, [3000, 0, 3000], 'invoice balance and remaining credits: applied once, the refused one untouched');
      const tooMany = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => ({ batchId: `x${i}`, application: whole }));
      const failure = await mustFail(accounting.applyCredits(tooMany, `${prefix}-pb2`), 'oversized batch');
      expectTrue(isFault(failure, '1040'), `expected fault 1040, got ${JSON.stringify(failure)}`);
    },
  },
];
