/** One request to a documented operation, with the ids it targets filled in. */
export interface SampleCall {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

/** What the samples point at: usually another account's resources, to prove they stay out of reach. */
export interface Targets {
  readonly documentId: string;
  readonly otherDocumentId: string;
  readonly causeKey: string;
  readonly runId: string;
}

/**
 * A valid-looking call of every `/v1` operation the OpenAPI document lists, keyed `METHOD /path/{param}`.
 * The walk and the fuzz check that this covers the document exactly, so a new route cannot be forgotten.
 */
export const sampleCalls = (t: Targets): Record<string, readonly SampleCall[]> => {
  const p = '/v1/quickbooks';
  return {
    'GET /v1/quickbooks/connection': [{ method: 'GET', path: `${p}/connection` }],
    'POST /v1/quickbooks/connection/start': [{ method: 'POST', path: `${p}/connection/start` }],
    'DELETE /v1/quickbooks/connection': [{ method: 'DELETE', path: `${p}/connection` }],
    'GET /v1/quickbooks/connection/callback': [
      { method: 'GET', path: `${p}/connection/callback?code=c&state=forged&realmId=9130350000000001` },
      { method: 'GET', path: `${p}/connection/callback?error=access_denied&state=forged` },
    ],
    'GET /v1/quickbooks/prerequisites': [{ method: 'GET', path: `${p}/prerequisites` }],
    'POST /v1/quickbooks/prerequisites/check': [{ method: 'POST', path: `${p}/prerequisites/check` }],
    'GET /v1/quickbooks/tax-codes': [{ method: 'GET', path: `${p}/tax-codes` }],
    'PUT /v1/quickbooks/tax-codes/{rate}': [{ method: 'PUT', path: `${p}/tax-codes/20`, body: { taxCodeId: '10' } }],
    'GET /v1/quickbooks/settings': [{ method: 'GET', path: `${p}/settings` }],
    'PATCH /v1/quickbooks/settings': [{ method: 'PATCH', path: `${p}/settings`, body: { attachPdf: false } }],
    'GET /v1/quickbooks/initial-sync/preview': [{ method: 'GET', path: `${p}/initial-sync/preview` }],
    'GET /v1/quickbooks/initial-sync/preview/left-out': [{ method: 'GET', path: `${p}/initial-sync/preview/left-out` }],
    'POST /v1/quickbooks/initial-sync': [{ method: 'POST', path: `${p}/initial-sync`, body: { acknowledgeIrrevocable: true } }],
    'GET /v1/quickbooks/runs': [{ method: 'GET', path: `${p}/runs` }],
    'GET /v1/quickbooks/runs/{runId}': [{ method: 'GET', path: `${p}/runs/${t.runId}` }],
    'POST /v1/quickbooks/runs/{runId}/stream-tickets': [{ method: 'POST', path: `${p}/runs/${t.runId}/stream-tickets` }],
    'GET /v1/quickbooks/runs/{runId}/events': [{ method: 'GET', path: `${p}/runs/${t.runId}/events` }],
    'GET /v1/quickbooks/schedule': [{ method: 'GET', path: `${p}/schedule` }],
    'POST /v1/quickbooks/schedule/preview': [
      { method: 'POST', path: `${p}/schedule/preview`, body: { syncFrom: '2020-01-01' } },
      { method: 'POST', path: `${p}/schedule/preview`, body: { syncFrom: '2099-01-01' } },
    ],
    'PUT /v1/quickbooks/schedule': [
      { method: 'PUT', path: `${p}/schedule`, body: { syncFrom: '2099-01-01' } },
      { method: 'PUT', path: `${p}/schedule`, body: { syncFrom: '2020-01-01' } },
    ],
    'GET /v1/quickbooks/errors': [
      { method: 'GET', path: `${p}/errors` },
      { method: 'GET', path: `${p}/errors?state=open&limit=10&cause=${encodeURIComponent(t.causeKey)}` },
    ],
    'POST /v1/quickbooks/errors/resync': [
      { method: 'POST', path: `${p}/errors/resync`, body: { selection: { kind: 'all-open' } } },
      { method: 'POST', path: `${p}/errors/resync`, body: { selection: { kind: 'cause', key: t.causeKey } } },
      {
        method: 'POST',
        path: `${p}/errors/resync`,
        body: { selection: { kind: 'documents', documentIds: [t.documentId, t.otherDocumentId] } },
      },
    ],
    'POST /v1/quickbooks/documents/{documentId}/resync': [{ method: 'POST', path: `${p}/documents/${t.documentId}/resync` }],
    'POST /v1/quickbooks/documents/{documentId}/handled': [
      { method: 'POST', path: `${p}/documents/${t.documentId}/handled` },
      { method: 'POST', path: `${p}/documents/${t.otherDocumentId}/handled` },
    ],
    'GET /v1/quickbooks/documents/{documentId}/status': [{ method: 'GET', path: `${p}/documents/${t.documentId}/status` }],
    'POST /v1/quickbooks/documents/statuses': [
      { method: 'POST', path: `${p}/documents/statuses`, body: { documentIds: [t.documentId, t.otherDocumentId] } },
    ],
  };
};

/** `METHOD /path` of every operation of an OpenAPI document. */
export const documentedOperations = (doc: { paths: Record<string, Record<string, unknown>> }): string[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));

/** The body of a response; an event stream is read for a moment, then let go (it may never end). */
export const readBody = async (res: Response, streamMs = 300): Promise<string> => {
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream') || res.body === null) return res.text();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + streamMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([reader.read(), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), left))]);
    if (next === 'late' || next.done) break;
    text += next.value;
  }
  await reader.cancel();
  return text;
};
