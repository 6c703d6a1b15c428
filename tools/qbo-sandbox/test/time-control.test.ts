// Time control from outside the process: the environment of `npm run sandbox` and /__admin/time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTimeEnvironment, SandboxTime } from '../src/server/sandbox-time.js';
import type { Harness } from './support/accounting-harness.js';
import { startHarness } from './support/accounting-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const time = async (body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${h.url}/__admin/time`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('SandboxTime', () => {
  it('set moves the clock, advance adds to it, a frozen clock stands still until unfrozen and then runs on from there', () => {
    let real = 1_000_000;
    const scale = { timeScale: 1 };
    const t = new SandboxTime(() => new Date(real), scale);
    t.change({ set: new Date(5_000_000) });
    real += 10;
    expect(t.now().getTime()).toBe(5_000_010);
    t.change({ frozen: true, advanceSeconds: 2 });
    real += 500;
    expect(t.now().getTime()).toBe(5_002_010);
    t.change({ frozen: false });
    real += 7;
    expect(t.now().getTime()).toBe(5_002_017);
    expect(t.change({ timeScale: 0 }).ok).toBe(false);
    expect(t.change({ timeScale: 0.5 })).toMatchObject({ ok: true, value: { timeScale: 0.5 } });
    expect(scale.timeScale).toBe(0.5);
  });

  it('set and frozen in one change stand exactly at the instant set, however the real clock moves meanwhile', () => {
    let real = 0;
    const t = new SandboxTime(() => new Date((real += 3)), { timeScale: 1 });
    expect(t.change({ set: new Date(1_000), frozen: true })).toMatchObject({ ok: true, value: { now: new Date(1_000).toISOString() } });
  });

  it('the environment: QBO_SANDBOX_TIME_SCALE, QBO_SANDBOX_CLOCK, QBO_SANDBOX_CLOCK_FROZEN; a bad value names its variable', () => {
    expect(readTimeEnvironment({})).toEqual({ ok: true, value: { timeScale: 1, change: {} } });
    expect(
      readTimeEnvironment({ QBO_SANDBOX_TIME_SCALE: '0.01', QBO_SANDBOX_CLOCK: '2026-01-31T09:00:00Z', QBO_SANDBOX_CLOCK_FROZEN: 'true' }),
    ).toEqual({ ok: true, value: { timeScale: 0.01, change: { set: new Date('2026-01-31T09:00:00Z'), frozen: true } } });
    for (const [name, value] of [
      ['QBO_SANDBOX_TIME_SCALE', '-1'],
      ['QBO_SANDBOX_CLOCK', 'tomorrow'],
      ['QBO_SANDBOX_CLOCK_FROZEN', 'maybe'],
    ] as const) {
      const read = readTimeEnvironment({ [name]: value });
      expect(read.ok ? 'accepted' : read.error).toContain(name);
    }
  });
});

describe('/__admin/time', () => {
  it('advancing the clock past the access token lifetime makes the token expire (401)', async () => {
    const realm = await h.company('GB');
    expect((await realm.api('GET', `companyinfo/${realm.realmId}`)).status).toBe(200);
    expect((await time({ advanceSeconds: 3601 })).status).toBe(200);
    expect((await realm.api('GET', `companyinfo/${realm.realmId}`)).status).toBe(401);
  });

  it('set and freeze: MetaData stamps follow the sandbox clock; GET answers now, frozen, timeScale', async () => {
    expect((await time({ set: '2027-03-01T10:00:00Z', frozen: true })).body).toEqual({
      now: '2027-03-01T10:00:00.000Z',
      frozen: true,
      timeScale: 0.0001,
    });
    const fresh = await h.company('GB');
    const customer = await fresh.create('customer', { DisplayName: 'Stamped' });
    expect((customer['MetaData'] as Record<string, unknown>)['CreateTime']).toBe('2027-03-01T03:00:00-07:00');
    expect((await time()).body['now']).toBe('2027-03-01T10:00:00.000Z');
    expect((await time({ frozen: false })).body['frozen']).toBe(false);
  });

  it('bad bodies → 400 with a message', async () => {
    for (const bad of [{ set: 'soon' }, { advanceSeconds: 'x' }, { timeScale: 0 }, { frozen: 'yes' }, { speed: 2 }])
      expect((await time(bad)).status).toBe(400);
  });

  it('timeScale changed over HTTP changes the throttle windows', async () => {
    const realm = await h.company('GB');
    expect((await time({ timeScale: 1000 })).body['timeScale']).toBe(1000);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await realm.api('GET', `companyinfo/${realm.realmId}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    await time({ timeScale: 0.0001 });
  });
});

describe('npm run sandbox reads the time from its environment', () => {
  it('QBO_SANDBOX_CLOCK and QBO_SANDBOX_CLOCK_FROZEN are what /__admin/time answers', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        QBO_SANDBOX_PORT: '0',
        QBO_SANDBOX_CLOCK: '2026-02-01T08:00:00Z',
        QBO_SANDBOX_CLOCK_FROZEN: 'true',
        QBO_SANDBOX_TIME_SCALE: '0.5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
      });
      const answer = (await (await fetch(`${url}/__admin/time`)).json()) as Record<string, unknown>;
      expect(answer).toEqual({ now: '2026-02-01T08:00:00.000Z', frozen: true, timeScale: 0.5 });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a bad QBO_SANDBOX_TIME_SCALE stops with one line and exit code 2', async () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, QBO_SANDBOX_PORT: '0', QBO_SANDBOX_TIME_SCALE: 'fast' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect([code, err.trim()]).toEqual([2, 'qbo-sandbox: QBO_SANDBOX_TIME_SCALE must be a number > 0, got "fast"']);
  });
});
