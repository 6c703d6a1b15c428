import { describe, expect, it } from 'vitest';
import { decimal } from '../../shared/decimal.js';
import type { QboTransactionPayload } from '../../qbo/transaction-payload.js';
import { aCompanyProfile } from '../builders/company-profile.js';
import { InMemoryAccounting } from './in-memory-accounting.js';

const setUp = async (): Promise<{ qbo: InMemoryAccounting; payload: QboTransactionPayload }> => {
  const qbo = new InMemoryAccounting(aCompanyProfile());
  const customerRef = (await qbo.createCustomer({ displayName: 'Jeanne Dupont' }, 'r-c'))._unsafeUnwrap().qboId;
  const itemRef = (await qbo.createServiceItem({ name: 'Ménage', type: 'Service', incomeAccountRef: '79' }, 'r-i'))._unsafeUnwrap();
  const code = aCompanyProfile().taxCodes.find((c) => c.salesRates.some((r) => r.ratePercent.units === 20n && r.ratePercent.scale === 0));
  if (code === undefined) throw new Error('the builder profile has a 20 % code');
  const payload: QboTransactionPayload = {
    type: 'Invoice',
    docNumber: 'OGUSTINE_2024-01-15',
    customerRef,
    txnDate: '2024-01-15',
    currency: 'EUR',
    globalTaxCalculation: 'TaxExcluded',
    lines: [
      { kind: 'item', itemRef, description: 'Ménage', amount: 5000, qty: decimal(2), unitPrice: decimal(2500, 2), taxCodeRef: code.id },
    ],
    privateNote: '',
  };
  return { qbo, payload };
};

describe('InMemoryAccounting', () => {
  it('commitThenLose writes the transaction but answers with a timeout', async () => {
    const { qbo, payload } = await setUp();
    qbo.commitThenLose();
    expect((await qbo.postTransaction(payload, 'r-1'))._unsafeUnwrapErr()).toEqual({ kind: 'qbo.timeout' });
    expect(qbo.transactionsNumbered(payload.docNumber)).toHaveLength(1);
  });

  it('replays the success of a requestid without writing again, even after the transaction was deleted', async () => {
    const { qbo, payload } = await setUp();
    const first = (await qbo.postTransaction(payload, 'r-1'))._unsafeUnwrap();
    expect((await qbo.postTransaction(payload, 'r-1'))._unsafeUnwrap()).toEqual(first);
    qbo.deleteTransaction(first.qboId);
    expect((await qbo.postTransaction(payload, 'r-1'))._unsafeUnwrap()).toEqual(first);
    expect(qbo.allTransactions()).toHaveLength(0);
  });

  it('throttled and failed calls do nothing', async () => {
    const { qbo, payload } = await setUp();
    qbo.throttleNext();
    qbo.failNext({ kind: 'qbo.unavailable', status: 503 });
    expect((await qbo.postTransaction(payload, 'r-1'))._unsafeUnwrapErr()).toEqual({ kind: 'qbo.throttled' });
    expect((await qbo.postTransaction(payload, 'r-2'))._unsafeUnwrapErr()).toEqual({ kind: 'qbo.unavailable', status: 503 });
    expect(qbo.allTransactions()).toHaveLength(0);
  });

  it('refuses a customer named like a vendor or an employee (6240), whatever the case', async () => {
    const { qbo } = await setUp();
    qbo.addVendorOrEmployee('Paul Martin');
    const failure = (await qbo.createCustomer({ displayName: 'paul martin' }, 'r-x'))._unsafeUnwrapErr();
    expect(failure).toMatchObject({ kind: 'qbo.fault', errors: [{ code: '6240' }] });
  });

  it('refuses a discount while discounts are off, and totals with the QBO model once on', async () => {
    const { qbo, payload } = await setUp();
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: false }));
    const discounted: QboTransactionPayload = {
      ...payload,
      lines: payload.lines.map((l) => (l.kind === 'item' ? { ...l, discountAmount: 500 } : l)),
    };
    expect((await qbo.postTransaction(discounted, 'r-1'))._unsafeUnwrapErr()).toMatchObject({ errors: [{ code: '6000' }] });
    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    expect((await qbo.postTransaction(discounted, 'r-2'))._unsafeUnwrap().totalAmount).toBe(5400);
  });
});
