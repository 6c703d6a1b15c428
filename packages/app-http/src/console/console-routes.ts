import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/** The console's files: plain HTML, CSS and JS modules next to `src/` (and `dist/`), read once at start. */
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Everything the console uses comes from this origin: no inline script, no third party. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:*; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const loadFiles = (): ReadonlyMap<string, { readonly body: string; readonly type: string }> =>
  new Map(
    readdirSync(CONSOLE_DIR)
      .filter((name) => TYPES[extname(name)] !== undefined)
      .map((name) => [name, { body: readFileSync(join(CONSOLE_DIR, name), 'utf8'), type: TYPES[extname(name)] ?? 'text/plain' }]),
  );

/**
 * The web console under /console/: a client of the public /v1/quickbooks API like Ogustine's UI,
 * one screen per step of the help article. Only the files of the folder are served (a fixed list:
 * no path from the request reaches the file system).
 */
export const consoleRoutes = (): Hono<AppEnv> => {
  const files = loadFiles();
  const app = new Hono<AppEnv>();
  app.get('/console', (c) => c.redirect('/console/', 302));
  app.get('/console/:file{[^/]*}', (c) => {
    const file = files.get(c.req.param('file') || 'index.html');
    if (file === undefined) return c.notFound();
    return c.body(file.body, 200, { 'content-type': file.type, ...SECURITY_HEADERS });
  });
  return app;
};
