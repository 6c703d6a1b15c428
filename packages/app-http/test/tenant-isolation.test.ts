import { describe, expect, it } from 'vitest';
import { REALM } from './support/journey-fixtures.js';
import { A, SECRET_COMPANY, SECRET_CUSTOMER, twoTenants } from './support/two-tenants.js';
import { documentedOperations, readBody, sampleCalls } from './support/route-catalogue.js';
import type { TestApp } from './support/test-app.js';

/** Everything the module holds for account A, as text (bigint-safe), to compare before and after. */
const snapshotOfA = async (t: TestApp): Promise<string> => {
  const m = t.module;
  const parts = {
    settings: (await m.settings.get(A))._unsafeUnwrap(),
    connection: (await m.connections.get(A))._unsafeUnwrap(),
    documents: (await m.documents.page(A, {}))._unsafeUnwrap(),
    records: await Promise.all(['D1', 'D2', 'D3'].map(async (id) => (await m.records.get(A, id))._unsafeUnwrap())),
    errors: (await m.errorStore.page(A, {}))._unsafeUnwrap(),
    run: (await m.runs.get(A, (await m.settings.get(A))._unsafeUnwrap()?.initialSyncRunId ?? ''))._unsafeUnwrap(),
    jobs: m.queue.jobs().filter((j) => j.accountId === A),
    progressEvents: m.progress.eventsOf(A).length,
  };
  return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
};

describe('one account never sees another', () => {
  it.each(['B2', 'C3'])(
    'every route called by %s with A1’s ids: no 5xx, nothing of A1 in any answer, nothing of A1 changed',
    async (intruder) => {
      const { t, causeKey } = await twoTenants();
      const before = await snapshotOfA(t);
      const samples = sampleCalls({ documentId: 'D1', otherDocumentId: 'D2', causeKey, runId: 'initial-sync' });
      const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      const operations = documentedOperations(doc).filter((op) => op.includes(' /v1/'));
      expect(Object.keys(samples).sort()).toEqual(operations.sort());

      const leaks: string[] = [];
      let calls = 0;
      for (const call of Object.values(samples).flat()) {
        const res = await t.call(intruder, call.method, call.path, call.body);
        calls += 1;
        const text = await readBody(res);
        expect(res.status, `${call.method} ${call.path}`).toBeLessThan(500);
        for (const marker of [SECRET_COMPANY, SECRET_CUSTOMER, REALM, 'OGUSTINE_2024-01-0']) {
          if (text.includes(marker) || (res.headers.get('location') ?? '').includes(marker))
            leaks.push(`${call.method} ${call.path}: ${marker}`);
        }
      }
      expect(calls).toBeGreaterThanOrEqual(operations.length);
      expect(leaks).toEqual([]);
      expect(await snapshotOfA(t)).toBe(before);
    },
  );

  it('A1’s own calls do see its data (the walk’s markers are real)', async () => {
    const { t } = await twoTenants();
    const connection = await (await t.call(A, 'GET', '/v1/quickbooks/connection')).text();
    expect(connection).toContain(SECRET_COMPANY);
    const status = await (await t.call(A, 'GET', '/v1/quickbooks/documents/D2/status')).text();
    expect(status).toContain('OGUSTINE_2024-01-0');
  });
});
