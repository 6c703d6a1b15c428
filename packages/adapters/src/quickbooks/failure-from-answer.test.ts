import type { QboFailure } from '@ogustine-qbo/domain';
import { causeFromQboFailure, postFailureEffect } from '@ogustine-qbo/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureFromAnswer, failureFromTransport } from './failure-from-answer.js';
import { intuitTidOf } from './raw-outcome.js';
import { startSandbox, type Harness } from './test-support/sandbox-harness.js';

let harness: Harness;
let realmId: string;
let accessToken: string;

beforeAll(async () => {
  harness = await startSandbox();
  ({ realmId, accessToken } = harness.sandbox.admin.createCompany({ country: 'GB' }));
});
afterAll(() => harness.close());

/** One raw request to the sandbox, classified the way the adapter classifies every failed answer. */
const failureOf = async (method: string, path: string, init: { token?: string; body?: unknown } = {}): Promise<QboFailure> => {
  const response = await fetch(`${harness.url}/v3/company/${realmId}/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${init.token ?? accessToken}`,
      Accept: 'application/json',
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // XML (429) or text stays text.
  }
  return failureFromAnswer({ status: response.status, body, intuitTid: intuitTidOf(response.headers) });
};

const TID = /^1-[0-9a-f]+-[0-9a-f]+$/;

describe("failureFromAnswer on the sandbox's real bodies", () => {
  it('a validation fault keeps its code, element, detail and intuit_tid (2020 Customer name missing)', async () => {
    const failure = await failureOf('POST', 'customer?minorversion=75', { body: { Notes: 'no name' } });
    expect(failure).toMatchObject({ kind: 'qbo.fault', status: 400, faultType: 'ValidationFault' });
    if (failure.kind !== 'qbo.fault') throw new Error('not a fault');
    expect(failure.errors[0]).toMatchObject({ code: '2020' });
    expect(failure.errors[0]?.detail).not.toBe('');
    expect(failure.intuitTid).toMatch(TID);
    expect(postFailureEffect(failure)).toBe('not-written');
  });

  it('6240 duplicate name on a second customer of the same name', async () => {
    await failureOf('POST', 'customer', { body: { DisplayName: 'Twice' } });
    const failure = await failureOf('POST', 'customer', { body: { DisplayName: 'Twice' } });
    expect(causeFromQboFailure(failure).kind).toBe('cause.duplicate-customer-name');
  });

  it("401 with Intuit's lowercase envelope is unauthorized; the token its detail quotes is not kept", async () => {
    const failure = await failureOf('GET', `companyinfo/${realmId}`, { token: 'eyJ-not-a-token-of-this-realm-0123456789' });
    expect(failure).toEqual({ kind: 'qbo.unauthorized', intuitTid: expect.stringMatching(TID) });
    expect(JSON.stringify(failure)).not.toContain('eyJ');
  });

  it('429 with its XML body is throttled, with the intuit_tid; the write was not done', async () => {
    harness.sandbox.admin.injectFaults({ realmId, throttleNow: true });
    try {
      const failure = await failureOf('POST', 'customer', { body: { DisplayName: 'Throttled' } });
      expect(failure).toEqual({ kind: 'qbo.throttled', intuitTid: expect.stringMatching(TID) });
      expect(postFailureEffect(failure)).toBe('not-written');
    } finally {
      harness.sandbox.admin.reset();
      ({ realmId, accessToken } = harness.sandbox.admin.createCompany({ country: 'GB' }));
    }
  });

  it.each([500, 503] as const)('%i with its SystemFault body (10000) is a fault whose write outcome is unknown', async (status) => {
    harness.sandbox.admin.injectFaults({ realmId, failNext: { count: 1, status } });
    const failure = await failureOf('POST', 'customer', { body: { DisplayName: `Fails ${status}` } });
    expect(failure).toMatchObject({ kind: 'qbo.fault', status, faultType: 'SystemFault', errors: [{ code: '10000' }] });
    expect(postFailureEffect(failure)).toBe('outcome-unknown');
    expect(causeFromQboFailure(failure)).toMatchObject({ kind: 'cause.qbo-unavailable', reason: 'server-error' });
  });

  it('a query parse error (4000) is a fault, not a network failure', async () => {
    const failure = await failureOf('GET', `query?query=${encodeURIComponent('select * frm Customer')}`);
    expect(failure).toMatchObject({ kind: 'qbo.fault', status: 400, errors: [{ code: '4000' }] });
  });

  it('an unknown id is 610 Object Not Found', async () => {
    const failure = await failureOf('GET', 'invoice/987654');
    expect(failure).toMatchObject({ kind: 'qbo.fault', errors: [{ code: '610' }] });
  });
});

describe("failureFromAnswer on QBO-API.md's recorded bodies", () => {
  it('the 401 envelope of python-quickbooks#118', () => {
    const body = {
      warnings: null,
      intuitObject: null,
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired: eyJ…',
            code: '3200',
            element: null,
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: 1533811101733,
    };
    expect(failureFromAnswer({ status: 401, body, intuitTid: 't-1' })).toEqual({ kind: 'qbo.unauthorized', intuitTid: 't-1' });
  });

  it('the 403 ApplicationAuthorizationFailed body keeps its 3100 code', () => {
    const body = {
      fault: {
        error: [{ message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', detail: null, code: '3100' }],
        type: 'SERVICE',
      },
    };
    const failure = failureFromAnswer({ status: 403, body });
    expect(failure).toEqual({
      kind: 'qbo.fault',
      status: 403,
      faultType: 'SERVICE',
      errors: [{ code: '3100', message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', detail: '' }],
    });
    expect(causeFromQboFailure(failure).kind).toBe('cause.authorization-lost');
  });

  it('the XML throttle body in a 200 or 403 (older QBO) is still throttled by its code 3001', () => {
    const xml =
      '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=403</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
    expect(failureFromAnswer({ status: 403, body: xml })).toEqual({ kind: 'qbo.throttled' });
  });

  it('the XML authentication fault with escaped text keeps code, message and detail', () => {
    const xml =
      '<IntuitResponse><Fault type="AuthenticationFault"><Error code="100" element="x"><Message>General Authentication Error</Message><Detail>A &amp; B &lt;ok&gt;</Detail></Error></Fault></IntuitResponse>';
    expect(failureFromAnswer({ status: 400, body: xml })).toEqual({
      kind: 'qbo.fault',
      status: 400,
      faultType: 'AuthenticationFault',
      errors: [{ code: '100', message: 'General Authentication Error', detail: 'A & B <ok>', element: 'x' }],
    });
  });

  it('a 5xx without a fault body is unavailable with its status; a 4xx without one is a fault without errors', () => {
    expect(failureFromAnswer({ status: 502, body: '<html>Bad Gateway</html>', intuitTid: 't' })).toEqual({
      kind: 'qbo.unavailable',
      status: 502,
      intuitTid: 't',
    });
    expect(failureFromAnswer({ status: 404, body: 'Not Found' })).toEqual({ kind: 'qbo.fault', status: 404, errors: [], faultType: '' });
  });

  it('a fault with an HTTP 200 (what node-quickbooks passes as the error) keeps status 200', () => {
    const body = {
      Fault: {
        Error: [{ Message: 'Stale Object Error', code: '5010', Detail: 'Stale Object Error : …', element: '' }],
        type: 'ValidationFault',
      },
    };
    expect(failureFromAnswer({ status: 200, body })).toMatchObject({ kind: 'qbo.fault', status: 200, errors: [{ code: '5010' }] });
  });
});

describe('failureFromTransport', () => {
  it.each([
    ['axios time-out', { code: 'ECONNABORTED', message: 'timeout of 1000ms exceeded' }, 'qbo.timeout'],
    ['fetch time-out', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'qbo.timeout'],
    [
      'undici headers time-out',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } }),
      'qbo.timeout',
    ],
    ['reset', { code: 'ECONNRESET', message: 'socket hang up' }, 'qbo.network'],
    ['refused', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'qbo.network'],
    ['anything else', 'weird', 'qbo.network'],
  ])('%s → %s', (_what, error, kind) => {
    expect(failureFromTransport(error)).toEqual({ kind });
  });
});
