import { describe, expect, it } from 'vitest';
import { documentedOperations } from './support/route-catalogue.js';
import { testApp } from './support/test-app.js';

interface Operation {
  readonly security?: unknown[];
  readonly responses: Record<string, { content?: Record<string, unknown> }>;
  readonly parameters?: { name: string; in: string }[];
  readonly requestBody?: { content: Record<string, unknown> };
  readonly summary?: string;
}
type OpenApi = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
};

const load = async () => {
  const t = await testApp();
  const res = await t.app.request('/openapi.json');
  expect(res.status).toBe(200);
  return { t, doc: (await res.json()) as OpenApi };
};

/** hono's `/runs/:runId` is OpenAPI's `/runs/{runId}`. */
const asOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists exactly the routes the app serves under /v1, plus health, readiness and metrics', async () => {
    const { t, doc } = await load();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).not.toBe('');
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/v1/') || ['/health', '/ready', '/metrics'].includes(r.path)))
      .map((r) => `${r.method} ${asOpenApiPath(r.path)}`);
    expect([...new Set(served)].sort()).toEqual(documentedOperations(doc).sort());
    expect(documentedOperations(doc).length).toBeGreaterThanOrEqual(27);
  });

  it('requires the bearer token on every /v1 operation except the OAuth callback and the progress stream', async () => {
    const { doc } = await load();
    expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const open = path.endsWith('/connection/callback') || path.endsWith('/events');
        expect(op.security ?? [], `${method} ${path}`).toEqual(open ? [] : [{ bearer: [] }]);
      }
    }
  });

  it('documents for each operation a summary, a success answer and problem+json errors, and every path parameter', async () => {
    const { doc } = await load();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toBeTruthy();
        const statuses = Object.keys(op.responses);
        expect(
          statuses.some((s) => /^[23]/.test(s)),
          where,
        ).toBe(true);
        // Readiness answers its own status document, also when not ready.
        for (const status of statuses.filter((s) => /^[45]/.test(s) && path !== '/ready')) {
          expect(Object.keys(op.responses[status]?.content ?? {}), `${where} ${status}`).toContain('application/problem+json');
        }
        const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const name of params)
          expect(
            op.parameters?.some((p) => p.in === 'path' && p.name === name),
            `${where} ${name}`,
          ).toBe(true);
        if (op.requestBody !== undefined) expect(Object.keys(op.requestBody.content)).toEqual(['application/json']);
      }
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'ConnectionStatus', 'InitialSyncPreview', 'Run', 'ErrorHistory']),
    );
  });
});
