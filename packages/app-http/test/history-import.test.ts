import { toDocumentWire } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { aCompany, connectOverHttp, invoice } from './support/journey-fixtures.js';
import { testApp } from './support/test-app.js';

const A = 'A1';
type Json = Record<string, unknown>;
const body = async (res: Response): Promise<Json> => (await res.json()) as Json;

describe('the preview over HTTP while the history is imported from the billing core', () => {
  it('says how far the import is, refuses the launch until it is done (409 history-import-in-progress), then previews it all', async () => {
    const t = await testApp();
    aCompany(t);
    const m = t.module;
    m.billingCore.addAccount({ accountId: A, timeZone: 'Europe/Paris', locale: 'fr-FR' });
    for (let n = 1; n <= 150; n++)
      m.billingCore.addDocument(A, toDocumentWire(invoice(n, { number: `H-${n}`, createdAt: Date.UTC(2024, 0, 1 + (n % 28), 9) })));
    await connectOverHttp(t, A);

    const before = await body(await t.call(A, 'GET', '/v1/quickbooks/initial-sync/preview'));
    expect(before['history']).toEqual({ state: 'not-started', imported: 0, unreadable: 0 });

    (await m.importBillingHistory.run(A, 1))._unsafeUnwrap();
    const during = await body(await t.call(A, 'GET', '/v1/quickbooks/initial-sync/preview'));
    expect(during['history']).toEqual({ state: 'importing', imported: 100, unreadable: 0 });
    const refused = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    expect(refused.status).toBe(409);
    expect(await body(refused)).toMatchObject({
      type: 'urn:ogustine-qbo:problem:history-import-in-progress',
      detail: expect.stringContaining('100 documents') as unknown,
    });

    (await m.importBillingHistory.run(A, 5))._unsafeUnwrap();
    const after = await body(await t.call(A, 'GET', '/v1/quickbooks/initial-sync/preview'));
    expect(after['history']).toEqual({ state: 'done', imported: 150, unreadable: 0 });
    expect(after['counts']).toMatchObject({ documents: 150, invoices: 150 });
    const launched = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true, asOf: after['asOf'] });
    expect(launched.status).toBe(202);
    expect((await body(launched))['run']).toMatchObject({ total: 150 });
  });
});
