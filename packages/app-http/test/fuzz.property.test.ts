import { fc, test } from '@fast-check/vitest';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readBody, sampleCalls, type SampleCall } from './support/route-catalogue.js';
import { AUDIENCE, ISSUER, SECRET, tokenFor, type TestApp } from './support/test-app.js';
import { A, twoTenants } from './support/two-tenants.js';

let world: { t: TestApp; causeKey: string };
let operations: readonly SampleCall[];
/** Statuses seen: the fuzz must reach the handlers (2xx), validation (400) and auth (401), not only one gate. */
const seen = new Map<number, number>();

beforeAll(async () => {
  world = await twoTenants();
  const samples = sampleCalls({
    documentId: 'D1',
    otherDocumentId: 'D2',
    causeKey: world.causeKey,
    runId: 'initial-sync',
  });
  const system = ['/health', '/ready', '/metrics', '/openapi.json', '/reference', '/reference/reference.js'].map((path) => ({
    method: 'GET',
    path,
  }));
  operations = [...Object.values(samples).flat(), ...system];
});

const sign = (claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

/** Every kind of credential a caller may send: valid, for odd accounts, expired, forged, absent, garbage. */
const authorization = fc.oneof(
  fc.constant(async () => `Bearer ${await tokenFor(A)}`),
  fc.constant(async () => `Bearer ${await tokenFor('B2')}`),
  fc.string({ maxLength: 80 }).map((account) => async () => `Bearer ${await tokenFor(account)}`),
  fc.constant(async () => `Bearer ${await tokenFor(A, { exp: Math.floor(Date.now() / 1000) - 3600 })}`),
  fc.constant(async () => `Bearer ${await tokenFor(A, { exp: undefined })}`),
  fc.constant(async () => `Bearer ${await tokenFor(A, { iss: 'https://evil.test' })}`),
  fc.constant(async () => `Bearer ${await tokenFor(A, { aud: 'someone-else' })}`),
  fc.constant(async () => `Bearer ${await tokenFor(A, {}, 'another-secret-of-at-least-thirty-two-bytes')}`),
  fc.constant(async () => `Bearer ${await sign({ account_id: A, iss: ISSUER, aud: AUDIENCE, exp: 4_000_000_000 }, SECRET, 'HS512')}`),
  fc.constant(async () => `Bearer eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ account_id: A, exp: 4e9 })).toString('base64url')}.`),
  fc.string({ maxLength: 200 }).map((s) => async () => `Bearer ${s}`),
  fc.string({ maxLength: 200 }).map((s) => async () => s),
  fc.constant(async () => undefined),
);

/** A path segment that may be hostile: traversal, encodings (valid or broken), unicode, long. */
const segment = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('..', '%2e%2e', '%E0%A4%A', '%', '%00', 'D1', 'initial-sync', 'A'.repeat(300), 'é', '20', '5.5', '..%2F..'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const body = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.json().map((j) => j),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', 'null', '[]', '{"selection":{"kind":"cause"}}', '{"syncFrom":"2024-13-01"}', '{"documentIds":[]}'),
  fc.constant('x'.repeat(70_000)),
  fc
    .record(
      {
        acknowledgeIrrevocable: fc.anything(),
        syncFrom: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        ),
        selection: fc.anything(),
        documentIds: fc.array(fc.string(), { maxLength: 5 }),
        taxCodeId: fc.anything(),
        attachPdf: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);

const headerValue = fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s));

/** Replaces each path parameter of a sample with a fuzzed segment, keeping the route's shape. */
const fuzzPath = (path: string, segments: readonly string[], query: string): string => {
  const [base = '', existing] = path.split('?');
  const parts = base.split('/');
  // Fuzz the last segments that are not fixed words of the API (ids, rates, run ids).
  const fixed = new Set([
    '',
    'v1',
    'quickbooks',
    'connection',
    'start',
    'callback',
    'prerequisites',
    'check',
    'tax-codes',
    'settings',
    'initial-sync',
    'preview',
    'left-out',
    'runs',
    'stream-tickets',
    'events',
    'schedule',
    'errors',
    'resync',
    'handled',
    'documents',
    'status',
    'statuses',
    'health',
    'ready',
    'metrics',
    'openapi.json',
    'reference',
    'reference.js',
  ]);
  let i = 0;
  const fuzzed = parts.map((p) => (fixed.has(p) || i >= segments.length ? p : encodeURIComponent(segments[i++] ?? p)));
  const q = [existing, query].filter((s) => s !== undefined && s !== '').join('&');
  return fuzzed.join('/') + (q === '' ? '' : `?${q}`);
};

describe('fuzz: random and malformed requests at every route', () => {
  afterAll(() => {
    const statuses = [...seen.keys()];
    expect(statuses.some((s) => s >= 200 && s < 300)).toBe(true);
    for (const status of [400, 401, 404]) expect(statuses).toContain(status);
  });

  test.prop(
    {
      pick: fc.nat(),
      method: fc.oneof(
        fc.constant<string | undefined>(undefined),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      ),
      segments: fc.array(segment, { maxLength: 2 }),
      query: fc
        .array(
          fc.tuple(
            fc.constantFrom('offset', 'limit', 'state', 'cause', 'documentId', 'ticket', 'code', 'state', 'realmId', 'error', 'x'),
            fc.string({ maxLength: 20 }),
          ),
          { maxLength: 3 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
      auth: authorization,
      body,
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'garbage',
      ),
      language: fc.oneof(fc.constant(undefined), headerValue, fc.constantFrom('en', 'fr-FR', 'en;q=0.1, fr;q=0.2', '*', 'de')),
      lastEventId: fc.oneof(fc.constant(undefined), headerValue),
      requestId: fc.oneof(fc.constant(undefined), headerValue),
    },
    { numRuns: 600 },
  )('never a 5xx, always problem+json for an error, never a stack trace', async (r) => {
    const sample = operations[r.pick % operations.length] as SampleCall;
    const path = fuzzPath(sample.path, r.segments, r.query);
    const method = r.method ?? sample.method;
    const auth = await r.auth();
    const headers: Record<string, string> = {};
    if (auth !== undefined) headers['authorization'] = auth;
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    if (r.language !== undefined) headers['accept-language'] = r.language;
    if (r.lastEventId !== undefined) headers['last-event-id'] = r.lastEventId;
    if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
    const sent = method !== 'GET' && method !== 'HEAD' ? r.body : undefined;
    const res = await world.t.app.request(path, { method, headers, ...(sent === undefined ? {} : { body: sent }) });
    const text = method === 'HEAD' ? '' : await readBody(res, 100);
    seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    expect(res.status, `${method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
    expect(text).not.toMatch(/\n\s+at [^\n]+\.(ts|js):\d+/);
    if (res.status >= 400 && method !== 'HEAD') {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = JSON.parse(text) as Record<string, unknown>;
      expect(problem).toMatchObject({ type: expect.stringMatching(/^urn:ogustine-qbo:problem:/) as unknown, status: res.status });
    }
  });
});
