import { describe, expect, it, vi } from 'vitest';
import { errAsync } from 'neverthrow';
import type { OgustineDocument } from '../../documents/document.js';
import type { QboFailure } from '../../errors/qbo-fault.js';
import { aCreditNote } from '../../testing/builders/document.js';
import { invoice, launchedModule, receive } from '../../testing/builders/journey-fixtures.js';
import { IN_FLIGHT_WINDOW_MS } from '../../sync/write-protocol.js';
import { INVOICE_AWAITED_MS, INVOICE_LOOK_AGAIN_MS } from '../../policy/corrected-invoice.js';

const launched = launchedModule;

/** A credit note D<n> correcting invoice D<of>, created the day after it. */
const creditNote = (n: number, of: number, over: Partial<OgustineDocument> = {}): OgustineDocument => {
  const createdAt = Date.UTC(2024, 0, n, 9);
  return aCreditNote({
    id: `D${n}`,
    number: `2024-01-${String(n).padStart(2, '0')}-A`,
    correctsInvoiceId: `D${of}`,
    createdAt,
    validatedAt: createdAt,
    ...over,
  });
};

const refused: QboFailure = {
  kind: 'qbo.fault',
  status: 400,
  faultType: 'ValidationFault',
  errors: [{ code: '6000', message: 'Business Validation Error', detail: 'Business Validation Error: refused' }],
};

describe('rule 6: a credit note names, waits for, and settles its invoice', () => {
  it('its memo names the invoice, and it is applied to it (a Payment of 0), so QBO never puts the credit on another invoice', async () => {
    const { m, qbo } = await launched();
    qbo.setAutoApplyCredit(true);
    await receive(m, invoice(1));
    await receive(m, creditNote(2, 1));
    await m.drain();
    const [inv] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(note?.payload.customerMemo).toBe('Avoir sur facture n° 2024-01-01');
    const applications = qbo.creditApplicationsOf(note?.qboId ?? '');
    expect(applications).toEqual([expect.objectContaining({ invoiceId: inv?.qboId, amount: note?.totalAmount, automatic: false })]);
    expect(qbo.transaction(note?.qboId ?? '')?.balance).toBe(0);
    // A later invoice of the same customer gets none of that credit.
    await receive(m, invoice(3));
    await m.drain();
    const [later] = qbo.transactionsNumbered('OGUSTINE_2024-01-03');
    expect(qbo.creditApplicationsOf(later?.qboId ?? '')).toEqual([]);
  });

  it("its event before its invoice's: it waits a moment for the invoice, then goes right after it and is applied to it", async () => {
    const { m, qbo } = await launched();
    await receive(m, creditNote(2, 1, { validatedAt: m.clock.now() }));
    expect(await m.drain(1)).toEqual([{ kind: 'postponed', why: 'invoice-awaited', retryAt: m.clock.now() + INVOICE_LOOK_AGAIN_MS }]);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02-A')).toEqual([]);
    await receive(m, invoice(1));
    await m.drain();
    const [inv] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(note?.payload.customerMemo).toBe('Avoir sur facture n° 2024-01-01');
    expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toEqual([expect.objectContaining({ invoiceId: inv?.qboId })]);
  });

  it('an invoice that never reaches the module: the note waits for it a while, then goes alone', async () => {
    const { m, qbo } = await launched();
    const validatedAt = m.clock.now();
    await receive(m, creditNote(4, 3, { validatedAt }));
    await m.drain();
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-04-A')).toHaveLength(1);
    expect(m.clock.now()).toBeGreaterThanOrEqual(validatedAt + INVOICE_AWAITED_MS);
    expect(m.queue.jobs()).toEqual([]);
  });

  it('just attached, it is applied without reading a balance: the Payment is its one request after the PDF', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    await m.drain();
    const reads = vi.spyOn(qbo, 'readTransaction');
    await receive(m, creditNote(2, 1));
    const outcomes = await m.drain();
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(outcomes.at(-1)).toMatchObject({ kind: 'synced', credit: { kind: 'applied', amount: note?.totalAmount, rest: 0 } });
    expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toHaveLength(1);
    expect(reads).not.toHaveBeenCalled();
  });

  it('held while its invoice failed, with that reason; sent and applied right after the invoice once it is resent', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    qbo.failNext(refused);
    const first = await m.drain();
    expect(first).toEqual([expect.objectContaining({ kind: 'failed' })]);
    await receive(m, creditNote(2, 1));
    const held = await m.drain();
    expect(held).toEqual([{ kind: 'held', reason: { kind: 'hold.invoice-not-sent', invoiceNumber: '2024-01-01', failed: true } }]);
    expect(qbo.transactionsNumbered('OGUSTINE_2024-01-02-A')).toEqual([]);

    // The user relaunches the invoice alone: its credit note follows it.
    (await m.resyncMany.run('A1', { kind: 'documents', documentIds: ['D1'] }))._unsafeUnwrap();
    const outcomes = await m.drain();
    expect(outcomes.map((o) => o.kind)).toEqual(['synced', 'synced']);
    const [inv] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toEqual([expect.objectContaining({ invoiceId: inv?.qboId })]);
  });

  it('goes alone when its invoice is before the sync-from day, and says so', async () => {
    const { m, qbo } = await launched();
    // The account syncs from 2024-01-01 (the fixtures' day): an invoice of December is outside the sync.
    await receive(m, invoice(0, { id: 'D0', number: '2023-12-31', createdAt: Date.UTC(2023, 11, 31, 9) }));
    await receive(m, creditNote(2, 0));
    const outcomes = await m.drain();
    expect(outcomes).toContainEqual(
      expect.objectContaining({ kind: 'synced', credit: { kind: 'alone', why: 'outside-sync', invoiceNumber: '2023-12-31' } }),
    );
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(note?.payload.customerMemo).toBe('Avoir sur facture n° 2023-12-31');
    expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toEqual([]);
  });

  it('a lost answer on the Payment never makes a second Payment: the remaining credit is read once the in-flight window has passed', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    await m.drain();
    const real = qbo.applyCredit.bind(qbo);
    let lost = false;
    qbo.applyCredit = (application, requestId) => {
      if (!lost) {
        lost = true;
        qbo.commitThenLose();
      }
      return real(application, requestId);
    };
    await receive(m, creditNote(2, 1));
    const start = m.clock.now();
    const outcomes = await m.drain();
    expect(outcomes[0]).toMatchObject({ kind: 'postponed', why: 'checking' });
    expect(outcomes.at(-1)).toMatchObject({ kind: 'synced', credit: { kind: 'applied' } });
    expect(m.clock.now()).toBeGreaterThanOrEqual(start + IN_FLIGHT_WINDOW_MS);
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toHaveLength(1);
  });

  it('an invoice already paid takes nothing; a credit larger than the balance is applied up to the balance, the rest stays credit', async () => {
    const { m, qbo } = await launched();
    await receive(m, invoice(1));
    await m.drain();
    const [inv] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    // Half of the invoice is covered by an earlier credit the accountant applied in QBO.
    const half = Math.floor((inv?.totalAmount ?? 0) / 2);
    const other = qbo.addForeignTransaction({ ...(inv?.payload ?? ({} as never)), type: 'CreditMemo', docNumber: 'A-MANUAL' }, half);
    (
      await qbo.applyCredit(
        {
          customerRef: inv?.payload.customerRef ?? '',
          invoiceId: inv?.qboId ?? '',
          creditMemoId: other.qboId,
          amount: half,
          txnDate: '2024-01-02',
        },
        'manual',
      )
    )._unsafeUnwrap();
    await receive(m, creditNote(2, 1));
    const outcomes = await m.drain();
    const left = (inv?.totalAmount ?? 0) - half;
    expect(outcomes.at(-1)).toMatchObject({ kind: 'synced', credit: { kind: 'applied', amount: left } });
    const [note] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    expect(qbo.transaction(note?.qboId ?? '')?.balance).toBe((note?.totalAmount ?? 0) - left);
    expect(qbo.transaction(inv?.qboId ?? '')?.balance).toBe(0);

    await receive(m, creditNote(3, 1));
    const paid = await m.drain();
    expect(paid.at(-1)).toMatchObject({ kind: 'synced', credit: { kind: 'invoice-paid' } });
  });

  it('credit notes sent in one batch are applied by one batch request of Payments, each to its own invoice, none read first', async () => {
    const { m, qbo } = await launched();
    for (const n of [1, 3, 5]) await receive(m, invoice(n));
    await m.drain();
    const single = vi.spyOn(qbo, 'applyCredit');
    const gathered = vi.spyOn(qbo, 'applyCredits');
    const reads = vi.spyOn(qbo, 'readTransaction');
    for (const [n, of] of [
      [2, 1],
      [4, 3],
      [6, 5],
    ] as const)
      await receive(m, creditNote(n, of));
    const outcomes = await m.drain();
    expect(outcomes.map((o) => o.kind)).toEqual(['synced', 'synced', 'synced']);
    expect(single).not.toHaveBeenCalled();
    expect(gathered).toHaveBeenCalledTimes(1);
    expect(gathered.mock.calls[0]?.[0]).toHaveLength(3);
    expect(reads).not.toHaveBeenCalled();
    for (const [n, of] of [
      [2, 1],
      [4, 3],
      [6, 5],
    ] as const) {
      const [inv] = qbo.transactionsNumbered(`OGUSTINE_2024-01-0${of}`);
      const [note] = qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}-A`);
      expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toEqual([
        expect.objectContaining({ invoiceId: inv?.qboId, amount: note?.totalAmount, automatic: false }),
      ]);
      expect(qbo.transaction(note?.qboId ?? '')?.balance).toBe(0);
    }
  });

  it('a batch of Payments whose answer is lost makes no second Payment: each note is read again once the in-flight window has passed', async () => {
    const { m, qbo } = await launched();
    for (const n of [1, 3]) await receive(m, invoice(n));
    await m.drain();
    const real = qbo.applyCredits.bind(qbo);
    let lost = false;
    const gathered = vi.spyOn(qbo, 'applyCredits').mockImplementation((entries, requestId) => {
      if (lost) return real(entries, requestId);
      lost = true;
      return real(entries, requestId).andThen(() => errAsync({ kind: 'qbo.timeout' as const }));
    });
    await receive(m, creditNote(2, 1));
    await receive(m, creditNote(4, 3));
    const start = m.clock.now();
    const outcomes = await m.drain();
    expect(outcomes.slice(0, -2).every((o) => o.kind === 'postponed' && o.why === 'checking')).toBe(true);
    expect(outcomes.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'synced', credit: expect.objectContaining({ kind: 'applied' }) }),
      expect.objectContaining({ kind: 'synced', credit: expect.objectContaining({ kind: 'applied' }) }),
    ]);
    expect(m.clock.now()).toBeGreaterThanOrEqual(start + IN_FLIGHT_WINDOW_MS);
    expect(gathered).toHaveBeenCalledTimes(1);
    for (const n of [2, 4]) {
      const [note] = qbo.transactionsNumbered(`OGUSTINE_2024-01-0${n}-A`);
      expect(qbo.creditApplicationsOf(note?.qboId ?? '')).toHaveLength(1);
    }
  });

  it('an application of the batch refused (the invoice partly paid meanwhile) reads the balances and applies what is left; the others land', async () => {
    const { m, qbo } = await launched();
    for (const n of [1, 3]) await receive(m, invoice(n));
    await m.drain();
    const [inv] = qbo.transactionsNumbered('OGUSTINE_2024-01-01');
    const half = Math.floor((inv?.totalAmount ?? 0) / 2);
    const other = qbo.addForeignTransaction({ ...(inv?.payload ?? ({} as never)), type: 'CreditMemo', docNumber: 'A-MANUAL' }, half);
    const manual = { customerRef: inv?.payload.customerRef ?? '', invoiceId: inv?.qboId ?? '', creditMemoId: other.qboId };
    (await qbo.applyCredit({ ...manual, amount: half, txnDate: '2024-01-02' }, 'manual'))._unsafeUnwrap();
    const gathered = vi.spyOn(qbo, 'applyCredits');
    await receive(m, creditNote(2, 1));
    await receive(m, creditNote(4, 3));
    const outcomes = await m.drain();
    expect(gathered).toHaveBeenCalledTimes(1);
    const left = (inv?.totalAmount ?? 0) - half;
    expect(outcomes).toContainEqual(
      expect.objectContaining({ kind: 'synced', credit: { kind: 'applied', amount: left, rest: expect.any(Number) } }),
    );
    const [first] = qbo.transactionsNumbered('OGUSTINE_2024-01-02-A');
    const [second] = qbo.transactionsNumbered('OGUSTINE_2024-01-04-A');
    expect(qbo.creditApplicationsOf(first?.qboId ?? '')).toEqual([expect.objectContaining({ amount: left })]);
    expect(qbo.creditApplicationsOf(second?.qboId ?? '')).toEqual([expect.objectContaining({ amount: second?.totalAmount })]);
    expect(qbo.transaction(inv?.qboId ?? '')?.balance).toBe(0);
  });
});
