import type { ValidatedDocumentsPage } from '@ogustine-qbo/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../test/support/billing-sandbox.js';

let running: RunningSandbox;
beforeEach(async () => {
  running = await startSandbox();
});
afterEach(() => running.close());

describe('HttpBillingCore reading a long history', () => {
  it('reads all 10,000 documents of an account, each once, in validation order, every one readable', async () => {
    running.sandbox.admin.addAccount({ accountId: 'BIG', documents: 10_000, historyFrom: '2023-01-02', historyTo: '2026-10-30' });
    const core = running.core();
    const ids: string[] = [];
    let validated = Number.NEGATIVE_INFINITY;
    let outOfOrder = 0;
    let unreadable = 0;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ValidatedDocumentsPage = (
        await core.listValidatedDocuments('BIG', { createdFrom: '2023-01-01', cursor, pageSize: 500 })
      )._unsafeUnwrap();
      for (const doc of page.documents) {
        if (doc.validatedAt < validated) outOfOrder += 1;
        validated = doc.validatedAt;
        ids.push(doc.id);
      }
      unreadable += page.unreadable.length;
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect({ pages, documents: ids.length, distinct: new Set(ids).size, outOfOrder, unreadable }).toEqual({
      pages: 20,
      documents: 10_000,
      distinct: 10_000,
      outOfOrder: 0,
      unreadable: 0,
    });
  });
});
