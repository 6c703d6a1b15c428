import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from './buses.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The worker as its own process (TypeScript run through tsx, workspace packages from source). */
const startWorker = (env: Record<string, string>) => {
  const child = spawn(process.execPath, ['--conditions=@ogustine-qbo/source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
};

const validEnv = (): Record<string, string> => {
  const dir = mkdtempSync(join(tmpdir(), 'qbo-worker-'));
  dirs.push(dir);
  return {
    WORKER_BUS: 'in-process',
    DATABASE_URL: `sqlite:${join(dir, 'worker.sqlite')}`,
    WORKER_HEALTH_PORT: '0',
    QBO_CLIENT_ID: 'c',
    QBO_CLIENT_SECRET: 's',
    QBO_REDIRECT_URI: 'http://127.0.0.1:9/cb',
    QBO_ENVIRONMENT: 'sandbox',
    TOKEN_KEY_ID: 'k1',
    TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    BILLING_CORE_URL: 'http://127.0.0.1:9/',
    BILLING_CORE_TOKEN: 't',
  };
};

describe('the worker process', () => {
  it('refuses to start on an invalid configuration, naming every problem (no secret value), exit code 1', async () => {
    const worker = startWorker({ WORKER_BUS: 'kafka', QBO_CLIENT_SECRET: 'do-not-print-me' });
    expect(await worker.exited).toBe(1);
    const fatal = worker.lines.find((l) => l['level'] === 'fatal');
    expect(fatal?.['msg']).toBe('invalid configuration');
    expect(fatal?.['problems']).toEqual(
      expect.arrayContaining(['WORKER_BUS must be "rabbitmq" or "in-process", got "kafka"', 'QBO_CLIENT_ID is required']),
    );
    expect(JSON.stringify(worker.lines)).not.toContain('do-not-print-me');
  });

  it('starts, answers ready, and on SIGTERM stops gracefully with exit code 0', async () => {
    const worker = startWorker(validEnv());
    await eventually(() => worker.lines.some((l) => l['msg'] === 'worker started'), 'started', 30_000);
    const port = worker.lines.find((l) => l['msg'] === 'health and metrics served')?.['healthPort'];
    const ready = await fetch(`http://127.0.0.1:${String(port)}/health/ready`);
    expect(ready.status).toBe(200);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.lines.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['shutting down', 'worker stopping: settling messages and jobs in hand', 'worker stopped']),
    );
  });

  it('cannot reach its broker at start: exit code 1, the part named', async () => {
    const worker = startWorker({ ...validEnv(), WORKER_BUS: 'rabbitmq', AMQP_URL: 'amqp://guest:guest@127.0.0.1:9' });
    expect(await worker.exited).toBe(1);
    const fatal = worker.lines.find((l) => l['level'] === 'fatal');
    expect(fatal).toMatchObject({ msg: 'cannot open the infrastructure', err: { kind: 'infrastructure.unavailable', part: 'bus' } });
  });
});
