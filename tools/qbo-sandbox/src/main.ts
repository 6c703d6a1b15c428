// `npm run sandbox`: a local QuickBooks Online on QBO_SANDBOX_PORT (default 4010), test-control API on.
import { createSandbox } from './server/create-sandbox.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './server/sandbox-options.js';
import { readTimeEnvironment } from './server/sandbox-time.js';

const DEFAULT_PORT = 4010;

/** @returns the port, or an error line when QBO_SANDBOX_PORT is not an integer from 0 to 65535 */
function readPort(raw: string | undefined): { port: number } | { error: string } {
  if (raw === undefined || raw.trim() === '') return { port: DEFAULT_PORT };
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port > 65_535) {
    return { error: `qbo-sandbox: QBO_SANDBOX_PORT must be an integer from 0 to 65535, got "${raw}"` };
  }
  return { port };
}

async function main(): Promise<number> {
  const port = readPort(process.env['QBO_SANDBOX_PORT']);
  if ('error' in port) {
    console.error(port.error);
    return 2;
  }
  const time = readTimeEnvironment(process.env);
  if (!time.ok) {
    console.error(time.error);
    return 2;
  }
  const clientId = process.env['QBO_SANDBOX_CLIENT_ID'] || DEFAULT_CLIENT_ID;
  const clientSecret = process.env['QBO_SANDBOX_CLIENT_SECRET'] || DEFAULT_CLIENT_SECRET;
  const sandbox = createSandbox({ clientId, clientSecret, adminEnabled: true, timeScale: time.value.timeScale });
  sandbox.admin.changeTime(time.value.change);
  let running;
  try {
    running = await sandbox.listen(port.port);
  } catch (error) {
    console.error(`qbo-sandbox: cannot listen on port ${port.port}: ${(error as Error).message}`);
    return 1;
  }
  const base = running.url;
  console.log(`qbo-sandbox: a local QuickBooks Online is listening on ${base}
  Accounting API base (node-quickbooks endpoint):  ${base}/v3/company/
  OAuth authorize:  ${base}/connect/oauth2
  OAuth token:      ${base}/oauth2/v1/tokens/bearer
  OAuth revoke:     ${base}/v2/oauth2/tokens/revoke
  OpenID userinfo:  ${base}/v1/openid_connect/userinfo
  Client id / secret: ${clientId} / ${clientId === DEFAULT_CLIENT_ID && clientSecret === DEFAULT_CLIENT_SECRET ? clientSecret : '(from QBO_SANDBOX_CLIENT_SECRET)'}
  Settings page:    ${base}/__admin/ui
  Clock:            ${sandbox.admin.time().now}${sandbox.admin.time().frozen ? ' (frozen)' : ''}, time scale ${sandbox.admin.time().timeScale} (change them: POST ${base}/__admin/time)
WARNING: the test-control API (${base}/__admin) is ENABLED: anyone who reaches this port can read and change every company. Local use only.`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error('qbo-sandbox: failed to start', error);
    process.exit(1);
  },
);
