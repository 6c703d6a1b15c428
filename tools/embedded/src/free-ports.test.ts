import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyPortLine } from './free-ports.js';

let taken: Server;
let takenPort: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  takenPort = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

describe('busy ports', () => {
  it('names the variable of the first busy port, in one line', async () => {
    const line = await busyPortLine('127.0.0.1', [{ variable: 'QBO_SANDBOX_PORT', port: takenPort }]);
    expect(line).toBe(
      `npm start: port ${takenPort} is already in use: set QBO_SANDBOX_PORT to a free port (e.g. QBO_SANDBOX_PORT=${takenPort + 1} npm start)`,
    );
  });

  it('says nothing when every port is free (and leaves them free)', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const a = probe.address();
        probe.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
      });
    });
    expect(await busyPortLine('127.0.0.1', [{ variable: 'HTTP_PORT', port: free }])).toBeNull();
    expect(await busyPortLine('127.0.0.1', [{ variable: 'HTTP_PORT', port: free }])).toBeNull();
  });
});
