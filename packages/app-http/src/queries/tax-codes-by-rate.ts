import { compare, parseDecimal, vatRateKey, type AccountId, type StoreError, type VatRate } from '@ogustine-qbo/domain';
import type { ModulePorts } from '../composition/module-ports.js';
import type { Outcome } from '../http/outcome.js';
import { outcomeOf } from '../http/router.js';

/** The rates French home-services invoices use, shown when the account has no document yet. */
const USUAL_RATES = ['20', '10', '5.5', '2.1', '0'];

/**
 * The VAT rates the tax-code setting shows, highest first: those of the account's latest page of
 * documents (one bounded read), else the usual French rates.
 */
export const ratesInUse = async (ports: ModulePorts, accountId: AccountId): Promise<Outcome<readonly VatRate[], StoreError>> => {
  const documents = await outcomeOf(ports.documents.page(accountId, {}));
  if (!documents.ok) return documents;
  const rates = new Map<string, VatRate>();
  for (const doc of documents.value.items) for (const line of doc.lines) rates.set(vatRateKey(line.vatRate), line.vatRate);
  if (rates.size === 0) for (const text of USUAL_RATES) parseDecimal(text).map((rate) => rates.set(vatRateKey(rate), rate));
  return { ok: true, value: [...rates.values()].sort((a, b) => compare(b, a)) };
};
