import type { QboFailure } from '@ogustine-qbo/domain';
import { failureFromAnswer, failureFromTransport } from './failure-from-answer.js';

/** One HTTP exchange with QBO, before its body is read: the body of a success, or the classified failure. */
export type RawOutcome =
  | { readonly ok: true; readonly body: unknown; readonly intuitTid?: string | undefined }
  | { readonly ok: false; readonly failure: QboFailure; readonly answered: boolean };

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** `intuit_tid` from axios headers (a plain object or AxiosHeaders) or fetch `Headers`. */
export const intuitTidOf = (headers: unknown): string | undefined => {
  if (!isJson(headers)) return undefined;
  const get = headers['get'];
  const value = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, 'intuit_tid') : headers['intuit_tid'];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** node-quickbooks' callback: `(err, data, res)`; `res` is axios' response when there was one. */
export type NodeQuickbooksCallback = (err: unknown, data: unknown, res?: unknown) => void;

/**
 * Runs one callback-style node-quickbooks call as a promise that never rejects. node-quickbooks reports
 * failures three ways (STACK-NOTES §4): an AxiosError carrying the response (4xx/5xx), an AxiosError
 * without one (time-out, reset), and, for HTTP 200 with a `Fault`, the body itself as the error.
 * @returns the body, or the failure classified with its `intuit_tid`
 */
export const viaNodeQuickbooks = (start: (cb: NodeQuickbooksCallback) => void): Promise<RawOutcome> =>
  new Promise((resolve) => {
    start((err, data, res) => {
      const response = isJson(res) ? res : undefined;
      if (err === null || err === undefined) {
        resolve({ ok: true, body: data, intuitTid: intuitTidOf(response?.['headers']) });
        return;
      }
      const axiosResponse = isJson(err) && isJson(err['response']) ? err['response'] : undefined;
      if (axiosResponse !== undefined) {
        const status = typeof axiosResponse['status'] === 'number' ? axiosResponse['status'] : 0;
        resolve({
          ok: false,
          answered: true,
          failure: failureFromAnswer({ status, body: axiosResponse['data'], intuitTid: intuitTidOf(axiosResponse['headers']) }),
        });
        return;
      }
      if (isJson(err) && ('Fault' in err || 'fault' in err)) {
        const status = typeof response?.['status'] === 'number' ? response['status'] : 200;
        resolve({
          ok: false,
          answered: true,
          failure: failureFromAnswer({ status, body: err, intuitTid: intuitTidOf(response?.['headers']) }),
        });
        return;
      }
      resolve({ ok: false, answered: false, failure: failureFromTransport(err) });
    });
  });
