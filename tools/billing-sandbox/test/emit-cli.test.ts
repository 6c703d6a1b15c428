import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { accountSpec } from '../src/index.js';
import { start } from './support/start.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/emit-cli.ts', import.meta.url));

/** Runs the emit CLI from its source, as `npm run billing-sandbox:emit` runs its build. */
const emit = (args: readonly string[]) =>
  run(process.execPath, ['--import', 'tsx', CLI, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('the emit CLI', () => {
  it('asks a running sandbox for new documents and prints each event', async () => {
    const { url, sandbox } = await start({ accounts: [accountSpec({ accountId: 'C1', documents: 3 })] });
    const result = await emit(['credit_note', '--account', 'C1', '--url', url, '--count', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stdout).toMatch(/^credit_note\.validated AE\d{4}-00001 \(document C1-E1, event [0-9a-f-]{36}\)$/m);
    expect(sandbox.admin.events().map((e) => e.type)).toEqual(['credit_note.validated', 'credit_note.validated']);
  });

  it('says how to use it, and what went wrong, with a non-zero exit', async () => {
    const usage = await emit(['refund']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: billing-sandbox:emit -- <invoice|credit_note|discounted_invoice|malformed>');
    const { url } = await start({ accounts: [] });
    const unknown = await emit(['invoice', '--account', 'NOPE', '--url', url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404 no such account');
  });
});
