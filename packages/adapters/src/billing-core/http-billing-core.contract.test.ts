import { billingCoreContract } from '@ogustine-qbo/domain/testing';
import { afterEach, describe, it } from 'vitest';
import { contractSubject, startSandbox } from '../../test/support/billing-sandbox.js';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe('HttpBillingCore against the billing sandbox over HTTP satisfies its port contract', () => {
  for (const c of billingCoreContract) {
    it(c.name, async () => {
      const running = await startSandbox();
      closing.push(running.close);
      await c.run(contractSubject(running));
    });
  }
});
