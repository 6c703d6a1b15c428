// JSON answers checked against `docs/billing-core-api.md`: anything else is `billing.malformed`.
import { err, ok, type Result } from 'neverthrow';
import {
  isKnownTimeZone,
  parseAccountDocument,
  type AccountId,
  type BillingAccount,
  type BillingCoreError,
  type OgustineDocument,
  type UnreadableDocument,
  type ValidatedDocumentsPage,
} from '@ogustine-qbo/domain';

const malformed = (detail: string): Result<never, BillingCoreError> => err({ kind: 'billing.malformed', detail });

/** The body as JSON. Throws only when the body cannot be read (time-out, connection lost). */
export const readJson = async (response: Response): Promise<Result<unknown, BillingCoreError>> => {
  const text = await response.text();
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return malformed(`the body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const toAccount = (accountId: AccountId, body: unknown): Result<BillingAccount, BillingCoreError> => {
  if (!isObject(body)) return malformed('the account is not a JSON object');
  const { timeZone, locale } = body;
  if (body['accountId'] !== accountId) return malformed(`asked for account ${accountId}, got ${JSON.stringify(body['accountId'])}`);
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) return malformed(`unknown time zone ${JSON.stringify(timeZone)}`);
  if (typeof locale !== 'string' || locale.trim() === '') return malformed(`locale must be a BCP 47 tag, got ${JSON.stringify(locale)}`);
  return ok({ accountId, timeZone, locale });
};

/** A page of documents: each one read by the domain, an unreadable one reported, never dropped. */
export const toPage = (accountId: AccountId, body: unknown): Result<ValidatedDocumentsPage, BillingCoreError> => {
  if (!isObject(body) || !Array.isArray(body['documents'])) return malformed('a page must be an object with a documents array');
  const nextCursor = body['nextCursor'];
  if (nextCursor !== null && (typeof nextCursor !== 'string' || nextCursor === '')) return malformed('nextCursor must be a text or null');
  const documents: OgustineDocument[] = [];
  const unreadable: UnreadableDocument[] = [];
  for (const raw of body['documents']) {
    parseAccountDocument(accountId, raw).match(
      (document) => documents.push(document),
      (refused) => unreadable.push(refused),
    );
  }
  return ok({ documents, unreadable, nextCursor });
};
