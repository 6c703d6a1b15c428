// The port's error for a non-2xx answer (`docs/billing-core-api.md`, "Errors").
import type { BillingCoreError, BillingNotFound } from '@ogustine-qbo/domain';

const NOT_FOUND_CODES: Readonly<Record<string, BillingNotFound>> = {
  account_not_found: 'account',
  document_not_found: 'document',
  pdf_not_found: 'pdf',
};

/** `{ "error": { "code", "message" } }`, read leniently: an error body may come from a proxy. */
export const errorBody = (text: string): { code: string | undefined; message: string | undefined } => {
  try {
    const error: unknown = (JSON.parse(text) as { error?: unknown }).error;
    const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
    return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : undefined };
  } catch {
    return { code: undefined, message: undefined };
  }
};

/** `Retry-After` in seconds (the form the billing core uses), as milliseconds. */
export const retryAfterMs = (header: string | null): number | null =>
  header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : null;

/**
 * @param notFoundByDefault what a 404 without a known code means on this path
 */
export const errorFromResponse = (
  status: number,
  text: string,
  retryAfter: string | null,
  notFoundByDefault: BillingNotFound,
): BillingCoreError => {
  const { code, message } = errorBody(text);
  const said = message ?? (text.trim().slice(0, 200) || `HTTP ${status}`);
  if (status === 404)
    return { kind: 'billing.not-found', what: (code === undefined ? undefined : NOT_FOUND_CODES[code]) ?? notFoundByDefault };
  if (status === 429 || status >= 500)
    return { kind: 'billing.unavailable', detail: `HTTP ${status}: ${said}`, retryAfterMs: retryAfterMs(retryAfter) };
  if (status >= 400) return { kind: 'billing.refused', status, detail: code === undefined ? said : `${code}: ${said}` };
  return { kind: 'billing.malformed', detail: `unexpected HTTP ${status}` };
};
