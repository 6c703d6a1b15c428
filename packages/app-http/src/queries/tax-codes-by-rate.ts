import {
  compare,
  equals,
  parseDecimal,
  taxCodeForRate,
  vatRateKey,
  type AccountId,
  type AccountingGatewayError,
  type QboFailure,
  type QboTaxCode,
  type StoreError,
  type VatRate,
} from '@ogustine-qbo/domain';
import type { ModulePorts } from '../composition/module-ports.js';
import type { Outcome } from '../http/outcome.js';
import { outcomeOf } from '../http/router.js';

/** The rates French home-services invoices use, shown when the account has sent no document yet. */
const USUAL_RATES = ['20', '10', '5.5', '2.1', '0'];

export interface RateTaxCode {
  readonly rate: VatRate;
  /** The code today's rule picks (`taxCodeForRate`), or undefined when the company has none for the rate. */
  readonly chosen: QboTaxCode | undefined;
  /** Every active code of the company that taxes exactly this rate: what the user could choose from. */
  readonly candidates: readonly QboTaxCode[];
}

export type TaxCodesError = AccountingGatewayError | StoreError | { readonly kind: 'qbo.failed'; readonly failure: QboFailure };

const taxesExactly = (code: QboTaxCode, rate: VatRate): boolean =>
  code.active && code.salesRates.length === 1 && code.salesRates[0] !== undefined && equals(code.salesRates[0].ratePercent, rate);

/** The tax code used for each VAT rate of the account's documents, read from the connected company (one profile read). */
export const readTaxCodesByRate = async (
  ports: ModulePorts,
  accountId: AccountId,
): Promise<Outcome<readonly RateTaxCode[], TaxCodesError>> => {
  const accounting = await outcomeOf(ports.gateway.open(accountId));
  if (!accounting.ok) return accounting;
  const profile = await outcomeOf(accounting.value.readProfile().mapErr((failure) => ({ kind: 'qbo.failed' as const, failure })));
  if (!profile.ok) return profile;
  const documents = await outcomeOf(ports.documents.list(accountId));
  if (!documents.ok) return documents;
  const rates = new Map<string, VatRate>();
  for (const doc of documents.value) for (const line of doc.lines) rates.set(vatRateKey(line.vatRate), line.vatRate);
  if (rates.size === 0) for (const text of USUAL_RATES) parseDecimal(text).map((rate) => rates.set(vatRateKey(rate), rate));
  const rows = [...rates.values()]
    .sort((a, b) => compare(b, a))
    .map((rate) => ({
      rate,
      chosen: taxCodeForRate(profile.value.taxCodes, rate),
      candidates: profile.value.taxCodes.filter((code) => taxesExactly(code, rate)),
    }));
  return { ok: true, value: rows };
};
