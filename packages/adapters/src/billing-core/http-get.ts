// One GET to the billing core with a time-out over the whole exchange, retried with back-off and
// jitter while the core is unavailable (network error, time-out, 429, 5xx). Other answers are final.
import { err, ResultAsync, type Result } from 'neverthrow';
import type { BillingCoreError, BillingNotFound } from '@ogustine-qbo/domain';
import type { BillingCoreHttpOptions } from './billing-core-options.js';
import { errorFromResponse } from './error-from-response.js';
import { retryDelay } from './retry-delay.js';

/** Reads a 2xx answer; throwing is for a failed read (time-out, broken connection), not for bad content. */
export type ReadBody<T> = (response: Response) => Promise<Result<T, BillingCoreError>>;

export interface GetRequest<T> {
  readonly path: string;
  readonly timeoutMs: number;
  readonly accept: string;
  /** What a 404 without a known code means here. */
  readonly notFound: BillingNotFound;
  readonly read: ReadBody<T>;
}

const causeOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
};

/** A failed exchange: the core is unavailable for now. */
const unreachable = (error: unknown, timeoutMs: number): BillingCoreError => {
  const name = (error as { name?: unknown }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'billing.unavailable', detail: `no complete answer within ${timeoutMs} ms`, retryAfterMs: null };
  }
  const cause = causeOf(error);
  return {
    kind: 'billing.unavailable',
    detail: `network error: ${(error as Error).message}${cause === '' ? '' : ` (${cause})`}`,
    retryAfterMs: null,
  };
};

const attempt = async <T>(options: BillingCoreHttpOptions, request: GetRequest<T>): Promise<Result<T, BillingCoreError>> => {
  const url = new URL(request.path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  try {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${options.token}`, Accept: request.accept },
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    if (response.ok) return await request.read(response);
    return err(errorFromResponse(response.status, await response.text(), response.headers.get('Retry-After'), request.notFound));
  } catch (error) {
    return err(unreachable(error, request.timeoutMs));
  }
};

const withAttempts = (error: BillingCoreError, made: number): BillingCoreError =>
  error.kind === 'billing.unavailable' && made > 1 ? { ...error, detail: `${error.detail} (after ${made} attempts)` } : error;

export const httpGet = <T>(options: BillingCoreHttpOptions, request: GetRequest<T>): ResultAsync<T, BillingCoreError> =>
  new ResultAsync(
    (async (): Promise<Result<T, BillingCoreError>> => {
      for (let made = 1; ; made++) {
        const outcome = await attempt(options, request);
        if (outcome.isOk() || outcome.error.kind !== 'billing.unavailable') return outcome;
        const next = retryDelay(made, outcome.error.retryAfterMs, options);
        if (!next.retry) return err(withAttempts(outcome.error, made));
        await options.wait(next.delayMs);
      }
    })(),
  );
