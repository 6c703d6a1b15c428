import { aCompanyProfile, InMemoryAccounting } from '@ogustine-qbo/domain/testing';
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { instrumentGateway } from './instrumented-gateway.js';
import { createMetrics } from './metrics.js';

describe('QBO request metrics', () => {
  it('counts each request by endpoint and status, 429s apart, and passes results through', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const company = new InMemoryAccounting(aCompanyProfile({ realmId: 'R1' }));
    const accounting = (await instrumentGateway({ open: () => okAsync(company) }, metrics).open('A1'))._unsafeUnwrap();
    expect(accounting.realmId).toBe('R1');
    company.throttleNext(1);
    expect((await accounting.readProfile())._unsafeUnwrapErr()).toEqual({ kind: 'qbo.throttled' });
    expect((await accounting.readProfile())._unsafeUnwrap().realmId).toBe('R1');
    expect(await accounting.findItemByName('nothing')).toEqual(expect.objectContaining({ value: null }));
    await new Promise((resolve) => setImmediate(resolve));
    const counts = Object.fromEntries(
      (await metrics.qboRequests.get()).values.map((v) => [`${String(v.labels.endpoint)} ${String(v.labels.status)}`, v.value]),
    );
    expect(counts).toEqual({ 'readProfile qbo.throttled': 1, 'readProfile ok': 1, 'findItemByName ok': 1 });
    expect((await metrics.qboThrottled.get()).values[0]?.value).toBe(1);
  });
});
