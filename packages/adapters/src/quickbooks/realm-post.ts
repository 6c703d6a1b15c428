import { failureFromAnswer, failureFromTransport, faultOfBody } from './failure-from-answer.js';
import { intuitTidOf, type RawOutcome } from './raw-outcome.js';

/** Where the Accounting API of one realm answers: `{apiBaseUrl}/v3/company/{realmId}/…`. */
export interface RealmEndpoint {
  readonly apiBaseUrl: string;
  readonly realmId: string;
  readonly minorVersion: string;
}

const bodyOf = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * One POST to `{resource}?minorversion=…&requestid=…` of the realm with `fetch`, for the requests
 * node-quickbooks cannot send with a `requestid` (the upload, the batch). A `Fault` inside an HTTP 200
 * is a failure, as node-quickbooks reports it.
 * @returns the answer's body, or the classified failure with its `intuit_tid`
 */
export const postToRealm = async (
  endpoint: RealmEndpoint,
  resource: string,
  requestId: string,
  accessToken: string,
  body: { readonly contentType?: string; readonly content: string | FormData },
): Promise<RawOutcome> => {
  const query = new URLSearchParams({ minorversion: endpoint.minorVersion, requestid: requestId });
  const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
  if (body.contentType !== undefined) headers['Content-Type'] = body.contentType;
  try {
    const response = await fetch(`${endpoint.apiBaseUrl}/v3/company/${endpoint.realmId}/${resource}?${query.toString()}`, {
      method: 'POST',
      headers,
      body: body.content,
    });
    const answer = await bodyOf(response);
    const intuitTid = intuitTidOf(response.headers);
    if (response.ok && faultOfBody(answer) === undefined) return { ok: true, body: answer, intuitTid };
    return { ok: false, answered: true, failure: failureFromAnswer({ status: response.status, body: answer, intuitTid }) };
  } catch (error) {
    return { ok: false, answered: false, failure: failureFromTransport(error) };
  }
};

/**
 * The batch endpoint (QBO-API.md §3) with the batch's `requestid` (at most 36 characters), which
 * node-quickbooks' `batch` cannot send: a batch sent again with the same id is answered the first
 * answer, without creating anything twice.
 * @returns a request for `QboRequests.send('batch', …)`
 */
export const batchRequest =
  (endpoint: RealmEndpoint, items: readonly object[], requestId: string) =>
  (accessToken: string): Promise<RawOutcome> =>
    postToRealm(endpoint, 'batch', requestId, accessToken, {
      contentType: 'application/json',
      content: JSON.stringify({ BatchItemRequest: items }),
    });
