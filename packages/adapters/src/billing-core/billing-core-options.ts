// How the adapter reaches the billing core (`docs/billing-core-api.md`, "Time-outs and retries").

export interface BillingCoreHttpOptions {
  /** e.g. `https://billing.internal.example/`; the API's `/v1/...` paths are resolved against it. */
  readonly baseUrl: string;
  /** The module's service token, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** For a JSON call, from the request to the whole body read. */
  readonly jsonTimeoutMs: number;
  /** For a PDF, from the request to the whole body read. */
  readonly pdfTimeoutMs: number;
  /** Attempts in all (1 = no retry) on a network error, a time-out, 429 or 5xx. */
  readonly attempts: number;
  /** Full jitter: before retry n, wait a random time in [0, baseDelayMs × 2ⁿ⁻¹). */
  readonly baseDelayMs: number;
  /** A longer `Retry-After` is not waited for: the error is returned with its hint. */
  readonly maxRetryAfterMs: number;
  /** PDFs larger than this are refused (the body is not read further). */
  readonly maxPdfBytes: number;
  /** In [0, 1): the jitter. */
  readonly random: () => number;
  /** Waits between attempts. */
  readonly wait: (ms: number) => Promise<void>;
}

export const DEFAULT_BILLING_CORE_HTTP_OPTIONS = {
  jsonTimeoutMs: 10_000,
  pdfTimeoutMs: 30_000,
  attempts: 3,
  baseDelayMs: 250,
  maxRetryAfterMs: 30_000,
  maxPdfBytes: 10 * 1024 * 1024,
  random: Math.random,
  wait: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
} as const satisfies Omit<BillingCoreHttpOptions, 'baseUrl' | 'token'>;
