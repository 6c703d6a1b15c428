import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../documents/document-wire.js';
import { aDocument } from '../testing/builders/document.js';
import { InMemoryBillingCore } from '../testing/fakes/in-memory-billing-core.js';
import type { BillingCoreError } from './billing-core.js';
import { documentFilesFromBillingCore } from './document-files-from-billing-core.js';

const coreWithOneDocument = (): InMemoryBillingCore => {
  const core = new InMemoryBillingCore();
  core.addAccount({ accountId: 'A1', timeZone: 'Europe/Paris', locale: 'fr-FR' });
  core.addDocument('A1', toDocumentWire(aDocument({ id: 'D1', accountId: 'A1' })));
  return core;
};

describe('documentFilesFromBillingCore', () => {
  it("serves the billing core's PDF", async () => {
    const core = coreWithOneDocument();
    const viaFiles = (await documentFilesFromBillingCore(core).fetchPdf('A1', 'D1'))._unsafeUnwrap();
    expect(viaFiles).toEqual((await core.fetchDocumentPdf('A1', 'D1'))._unsafeUnwrap());
  });

  it('a missing document or PDF is files.not-found', async () => {
    const core = coreWithOneDocument();
    core.removePdf('A1', 'D1');
    const files = documentFilesFromBillingCore(core);
    expect((await files.fetchPdf('A1', 'D1'))._unsafeUnwrapErr()).toEqual({ kind: 'files.not-found' });
    expect((await files.fetchPdf('A1', 'D2'))._unsafeUnwrapErr()).toEqual({ kind: 'files.not-found' });
  });

  it.each<[BillingCoreError, string]>([
    [{ kind: 'billing.unavailable', detail: 'time-out after 30 s', retryAfterMs: null }, 'time-out after 30 s'],
    [{ kind: 'billing.malformed', detail: 'PDF over 10 MiB' }, 'the billing core sent a malformed answer: PDF over 10 MiB'],
    [{ kind: 'billing.refused', status: 401, detail: 'unauthorized' }, 'the billing core refused the request (401): unauthorized'],
  ])('any other failure is files.unavailable, saying why (%j)', async (error, detail) => {
    const core = coreWithOneDocument();
    core.failNext(error);
    expect((await documentFilesFromBillingCore(core).fetchPdf('A1', 'D1'))._unsafeUnwrapErr()).toEqual({
      kind: 'files.unavailable',
      detail,
    });
  });
});
