// Probe of QBO-API.md §5 CreditMemo: a credit is applied to an invoice through a Payment with TotalAmt 0 whose lines
// link the Invoice and the CreditMemo; §1: a linked transaction cannot be deleted before it is unlinked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
let vat: string;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
  vat = await taxCodeId(gb, '20.0% S');
});
afterAll(async () => {
  await h.close();
});

const invoiceAndCredit = async (invoiceNet: number, creditNet: number) => {
  const customer = await newCustomer(gb);
  const invoice = await gb.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(invoiceNet, vat)] });
  const credit = await gb.create('creditmemo', { CustomerRef: { value: customer }, Line: [itemLine(creditNet, vat)] });
  return { customer, invoice, credit };
};

const zeroPayment = (customer: string, invoice: Json, credit: Json, amount: number): Json => ({
  CustomerRef: { value: customer },
  TotalAmt: 0,
  Line: [
    { Amount: amount, LinkedTxn: [{ TxnId: invoice['Id'], TxnType: 'Invoice' }] },
    { Amount: amount, LinkedTxn: [{ TxnId: credit['Id'], TxnType: 'CreditMemo' }] },
  ],
});

describe('§5 CreditMemo applied through a Payment', () => {
  it('§5 CreditMemo: a Payment with TotalAmt 0 links the credit memo to the invoice; Balance, RemainingCredit and LinkedTxn follow', async () => {
    const { customer, invoice, credit } = await invoiceAndCredit(100, 40); // 120.00 and 48.00 with VAT
    const payment = entityOf(await gb.api('POST', 'payment', zeroPayment(customer, invoice, credit, 48)), 'Payment');
    expect([payment['TotalAmt'], payment['UnappliedAmt']]).toEqual([0, 0]);
    const inv = entityOf(await gb.api('GET', `invoice/${String(invoice['Id'])}`), 'Invoice');
    expect([inv['TotalAmt'], inv['Balance'], inv['LinkedTxn']]).toEqual([120, 72, [{ TxnId: payment['Id'], TxnType: 'Payment' }]]);
    const cm = entityOf(await gb.api('GET', `creditmemo/${String(credit['Id'])}`), 'CreditMemo');
    expect([cm['Balance'], cm['RemainingCredit'], cm['LinkedTxn']]).toEqual([0, 0, [{ TxnId: payment['Id'], TxnType: 'Payment' }]]);
    expect(inv['SyncToken']).toBe('1');
  });

  it('§1 a linked invoice cannot be deleted before the payment is removed; deleting the payment reopens the balances', async () => {
    const { customer, invoice, credit } = await invoiceAndCredit(50, 10);
    const payment = entityOf(await gb.api('POST', 'payment', zeroPayment(customer, invoice, credit, 12)), 'Payment');
    const inv = entityOf(await gb.api('GET', `invoice/${String(invoice['Id'])}`), 'Invoice');
    expectFault(await gb.api('POST', 'invoice?operation=delete', { Id: inv['Id'], SyncToken: inv['SyncToken'] }), 400, '6000');
    const deleted = await gb.api('POST', 'payment?operation=delete', { Id: payment['Id'], SyncToken: payment['SyncToken'] });
    expect(entityOf(deleted, 'Payment')['status']).toBe('Deleted');
    const reopened = entityOf(await gb.api('GET', `invoice/${String(invoice['Id'])}`), 'Invoice');
    expect([reopened['Balance'], reopened['LinkedTxn']]).toEqual([60, []]);
    const again = await gb.api('POST', 'invoice?operation=delete', { Id: reopened['Id'], SyncToken: reopened['SyncToken'] });
    expect(entityOf(again, 'Invoice')['status']).toBe('Deleted');
  });

  it('§5 Payment: more than the open balance is refused; another customer’s transaction cannot be linked (620); unknown → 2500', async () => {
    const { customer, invoice, credit } = await invoiceAndCredit(10, 10);
    expectFault(await gb.api('POST', 'payment', zeroPayment(customer, invoice, credit, 12.01)), 400, '6000');
    const other = await newCustomer(gb);
    expectFault(await gb.api('POST', 'payment', zeroPayment(other, invoice, credit, 1)), 400, '620');
    const unknown = {
      ...zeroPayment(customer, invoice, credit, 1),
      Line: [{ Amount: 1, LinkedTxn: [{ TxnId: '99999', TxnType: 'Invoice' }] }],
    };
    expectFault(await gb.api('POST', 'payment', unknown), 400, '2500');
    expect(expectFault(await gb.api('POST', 'payment', { TotalAmt: 0 }), 400, '2020')['element']).toBe('CustomerRef');
  });

  it('§5 Payment with node-quickbooks (createPayment) applies the credit', async () => {
    const { customer, invoice, credit } = await invoiceAndCredit(30, 30);
    const qbo = gb.qbo() as unknown as { createPayment: (p: Json, cb: (e: unknown, d: Json) => void) => void };
    const created = await new Promise<Json>((resolve, reject) =>
      qbo.createPayment(zeroPayment(customer, invoice, credit, 36), (e, d) => (e ? reject(e as Error) : resolve(d))),
    );
    expect(created['TotalAmt']).toBe(0);
    expect(entityOf(await gb.api('GET', `invoice/${String(invoice['Id'])}`), 'Invoice')['Balance']).toBe(0);
  });

  it('§5 Preferences AutoApplyCredit (a company setting): the open credit is applied to the customer’s next invoice by a zero payment', async () => {
    const auto = await h.company('GB', { autoApplyCredit: true });
    const code = await taxCodeId(auto, '20.0% S');
    expect(((await auto.api('GET', 'preferences')).body['Preferences'] as Json)['SalesFormsPrefs']).toMatchObject({
      AutoApplyCredit: true,
    });
    const customer = await newCustomer(auto);
    const credit = await auto.create('creditmemo', { CustomerRef: { value: customer }, Line: [itemLine(10, code)] });
    const invoice = await auto.create('invoice', { CustomerRef: { value: customer }, Line: [itemLine(100, code)] });
    expect([invoice['TotalAmt'], invoice['Balance'], (invoice['LinkedTxn'] as Json[]).length]).toEqual([120, 108, 1]);
    const cm = entityOf(await auto.api('GET', `creditmemo/${String(credit['Id'])}`), 'CreditMemo');
    expect(cm['RemainingCredit']).toBe(0);
    const payments = (await auto.query('select * from Payment'))['Payment'] as Json[];
    expect(payments.map((p) => p['TotalAmt'])).toEqual([0]);
  });

  it('§1 CreditMemo void (UNCONFIRMED, a company setting): off → 500 Unsupported Operation; on → amounts 0, "Voided"', async () => {
    const customer = await newCustomer(gb);
    const credit = await gb.create('creditmemo', { CustomerRef: { value: customer }, Line: [itemLine(10, vat)] });
    expectFault(await gb.api('POST', 'creditmemo?operation=void', { Id: credit['Id'], SyncToken: credit['SyncToken'] }), 400, '500');
    await gb.settings({ creditMemoVoid: true });
    const voided = entityOf(
      await gb.api('POST', 'creditmemo?operation=void', { Id: credit['Id'], SyncToken: credit['SyncToken'] }),
      'CreditMemo',
    );
    expect([voided['TotalAmt'], voided['RemainingCredit'], voided['PrivateNote']]).toEqual([0, 0, 'Voided']);
    await gb.settings({ creditMemoVoid: false });
  });
});
