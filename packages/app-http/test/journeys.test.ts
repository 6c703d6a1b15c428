import { describe, expect, it } from 'vitest';
import { aCompany, connectOverHttp, creditNoteFor, discounted, invoice, receive, sseEvents } from './support/journey-fixtures.js';
import { testApp } from './support/test-app.js';

const A = 'A1'; // the builders' account
type Json = Record<string, unknown>;
const body = async (res: Response): Promise<Json> => (await res.json()) as Json;

describe('the help article’s journeys over HTTP (in-memory module)', () => {
  it('connect, prerequisites failing then Réessayer, preview, launch once (202, then 409), progress to the end, statuses with QBO links', async () => {
    const t = await testApp();
    const qbo = aCompany(t, { discountsAllowed: false });
    await receive(t, [invoice(1), discounted(2), creditNoteFor('D1', 20)]);
    expect((await connectOverHttp(t, A)).headers.get('location')).toContain('quickbooks=connected');

    const prerequisites = await body(await t.call(A, 'GET', '/v1/quickbooks/prerequisites'));
    expect(prerequisites['state']).toBe('failing');
    const checks = prerequisites['checks'] as Json[];
    const discounts = checks.find((c) => c['id'] === 'discounts');
    expect(discounts).toMatchObject({ status: 'failing', label: 'Prise en charge des rabais' });
    expect((discounts?.['problems'] as Json[])[0]).toMatchObject({ documentIds: ['D2'] });
    expect(checks.find((c) => c['id'] === 'vat')).toMatchObject({ status: 'ok', problems: [] });
    // The headings in QBO's French words (the catalogue's): the same as QBO's settings and the help article.
    expect(Object.fromEntries(checks.map((c) => [c['id'], c['label']]))).toMatchObject({
      'tax-codes': 'Un code de taxe pour chaque taux utilisé',
      'custom-transaction-numbers': 'Numéros d’opérations personnalisés',
      'income-account': 'Compte de revenus',
    });

    const refused = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await body(refused)).toMatchObject({ type: 'urn:ogustine-qbo:problem:prerequisites-not-met', status: 409 });

    qbo.updateProfile((p) => ({ ...p, discountsAllowed: true }));
    const retried = await t.call(A, 'POST', '/v1/quickbooks/prerequisites/check');
    expect(await body(retried)).toMatchObject({ state: 'met', queued: 0 });

    const preview = await body(await t.call(A, 'GET', '/v1/quickbooks/initial-sync/preview?limit=2'));
    expect(preview['counts']).toMatchObject({ documents: 3, invoices: 2, creditNotes: 1, alreadyInQuickBooks: 0, beforeSyncFrom: 0 });
    expect((preview['documents'] as Json[]).map((d) => d['id'])).toEqual(['D1', 'D2']);
    expect(preview['blocked']).toEqual([]);
    expect(preview['next']).toEqual(expect.any(String));
    const rest = await body(
      await t.call(A, 'GET', `/v1/quickbooks/initial-sync/preview?limit=2&cursor=${encodeURIComponent(preview['next'] as string)}`),
    );
    expect((rest['documents'] as Json[]).map((d) => d['id'])).toEqual(['D20']);
    expect(rest['next']).toBeNull();
    const totals = (preview['totals'] as Json[])[0] as Json;
    expect(totals['currency']).toBe('EUR');
    expect(totals['grossCents']).toEqual(expect.any(Number));

    const unacknowledged = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', {});
    expect(unacknowledged.status).toBe(400);
    expect((await body(unacknowledged))['errors']).toEqual([{ field: 'body.acknowledgeIrrevocable', message: expect.any(String) }]);

    const launched = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    expect(launched.status).toBe(202);
    expect(launched.headers.get('location')).toBe('/v1/quickbooks/runs/initial-sync');
    expect((await body(launched))['run']).toMatchObject({ id: 'initial-sync', status: 'running', total: 3, sent: 0, remaining: 3 });
    const again = await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true }, { 'accept-language': 'en' });
    expect(again.status).toBe(409);
    expect(await body(again)).toMatchObject({
      type: 'urn:ogustine-qbo:problem:initial-sync-already-launched',
      detail: expect.stringMatching(/launched/) as unknown,
    });

    await t.module.drain();
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/runs/initial-sync'))).toMatchObject({
      status: 'done',
      sent: 3,
      failed: 0,
      remaining: 0,
    });
    const stream = await t.call(A, 'GET', '/v1/quickbooks/runs/initial-sync/events');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(await stream.text());
    expect(events.map((e) => [e.event, e.id])).toEqual([
      ['progress', '3'],
      ['end', 'end'],
    ]);
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ sent: 3, total: 3, remaining: 0, secondsLeft: 0 });

    const status = await body(await t.call(A, 'GET', '/v1/quickbooks/documents/D1/status'));
    expect(status).toMatchObject({ documentId: 'D1', state: 'sent', quickbooks: { docNumber: 'OGUSTINE_2024-01-01', pdfPending: false } });
    expect((status['quickbooks'] as Json)['url']).toMatch(/^https:\/\/app\.sandbox\.qbo\.intuit\.com\/app\/invoice\?txnId=/);
    const credit = await body(await t.call(A, 'GET', '/v1/quickbooks/documents/D20/status'));
    expect((credit['quickbooks'] as Json)['url']).toContain('/app/creditmemo?txnId=');
    const many = await body(await t.call(A, 'POST', '/v1/quickbooks/documents/statuses', { documentIds: ['D2', 'nope', 'D1'] }));
    expect((many['statuses'] as Json[]).map((s) => [s['documentId'], s['state']])).toEqual([
      ['D2', 'sent'],
      ['D1', 'sent'],
    ]);
    expect(many['unknown']).toEqual(['nope']);
    expect((await t.call(A, 'GET', '/v1/quickbooks/documents/nope/status')).status).toBe(404);
  });

  it('a failure lands in the history, grouped by cause; relaunching the group resolves it, and the resolved error stays, greyed', async () => {
    const t = await testApp();
    const qbo = aCompany(t);
    await receive(t, [invoice(1), invoice(2)]);
    await connectOverHttp(t, A);
    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    const refusal = {
      kind: 'qbo.fault',
      status: 400,
      faultType: 'ValidationFault',
      errors: [{ code: '6000', message: 'A business validation error has occurred', detail: 'Business Validation Error: check the form' }],
    } as const;
    // The profile kept at connection costs no call: the first call is the batch of new customers and
    // services (what it leaves is created one by one), the second a document's own customer.
    qbo.failNext(refusal);
    qbo.failNext(refusal);
    await t.module.drain();
    const history = await body(await t.call(A, 'GET', '/v1/quickbooks/errors?state=open'));
    const entries = history['entries'] as Json[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ state: 'open', greyed: false, quickbooksCode: '6000' });
    const groups = (history['groups'] as Json)['open'] as Json[];
    expect(groups).toHaveLength(1);
    const key = groups[0]?.['key'] as string;

    const unknownGroup = await t.call(A, 'POST', '/v1/quickbooks/errors/resync', { selection: { kind: 'cause', key: 'no-such-cause' } });
    expect(unknownGroup.status).toBe(404);
    expect((await body(unknownGroup))['errors']).toEqual([{ field: 'body.selection.key', message: 'inconnu' }]);

    const relaunched = await t.call(A, 'POST', '/v1/quickbooks/errors/resync', { selection: { kind: 'cause', key } });
    expect(relaunched.status).toBe(202);
    expect(((await body(relaunched))['queued'] as string[]).length).toBe(groups[0]?.['count']);
    await t.module.drain();
    const after = await body(await t.call(A, 'GET', '/v1/quickbooks/errors?state=resolved'));
    expect((after['entries'] as Json[]).every((e) => e['greyed'] === true && e['state'] === 'resolved')).toBe(true);
    expect((after['entries'] as Json[]).length).toBe(entries.length);
    expect(((after['groups'] as Json)['open'] as Json[]).length).toBe(0);
    expect((await body(await t.call(A, 'GET', '/v1/quickbooks/errors?state=open')))['entries']).toEqual([]);
  });

  it('marks a document’s error as handled: kept, greyed, flagged; a second time is a 409, a document without error a 404', async () => {
    const t = await testApp();
    const qbo = aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, A);
    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    qbo.failNext({ kind: 'qbo.fault', status: 400, faultType: 'ValidationFault', errors: [{ code: '6000', message: 'm', detail: 'd' }] });
    await t.module.drain();
    const handled = await t.call(A, 'POST', '/v1/quickbooks/documents/D1/handled');
    expect(handled.status).toBe(200);
    expect(await body(handled)).toEqual({ documentId: 'D1', handled: true });
    const entries = ((await body(await t.call(A, 'GET', '/v1/quickbooks/errors')))['entries'] as Json[]).filter(
      (e) => e['documentId'] === 'D1',
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e['state'] === 'resolved' && e['greyed'] === true && e['handled'] === true)).toBe(true);
    expect(await body(await t.call(A, 'POST', '/v1/quickbooks/documents/D1/handled'))).toMatchObject({
      status: 409,
      type: 'urn:ogustine-qbo:problem:errors-already-resolved',
    });
    expect(await body(await t.call(A, 'POST', '/v1/quickbooks/documents/D9/handled'))).toMatchObject({
      status: 404,
      errors: [{ field: 'path.documentId' }],
    });
  });

  it('tax code per VAT rate: read with its candidates, chosen among them, refused when the code does not carry the rate', async () => {
    const t = await testApp();
    aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, A);
    const listed = (await body(await t.call(A, 'GET', '/v1/quickbooks/tax-codes')))['rates'] as Json[];
    expect(listed).toHaveLength(1);
    const row = listed[0] as Json;
    expect(row).toMatchObject({ rate: '20', rateLabel: '20 %', chosen: false });
    const code = row['taxCode'] as Json;
    expect(row['candidates']).toContainEqual(code);
    const chosen = await t.call(A, 'PUT', '/v1/quickbooks/tax-codes/20', { taxCodeId: code['id'] });
    expect(chosen.status).toBe(200);
    expect(await body(chosen)).toMatchObject({ rate: '20', taxCode: code, chosen: true });
    const other = (await body(await t.call(A, 'GET', '/v1/quickbooks/tax-codes')))['rates'] as Json[];
    expect(other[0]).toMatchObject({ chosen: true });
    const misfit = await t.call(A, 'PUT', '/v1/quickbooks/tax-codes/5.5', { taxCodeId: code['id'] });
    expect(misfit.status).toBe(400);
    expect(await body(misfit)).toMatchObject({
      type: 'urn:ogustine-qbo:problem:tax-code-does-not-fit',
      errors: [{ field: 'body.taxCodeId' }],
    });
    expect((await body(await t.call(A, 'PUT', '/v1/quickbooks/tax-codes/abc', { taxCodeId: '1' })))['errors']).toEqual([
      { field: 'path.rate', message: 'format invalide' },
    ]);
  });

  it('« Joindre le PDF Ogustine »: on by default, turned off by PATCH (validated), the next document reaches QuickBooks without its PDF and says so', async () => {
    const t = await testApp();
    const qbo = aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, A);
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/settings'))).toEqual({
      attachPdf: true,
      wording: { attachPdf: { label: 'Joindre le PDF Ogustine', description: expect.stringContaining('PDF généré par Ogustine') } },
    });
    for (const wrong of [{ attachPdf: 'non' }, { attachPdf: false, pdf: false }, {}]) {
      const refused = await t.call(A, 'PATCH', '/v1/quickbooks/settings', wrong);
      expect(refused.status, JSON.stringify(wrong)).toBe(400);
    }
    expect((await body(await t.call(A, 'PATCH', '/v1/quickbooks/settings', { attachPdf: 'non' })))['errors']).toEqual([
      { field: 'body.attachPdf', message: expect.any(String) },
    ]);
    const changed = await t.call(A, 'PATCH', '/v1/quickbooks/settings', { attachPdf: false });
    expect(changed.status).toBe(200);
    expect(await body(changed)).toMatchObject({ attachPdf: false });
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/settings'))).toMatchObject({ attachPdf: false });

    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    await t.module.drain();
    const [sent] = qbo.allTransactions();
    expect(qbo.attachmentsOf(sent?.qboId ?? '')).toEqual([]);
    expect((await body(await t.call(A, 'GET', '/v1/quickbooks/documents/D1/status')))['label']).toContain('sans PDF');
  });

  it('resync one document: queued when it has an error and is not in QuickBooks, skipped once it is', async () => {
    const t = await testApp();
    aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, A);
    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    await t.module.drain();
    const skipped = await t.call(A, 'POST', '/v1/quickbooks/documents/D1/resync');
    expect(skipped.status).toBe(202);
    expect(await body(skipped)).toEqual({ queued: [], skipped: ['D1'], cannotSucceed: [] });
  });

  it('relaunch all: an error no retry can fix is not queued, and is reported apart from what is already in QuickBooks', async () => {
    const t = await testApp();
    aCompany(t);
    // A number QBO cannot take (longer than 21 characters once prefixed).
    await receive(t, [invoice(7, { number: '2024-01-0000000000000007' })]);
    await connectOverHttp(t, A);
    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    await t.module.drain();
    const res = await t.call(A, 'POST', '/v1/quickbooks/errors/resync', { selection: { kind: 'all-open' } });
    expect(res.status).toBe(202);
    expect(await body(res)).toEqual({ queued: [], skipped: [], cannotSucceed: ['D7'] });
  });

  it('resync before any connection is a 409 that says to connect', async () => {
    const t = await testApp();
    const res = await t.call(A, 'POST', '/v1/quickbooks/errors/resync', { selection: { kind: 'all-open' } });
    expect(res.status).toBe(409);
    expect(await body(res)).toMatchObject({ type: 'urn:ogustine-qbo:problem:not-connected' });
  });

  it('reschedule: a future day previews and confirms a suspension; a past day previews the catch-up, then resumes and sends it', async () => {
    const t = await testApp();
    aCompany(t);
    await receive(t, [invoice(1)]);
    await connectOverHttp(t, A);
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/schedule'))).toMatchObject({
      syncFrom: '2024-01-01',
      chosen: false,
      status: 'active',
      until: null,
    });
    await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
    await t.module.drain();

    const future = await body(await t.call(A, 'POST', '/v1/quickbooks/schedule/preview', { syncFrom: '2024-07-01' }));
    expect(future).toMatchObject({ outcome: 'suspended', until: '2024-07-01', catchUp: { count: 0 } });
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/schedule'))).toMatchObject({ status: 'active' });
    const suspended = await body(await t.call(A, 'PUT', '/v1/quickbooks/schedule', { syncFrom: '2024-07-01' }));
    expect(suspended).toMatchObject({ outcome: 'suspended', until: '2024-07-01', queued: 0 });
    expect(suspended['confirmation']).toContain('01/07/2024');
    expect(await body(await t.call(A, 'GET', '/v1/quickbooks/schedule'))).toMatchObject({
      status: 'suspended',
      until: '2024-07-01',
      chosen: true,
    });

    await receive(t, [invoice(5, { createdAt: Date.UTC(2024, 4, 20, 9) })]);
    const past = await body(await t.call(A, 'POST', '/v1/quickbooks/schedule/preview', { syncFrom: '2024-05-01' }));
    expect(past).toMatchObject({ outcome: 'resumed', until: null, sentNow: true, catchUp: { count: 1 } });
    expect(((past['catchUp'] as Json)['documents'] as Json[])[0]).toMatchObject({ id: 'D5' });
    const resumed = await body(
      await t.call(A, 'PUT', '/v1/quickbooks/schedule', { syncFrom: '2024-05-01' }, { 'accept-language': 'en-GB,en;q=0.9' }),
    );
    expect(resumed).toMatchObject({ outcome: 'resumed', queued: 1 });
    expect(resumed['confirmation']).toContain('resumed');
  });

  it('names the field at fault, in French by default and in English when asked', async () => {
    const t = await testApp();
    const fr = await t.call(A, 'PUT', '/v1/quickbooks/schedule', { syncFrom: '2024-02-30' });
    expect(fr.status).toBe(400);
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(await body(fr)).toMatchObject({
      type: 'urn:ogustine-qbo:problem:validation',
      title: 'Requête invalide',
      errors: [{ field: 'body.syncFrom', message: expect.any(String) }],
    });
    const en = await t.call(A, 'PUT', '/v1/quickbooks/schedule', { syncFrom: 12, extra: true }, { 'accept-language': 'en' });
    const problem = await body(en);
    expect(problem['title']).toBe('Invalid request');
    expect((problem['errors'] as Json[]).map((e) => e['field']).sort()).toEqual(['body.extra', 'body.syncFrom']);
    const page = await t.call(A, 'GET', '/v1/quickbooks/errors?limit=1000');
    expect((await body(page))['errors']).toEqual([{ field: 'query.limit', message: 'trop grand (maximum 50)' }]);
  });
});
