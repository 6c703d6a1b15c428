import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactSecrets } from './logger.js';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
};

describe('worker logs', () => {
  it('redact tokens at every depth, in the line and in child bindings, and keep the ids', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination }).child({ accountId: 'A1', connection: { refreshToken: 'rt-secret' } });
    log.info(
      {
        realmId: 'R1',
        documentId: 'D1',
        accessToken: 'at-0',
        qbo: { accessToken: 'at-1' },
        a: { b: { c: { d: { e: { f: { access_token: 'at-6', kept: 'visible' } } } } } },
        list: [{ authorization: 'Bearer x' }, { clientSecret: 's' }, { password: 'p' }],
      },
      'synced',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['rt-secret', 'at-0', 'at-1', 'at-6', 'Bearer x', '"s"', '"p"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'qbo-worker',
      accountId: 'A1',
      realmId: 'R1',
      documentId: 'D1',
      accessToken: REDACTED,
      connection: { refreshToken: REDACTED },
      msg: 'synced',
    });
    expect(text).toContain('"kept":"visible"');
  });

  it('redact the bindings of a child of a child, at any depth', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination })
      .child({ part: 'jobs' })
      .child({ realmId: 'R1', deep: { a: { b: { c: { d: { e: { f: { refresh_token: 'gc-secret' } } } } } } } });
    log.info('renewed');
    expect(JSON.stringify(lines)).not.toContain('gc-secret');
    expect(lines[0]).toMatchObject({ part: 'jobs', realmId: 'R1', msg: 'renewed' });
  });

  it('survive cycles and very deep objects without printing them whole', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic['self'] = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ id: 'x', self: '[CIRCULAR]' });
    let deep: Record<string, unknown> = { token: 'leaf' };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain('[TOO DEEP]');
    expect(JSON.stringify(redactSecrets(deep))).not.toContain('leaf');
  });

  it('an error keeps its type and message, and its secret fields are redacted', () => {
    const e = Object.assign(new Error('refresh failed'), { token: 'tok-9', status: 400 });
    expect(redactSecrets({ err: e })).toEqual({ err: { type: 'Error', message: 'refresh failed', token: REDACTED, status: 400 } });
  });
});
