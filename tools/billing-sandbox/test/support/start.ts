import { afterEach } from 'vitest';
import { createBillingSandbox, DEFAULT_TOKEN, type BillingSandbox, type BillingSandboxOptions } from '../../src/index.js';

export interface Started {
  readonly sandbox: BillingSandbox;
  readonly url: string;
  /** GET on the API with the service token. */
  readonly get: (path: string, headers?: Record<string, string>) => Promise<Response>;
}

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of running.splice(0)) await close();
});

/** A sandbox listening on a free port over real HTTP, closed after the test. */
export const start = async (options: Partial<BillingSandboxOptions> = {}): Promise<Started> => {
  const sandbox = createBillingSandbox(options);
  const { url, close } = await sandbox.listen(0);
  running.push(close);
  return {
    sandbox,
    url,
    get: (path, headers = {}) =>
      fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${options.token ?? DEFAULT_TOKEN}`, ...headers } }),
  };
};
