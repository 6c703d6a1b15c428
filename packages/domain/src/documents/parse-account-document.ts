import { err, ok, type Result } from 'neverthrow';
import type { AccountId, OgustineDocument } from './document.js';
import { parseDocument } from './parse-document.js';
import type { UnreadableDocument } from '../ports/billing-core.js';

const readableId = (input: unknown): string | null => {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !Object.hasOwn(input, 'id')) return null;
  const id: unknown = (input as Record<string, unknown>)['id'];
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
};

/**
 * Reads one document of an account's history, as the billing core sent it: `parseDocument`, and the
 * document must belong to the account it was asked for (another tenant's document is never taken in).
 * @returns ok(document) if it parses and belongs to `accountId`
 * @returns err(unreadable) with its id when readable and every issue otherwise
 */
export const parseAccountDocument = (accountId: AccountId, input: unknown): Result<OgustineDocument, UnreadableDocument> => {
  const parsed = parseDocument(input);
  if (parsed.isErr()) return err({ documentId: readableId(input), issues: parsed.error });
  const doc = parsed.value;
  if (doc.accountId !== accountId) {
    return err({
      documentId: doc.id,
      issues: [{ path: 'accountId', code: 'inconsistent', message: `the document belongs to account ${doc.accountId}, not ${accountId}` }],
    });
  }
  return ok(doc);
};
