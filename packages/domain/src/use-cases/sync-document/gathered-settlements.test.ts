import { describe, expect, it } from 'vitest';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { QboFailure } from '../../errors/qbo-fault.js';
import type { Accounting, CreditApplication, CreditEntry, CreditOutcome } from '../../ports/accounting.js';
import type { QboId } from '../../qbo/company-profile.js';
import { GatheredSettlements } from './gathered-settlements.js';

const application = (creditMemoId: string): CreditApplication => ({
  customerRef: '1',
  invoiceId: `inv-${creditMemoId}`,
  creditMemoId,
  amount: 6000,
  txnDate: '2024-01-16',
});

/** The two calls a gathering makes, recorded; a batch answers each entry applied but those named in `leftOut`. */
const recordingAccounting = (leftOut: readonly string[] = []) => {
  const calls: { readonly kind: 'single' | 'batch'; readonly requestId: string; readonly creditMemoIds: readonly string[] }[] = [];
  const accounting = {
    applyCredit: (a: CreditApplication, requestId: string): ResultAsync<QboId, QboFailure> => {
      calls.push({ kind: 'single', requestId, creditMemoIds: [a.creditMemoId] });
      return okAsync(`pay-${a.creditMemoId}`);
    },
    applyCredits: (entries: readonly CreditEntry[], requestId: string): ResultAsync<readonly CreditOutcome[], QboFailure> => {
      calls.push({ kind: 'batch', requestId, creditMemoIds: entries.map((e) => e.application.creditMemoId) });
      return okAsync(
        entries
          .filter((e) => !leftOut.includes(e.application.creditMemoId))
          .map((e): CreditOutcome => ({ batchId: e.batchId, kind: 'applied', paymentId: `pay-${e.application.creditMemoId}` })),
      );
    },
  } as Pick<Accounting, 'applyCredit' | 'applyCredits'> as Accounting;
  return { accounting, calls };
};

describe('GatheredSettlements: the first Payments of a lease batch in one request', () => {
  it('sends nothing until every seat is sent or left, then one batch with the gathered requestid; each note hears its own Payment', async () => {
    const { accounting, calls } = recordingAccounting();
    const gathered = new GatheredSettlements(accounting, 'req-1', 3);
    const [a, b, c] = [gathered.seat(), gathered.seat(), gathered.seat()];
    expect([a.take(), b.take()]).toEqual(['req-1', 'req-1']);
    const first = a.send(application('K'));
    const second = b.send(application('L'));
    await Promise.resolve();
    expect(calls).toEqual([]);
    c.leave();
    expect((await first)._unsafeUnwrap()).toBe('pay-K');
    expect((await second)._unsafeUnwrap()).toBe('pay-L');
    expect(calls).toEqual([{ kind: 'batch', requestId: 'req-1', creditMemoIds: ['K', 'L'] }]);
  });

  it('one application alone goes as a single Payment (a batch of one would spend the batch allowance)', async () => {
    const { accounting, calls } = recordingAccounting();
    const gathered = new GatheredSettlements(accounting, 'req-2', 2);
    const [a, b] = [gathered.seat(), gathered.seat()];
    a.take();
    const only = a.send(application('K'));
    b.leave();
    b.leave();
    expect((await only)._unsafeUnwrap()).toBe('pay-K');
    expect(calls).toEqual([{ kind: 'single', requestId: 'req-2', creditMemoIds: ['K'] }]);
  });

  it('a seat is taken once: taken again, or after the request went out, it answers none (the application then goes alone)', async () => {
    const { accounting } = recordingAccounting();
    const gathered = new GatheredSettlements(accounting, 'req-3', 2);
    const [a, b] = [gathered.seat(), gathered.seat()];
    expect(a.take()).toBe('req-3');
    expect(a.take()).toBeUndefined();
    b.leave();
    expect(b.take()).toBeUndefined();
    await a.send(application('K'));
    expect(a.take()).toBeUndefined();
  });

  it('an entry the answer leaves out is an unknown outcome; a whole request failed fails each note with its failure', async () => {
    const partly = recordingAccounting(['L']);
    const gathered = new GatheredSettlements(partly.accounting, 'req-4', 2);
    const [a, b] = [gathered.seat(), gathered.seat()];
    a.take();
    b.take();
    const [k, l] = [a.send(application('K')), b.send(application('L'))];
    expect((await k)._unsafeUnwrap()).toBe('pay-K');
    expect((await l)._unsafeUnwrapErr()).toEqual({ kind: 'qbo.unavailable', status: 200 });

    const failing = {
      applyCredits: () => errAsync({ kind: 'qbo.timeout' }),
    } as Pick<Accounting, 'applyCredits'> as Accounting;
    const lost = new GatheredSettlements(failing, 'req-5', 2);
    const [c, d] = [lost.seat(), lost.seat()];
    c.take();
    d.take();
    const outcomes = await Promise.all([c.send(application('K')), d.send(application('L'))]);
    expect(outcomes.map((o) => o._unsafeUnwrapErr())).toEqual([{ kind: 'qbo.timeout' }, { kind: 'qbo.timeout' }]);
  });

  it('refuses more seats than one batch request holds (a bug in the caller)', () => {
    expect(() => new GatheredSettlements(recordingAccounting().accounting, 'req-6', 31)).toThrow();
  });
});
