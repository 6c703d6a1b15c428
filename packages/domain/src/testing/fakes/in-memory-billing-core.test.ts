import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../../documents/document-wire.js';
import { aDocument } from '../builders/document.js';
import { InMemoryBillingCore } from './in-memory-billing-core.js';

const core = (): InMemoryBillingCore => {
  const c = new InMemoryBillingCore();
  c.addAccount({ accountId: 'A1', timeZone: 'Europe/Paris', locale: 'fr-FR' });
  return c;
};

describe('InMemoryBillingCore', () => {
  it('fails the next calls as queued, then answers again', async () => {
    const c = core();
    c.failNext();
    c.failNext({ kind: 'billing.not-found', what: 'account' });
    expect((await c.getAccount('A1'))._unsafeUnwrapErr().kind).toBe('billing.unavailable');
    expect((await c.listValidatedDocuments('A1', { createdFrom: '2020-01-01', cursor: null }))._unsafeUnwrapErr().kind).toBe(
      'billing.not-found',
    );
    expect((await c.getAccount('A1'))._unsafeUnwrap().timeZone).toBe('Europe/Paris');
  });

  it('refuses a cursor it never gave', async () => {
    const c = core();
    for (const cursor of ['after:9', 'after:-1', 'after:x', 'v1:0']) {
      const error = (await c.listValidatedDocuments('A1', { createdFrom: '2020-01-01', cursor }))._unsafeUnwrapErr();
      expect(error).toEqual({ kind: 'billing.refused', status: 400, detail: `unknown cursor ${cursor}` });
    }
  });

  it('serves at most 500 per page, and at least one', async () => {
    const c = core();
    for (let n = 0; n < 502; n++) c.addDocument('A1', toDocumentWire(aDocument({ id: `D${n}`, accountId: 'A1' })));
    const big = (await c.listValidatedDocuments('A1', { createdFrom: '2020-01-01', cursor: null, pageSize: 1000 }))._unsafeUnwrap();
    expect(big.documents).toHaveLength(500);
    const tiny = (await c.listValidatedDocuments('A1', { createdFrom: '2020-01-01', cursor: null, pageSize: 0 }))._unsafeUnwrap();
    expect(tiny.documents).toHaveLength(1);
    const byDefault = (await c.listValidatedDocuments('A1', { createdFrom: '2020-01-01', cursor: null }))._unsafeUnwrap();
    expect(byDefault.documents).toHaveLength(100);
  });

  it('filters an unreadable document by the creation moment it carries, and reports it when that is unreadable too', async () => {
    const c = core();
    const old = { ...toDocumentWire(aDocument({ id: 'OLD', accountId: 'A1' })), currency: 'euro' };
    c.addDocument('A1', old);
    c.addDocument('A1', { id: 'NO-DATE' });
    const page = (await c.listValidatedDocuments('A1', { createdFrom: '2025-01-01', cursor: null }))._unsafeUnwrap();
    expect(page.unreadable.map((u) => u.documentId)).toEqual(['NO-DATE']);
  });

  it('needs the account before its documents (a test bug otherwise)', () => {
    expect(() => new InMemoryBillingCore().addDocument('A9', {})).toThrow(/add the account A9 first/);
  });
});
