// The domain (mapDocument + computeQboTotals) and the sandbox (tax engine) implement docs/qbo-computation-model.md
// independently. Here each checks the other: documents are mapped by the domain against a profile read from the
// sandbox over HTTP, posted to the sandbox, and the sandbox's figures must be Ogustine's.
import { fc, test } from '@fast-check/vitest';
import type { CompanyProfile, MappingRefs, OgustineDocument, QboAccount } from '@ogustine-qbo/domain';
import { centsToAmount, decimalFromNumber, mapDocument, vatRateKey } from '@ogustine-qbo/domain';
import { documentArb, ogustineTotals } from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import { companyProfileFromQbo } from './company-profile-from-qbo.js';
import { payloadToQboJson, resourceOf } from './payload-to-qbo-json.js';

type Json = Record<string, unknown>;

interface Target {
  readonly realm: Realm;
  readonly profile: CompanyProfile;
  readonly customerId: string;
  /** A few service items; each Ogustine service goes to one of them (which one does not change the totals). */
  readonly itemIds: readonly string[];
}

/** The United Kingdom has none of the French reduced rates: a person adds them in the settings, as for any rate. */
const GB_TAX_CODES = [
  { name: '20.0% S', rates: [{ name: '20.0% S', ratePercent: 20 }] },
  { name: '5.0% R', rates: [{ name: '5.0% R', ratePercent: 5 }] },
  { name: '0.0% Z', rates: [{ name: '0.0% Z', ratePercent: 0 }] },
  { name: 'Exempt', rates: [{ name: 'Exempt', ratePercent: 0 }] },
  { name: '2.1% FR', rates: [{ name: '2.1% FR', ratePercent: 2.1 }] },
  { name: '5.5% FR', rates: [{ name: '5.5% FR', ratePercent: 5.5 }] },
  { name: '8.5% FR', rates: [{ name: '8.5% FR', ratePercent: 8.5 }] },
  { name: '10.0% FR', rates: [{ name: '10.0% FR', ratePercent: 10 }] },
];

let harness: Harness;
let targets: readonly Target[];
/** DocNumbers must be unique per company: each posted document gets the next number (`XC-1`, `XC-2`…, ≤ 12 characters). */
let posted = 0;

const get =
  (realm: Realm) =>
  async (path: string): Promise<Json> => {
    const answer = await realm.api('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

const incomeAccount = (profile: CompanyProfile): QboAccount => {
  const account = profile.accounts.find((a) => a.active && a.accountType === 'Income' && a.accountSubType === 'ServiceFeeIncome');
  if (account === undefined) throw new Error(`no service income account in ${profile.companyName}`);
  return account;
};

const prepare = async (country: string, settings: Json): Promise<Target> => {
  const realm = await harness.company(country, { allowDiscount: true, ...settings });
  const profile = await companyProfileFromQbo(realm.realmId, get(realm));
  const customer = await realm.create('customer', { DisplayName: `Client ${country}` });
  const itemIds: string[] = [];
  for (const name of ['Ménage', 'Repassage', 'Jardinage']) {
    const body =
      country === 'FR'
        ? { Name: name, ItemCategoryType: 'Service' }
        : { Name: name, Type: 'Service', IncomeAccountRef: { value: incomeAccount(profile).id } };
    itemIds.push(String((await realm.create('item', body))['Id']));
  }
  return { realm, profile, customerId: String(customer['Id']), itemIds };
};

beforeAll(async () => {
  harness = await startHarness();
  targets = await Promise.all([prepare('FR', {}), prepare('GB', { multiCurrencyEnabled: true, taxCodes: GB_TAX_CODES })]);
}, 60_000);

afterAll(async () => {
  await harness.close();
});

const refsFor = (doc: OgustineDocument, target: Target): MappingRefs => {
  const items = new Map<string, string>();
  for (const { service } of doc.lines) {
    const spread = [...service.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7);
    items.set(service.id, target.itemIds[spread % target.itemIds.length] ?? '1');
  }
  return { customer: target.customerId, items };
};

const cents = (amount: number): number => Math.round(amount * 100);

/** Tax and net per rate in cents, keyed like the domain's `vatRateKey` (`5.5`, `20`). */
const sandboxByRate = (txn: Json, field: 'Amount' | 'NetAmountTaxable'): Map<string, number> => {
  const detail = (txn['TxnTaxDetail'] ?? {}) as Json;
  const lines = (Array.isArray(detail['TaxLine']) ? detail['TaxLine'] : []) as Json[];
  const byRate = new Map<string, number>();
  for (const line of lines) {
    const lineDetail = line['TaxLineDetail'] as Json;
    const percent = decimalFromNumber(Number(lineDetail['TaxPercent']))._unsafeUnwrap();
    const key = vatRateKey(percent);
    const value = field === 'Amount' ? line['Amount'] : lineDetail['NetAmountTaxable'];
    byRate.set(key, (byRate.get(key) ?? 0) + cents(Number(value)));
  }
  return byRate;
};

const postAndCompare = async (document: OgustineDocument, target: Target): Promise<void> => {
  const doc = { ...document, number: `XC-${++posted}` };
  const mapped = mapDocument(doc, target.profile, refsFor(doc, target));
  if (mapped.isErr()) throw new Error(`mapDocument refused (${target.profile.country}): ${JSON.stringify(mapped.error)}`);
  const payload = mapped.value;
  const answer = await target.realm.api('POST', `${resourceOf(payload)}?minorversion=75`, payloadToQboJson(payload));
  expect(answer.status, JSON.stringify(answer.body).slice(0, 600)).toBe(200);
  const txn = answer.body[payload.type] as Json;
  const taxLines = (((txn['TxnTaxDetail'] ?? {}) as Json)['TaxLine'] ?? []) as Json[];

  const expected = {
    country: target.profile.country,
    totalAmt: centsToAmount(doc.totals.gross),
    totalTax: centsToAmount(doc.totals.vat.reduce((s, v) => s + v.amount, 0)),
    taxByRate: new Map(doc.totals.vat.map((v) => [vatRateKey(v.rate), v.amount])),
    netByRate: new Map(doc.totals.vat.map((v) => [vatRateKey(v.rate), v.base])),
    taxLineCount: doc.totals.vat.length,
  };
  const actual = {
    country: target.profile.country,
    totalAmt: txn['TotalAmt'],
    totalTax: (txn['TxnTaxDetail'] as Json | undefined)?.['TotalTax'],
    taxByRate: sandboxByRate(txn, 'Amount'),
    netByRate: sandboxByRate(txn, 'NetAmountTaxable'),
    taxLineCount: taxLines.length,
  };
  expect(actual).toEqual(expected);
};

/**
 * Ogustine's documents, and the same with line totals a few cents off round(qty × price) − discount (a rounding of
 * Ogustine's own, a hand-edited total): the mapping then sends such a line as its total alone, without Qty × UnitPrice.
 */
const documentsArb: fc.Arbitrary<OgustineDocument> = fc.oneof(
  { weight: 3, arbitrary: documentArb() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(documentArb(), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 40, maxLength: 40 }))
      .map(([doc, offsets]) => {
        const lines = doc.lines.map((line, i) => ({ ...line, total: Math.max(0, line.total + (offsets[i] ?? 0)) }));
        return { ...doc, lines, totals: ogustineTotals(lines, doc.pricesIncludeTax) };
      }),
  },
);

test.prop([documentsArb])(
  "a document mapped by the domain and posted to the sandbox gets TotalAmt, TotalTax, and per-rate tax and net equal to Ogustine's figures to the cent",
  async (doc) => {
    for (const target of targets) await postAndCompare(doc, target);
  },
  300_000,
);
