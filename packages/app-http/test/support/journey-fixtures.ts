import { decimal, toDocumentWire, type OgustineDocument } from '@ogustine-qbo/domain';
import { aCompanyProfile, aCreditNote, aDocument, aLine, type InMemoryAccounting } from '@ogustine-qbo/domain/testing';
import type { TestApp } from './test-app.js';

export const REALM = '9130350000000001';

export const invoice = (n: number, over: Partial<OgustineDocument> = {}): OgustineDocument => {
  const createdAt = over.createdAt ?? Date.UTC(2024, 0, n, 9);
  return aDocument({
    id: `D${n}`,
    number: `2024-01-${String(n).padStart(2, '0')}`,
    createdAt,
    validatedAt: createdAt + 3_600_000,
    ...over,
  });
};

export const discounted = (n: number): OgustineDocument =>
  invoice(n, { lines: [aLine({ discount: { kind: 'percent', percent: decimal(10) } })] });

export const creditNoteFor = (invoiceId: string, n: number): OgustineDocument =>
  aCreditNote({
    id: `D${n}`,
    number: `2024-01-${n}`,
    correctsInvoiceId: invoiceId,
    createdAt: Date.UTC(2024, 0, n),
    validatedAt: Date.UTC(2024, 0, n, 1),
  });

/** Documents arrive as billing-core messages, before or after the connection. */
export const receive = async (t: TestApp, docs: readonly OgustineDocument[]): Promise<void> => {
  for (const d of docs) {
    const received = await t.module.receiveValidatedDocument.run({ messageId: `msg-${d.id}`, document: toDocumentWire(d) });
    if (received.isErr()) throw new Error(`fixture document ${d.id} refused: ${received.error.kind}`);
  }
};

/** The user connects `accountId` to the realm through the API: start, consent at Intuit, callback. */
export const connectOverHttp = async (t: TestApp, accountId: string, realmId = REALM): Promise<Response> => {
  const started = await t.call(accountId, 'POST', '/v1/quickbooks/connection/start');
  const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
  const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
  const code = `code-for-${accountId}`;
  t.module.authorization.grantCode(code, realmId);
  const answer = await t.app.request(
    `/v1/quickbooks/connection/callback?code=${code}&state=${encodeURIComponent(state)}&realmId=${realmId}`,
  );
  // What the worker's first look at the history finds, as the fakes' own `connect` records it.
  if (answer.status < 400) await t.module.afterConnecting(accountId);
  return answer;
};

export const aCompany = (t: TestApp, over: Parameters<typeof aCompanyProfile>[0] = {}): InMemoryAccounting =>
  t.module.addCompany(aCompanyProfile({ realmId: REALM, ...over }));

/** The events of a finite SSE body. */
export const sseEvents = (text: string): { id?: string; event?: string; data: string }[] =>
  text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of frame.split('\n')) {
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'id') event.id = value;
        if (field === 'event') event.event = value;
        if (field === 'data') event.data += value;
      }
      return event;
    })
    .filter((e) => e.event !== undefined);
