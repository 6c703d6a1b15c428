import { aCompanyProfile } from '@ogustine-qbo/domain/testing';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/test-app.js';

const ACCOUNT = 'acc-1';

describe('connection journey', () => {
  it('reports a fresh account as not connected', async () => {
    const t = await testApp();
    const res = await t.call(ACCOUNT, 'GET', '/v1/quickbooks/connection');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'not-connected',
      company: null,
      connectedAt: null,
      prerequisites: 'unknown',
      initialSync: 'not-launched',
    });
  });

  it('starts a connection with Intuit’s URL carrying a state, and the callback connects the company and goes back to the UI', async () => {
    const t = await testApp();
    t.module.addCompany(aCompanyProfile({ realmId: '9130', companyName: 'Ménage Plus' }));
    const started = await t.call(ACCOUNT, 'POST', '/v1/quickbooks/connection/start');
    expect(started.status).toBe(200);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
    expect(state).not.toBe('');
    t.module.authorization.grantCode('the-code', '9130');
    const back = await t.app.request(`/v1/quickbooks/connection/callback?code=the-code&state=${state}&realmId=9130`);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('https://app.ogustine.test/settings/quickbooks?quickbooks=connected&realmId=9130');
    const status = await (await t.call(ACCOUNT, 'GET', '/v1/quickbooks/connection')).json();
    expect(status).toMatchObject({ status: 'connected', company: { realmId: '9130', name: 'Ménage Plus' } });
    // The state is single-use: replaying the callback changes nothing and says why.
    const replay = await t.app.request(`/v1/quickbooks/connection/callback?code=the-code&state=${state}&realmId=9130`);
    expect(replay.headers.get('location')).toBe(
      'https://app.ogustine.test/settings/quickbooks?quickbooks=error&reason=invalid-authorization-state',
    );
  });

  it('sends the user back with the reason when the callback is refused, cancelled or malformed', async () => {
    const t = await testApp();
    const cancelled = await t.app.request('/v1/quickbooks/connection/callback?error=access_denied&state=x');
    expect(cancelled.headers.get('location')).toContain('quickbooks=error&reason=cancelled');
    const missing = await t.app.request('/v1/quickbooks/connection/callback?state=x');
    expect(missing.headers.get('location')).toContain('reason=invalid-request');
    const badRealm = await t.app.request('/v1/quickbooks/connection/callback?code=c&state=x&realmId=not-a-realm');
    expect(badRealm.headers.get('location')).toContain('reason=invalid-request');
  });

  it('disconnects: revoked at Intuit, status back to not connected, a second disconnect is a 409', async () => {
    const t = await testApp();
    t.module.addCompany(aCompanyProfile({ realmId: '9130' }));
    const started = (await (await t.call(ACCOUNT, 'POST', '/v1/quickbooks/connection/start')).json()) as { authorizationUrl: string };
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    t.module.authorization.grantCode('c', '9130');
    await t.app.request(`/v1/quickbooks/connection/callback?code=c&state=${state}&realmId=9130`);
    const res = await t.call(ACCOUNT, 'DELETE', '/v1/quickbooks/connection', undefined, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revokedAtIntuit: true, message: expect.stringContaining('disconnected') as unknown });
    expect(await (await t.call(ACCOUNT, 'GET', '/v1/quickbooks/connection')).json()).toMatchObject({
      status: 'not-connected',
      company: null,
    });
    const again = await t.call(ACCOUNT, 'DELETE', '/v1/quickbooks/connection');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ type: 'urn:ogustine-qbo:problem:not-connected' });
  });
});
