import { expect, test as example } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decimal, divide, multiply, type Decimal } from '../shared/decimal.js';
import { centsToDecimal } from '../shared/money.js';
import { qboTotalsOracle, roundedDivision } from '../testing/oracles/qbo-totals-oracle.js';
import type { QboTaxCode } from './company-profile.js';
import { computeQboTotals, type QboModelError } from './qbo-tax-model.js';
import type { QboItemLine, QboLine, QboTaxLine, QboTransactionPayload } from './transaction-payload.js';

const RATES = [decimal(0), decimal(55, 1), decimal(20), decimal(9975, 3)];
const codes: QboTaxCode[] = RATES.map((ratePercent, i) => ({
  id: `${i}`,
  name: `c${i}`,
  active: true,
  salesRates: [{ id: `r${i}`, name: 'r', ratePercent }],
}));

const linesArb = fc.array(
  fc.record({ amount: fc.integer({ min: -100_000, max: 10_000_000 }), code: fc.integer({ min: 0, max: RATES.length - 1 }) }),
  { minLength: 1, maxLength: 40 },
);

const payloadOf = (lines: { amount: number; code: number }[], inclusive: boolean): QboTransactionPayload => ({
  type: 'Invoice',
  docNumber: 'OGUSTINE_1',
  customerRef: '1',
  txnDate: '2024-01-01',
  currency: 'EUR',
  globalTaxCalculation: inclusive ? 'TaxInclusive' : 'TaxExcluded',
  lines: lines.map((l): QboItemLine => ({
    kind: 'item',
    itemRef: '1',
    description: '',
    taxCodeRef: `${l.code}`,
    amount: l.amount,
    ...(inclusive ? { taxInclusiveAmount: l.amount } : {}),
  })),
  privateNote: '',
});

test.prop([linesArb, fc.boolean()])(
  'QBO totals add up: TotalAmt = Σ nets + TotalTax, and each rate’s tax stays near the tax on its total (½ cent per line excl., 1½ incl.)',
  (lines, inclusive) => {
    const totals = computeQboTotals(payloadOf(lines, inclusive), codes)._unsafeUnwrap();
    expect(totals.totalAmount).toBe(totals.netTotal + totals.totalTax);
    if (inclusive) expect(totals.totalAmount).toBe(lines.reduce((s, l) => s + l.amount, 0));
    for (const t of totals.taxLines) {
      const count = lines.filter((l) => `r${l.code}` === t.taxRateRef).length;
      const onTotal = Number(divide(multiply(centsToDecimal(t.netAmountTaxable), t.ratePercent), decimal(100), 2).units);
      expect(Math.abs(t.amount - onTotal)).toBeLessThanOrEqual(Math.ceil(count / 2) + (inclusive ? count : 0));
    }
  },
);

// ---- computeQboTotals against the independent oracle, on payloads that reach every path of the model ----

/** Single-rate codes, Québec's two-rate GST + QST code and a three-rate code: multi-rate, tax included or not. */
const oracleCodes: QboTaxCode[] = [
  ...codes,
  {
    id: '10',
    name: 'GST/QST',
    active: true,
    salesRates: [
      { id: 'gst', name: 'GST', ratePercent: decimal(5) },
      { id: 'qst', name: 'QST', ratePercent: decimal(9975, 3) },
    ],
  },
  {
    id: '11',
    name: 'three',
    active: true,
    salesRates: [
      { id: 'a', name: 'a', ratePercent: decimal(25, 1) },
      { id: 'b', name: 'b', ratePercent: decimal(7) },
      { id: 'gst', name: 'GST', ratePercent: decimal(5) },
    ],
  },
];
const CODE_IDS = [...oracleCodes.map((c) => c.id), '99'];

/** A decimal of 0 to 7 decimals, at most `maxWhole`: QBO's Qty and UnitPrice. */
const fineDecimalArb = (maxWhole: number): fc.Arbitrary<Decimal> =>
  fc
    .tuple(fc.integer({ min: 0, max: 7 }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([scale, share]) => decimal(Math.floor(share * maxWhole * 10 ** scale), scale));

const lineBase = (code: string, amount: number, inclusive: boolean, gross: number | null, discount: number | null): QboItemLine => ({
  kind: 'item',
  itemRef: '1',
  description: '',
  taxCodeRef: code,
  amount,
  ...(inclusive && gross !== null ? { taxInclusiveAmount: gross } : {}),
  ...(discount === null ? {} : { discountAmount: discount }),
});

/**
 * An item line: with Qty × UnitPrice (its Amount right, or one cent off: fault 6070), with only one of
 * them (QBO then checks nothing: a line without quantity), or an Amount alone.
 */
const itemLineArb = (inclusive: boolean): fc.Arbitrary<QboLine> =>
  fc
    .record({
      code: fc.oneof({ weight: 60, arbitrary: fc.constantFrom(...CODE_IDS.slice(0, -1)) }, { weight: 1, arbitrary: fc.constant('99') }),
      amount: fc.integer({ min: -50_000, max: 5_000_000 }),
      priced: fc.option(
        fc.tuple(
          fineDecimalArb(1000),
          fineDecimalArb(10_000),
          fc.oneof({ weight: 40, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, -1) }),
        ),
      ),
      half: fc.oneof({ weight: 6, arbitrary: fc.constant('both' as const) }, fc.constantFrom('qty' as const, 'unitPrice' as const)),
      gross: fc.option(fc.integer({ min: -50_000, max: 6_000_000 })),
      discount: fc.option(fc.integer({ min: 0, max: 100_000 })),
    })
    .map(({ code, amount, priced, half, gross, discount }): QboLine => {
      if (priced !== null && half !== 'both') {
        const [qty, unitPrice] = priced;
        return {
          ...lineBase(code, amount, inclusive, gross, discount),
          ...(half === 'qty' ? { qty } : { unitPrice }),
        };
      }
      const exact =
        priced === null
          ? undefined
          : roundedDivision(priced[0].units * priced[1].units * 100n, 10n ** BigInt(priced[0].scale + priced[1].scale));
      return {
        ...lineBase(code, priced === null || exact === undefined ? amount : Number(exact) + priced[2], inclusive, gross, discount),
        ...(priced === null ? {} : { qty: priced[0], unitPrice: priced[1] }),
      };
    });

const discountLineArb: fc.Arbitrary<QboLine> = fc
  .record({ code: fc.constantFrom(...CODE_IDS.slice(0, -1)), amount: fc.integer({ min: 0, max: 200_000 }) })
  .map(({ code, amount }) => ({ kind: 'discount', amount, taxCodeRef: code, description: 'Remise' }));

/**
 * Supplied tax lines: usually some of the rates the lines use (each once), rarely a rate no line uses
 * or a rate listed twice (fault 6000).
 */
const suppliedArb = (used: readonly string[]): fc.Arbitrary<QboTaxLine[]> =>
  fc
    .record({
      rates: fc.subarray([...used]),
      odd: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('unused', 'twice') }),
      figures: fc.array(fc.tuple(fc.integer({ min: -10_000, max: 1_000_000 }), fc.integer({ min: -1000, max: 100_000 })), {
        minLength: used.length + 1,
        maxLength: used.length + 1,
      }),
    })
    .map(({ rates, odd, figures }) => {
      const refs = odd === 'unused' ? [...rates, 'unused'] : odd === 'twice' && rates[0] !== undefined ? [...rates, rates[0]] : rates;
      return refs.map((taxRateRef, i) => ({
        taxRateRef,
        ratePercent: decimal(1),
        netAmountTaxable: figures[i]?.[0] ?? 0,
        amount: figures[i]?.[1] ?? 0,
      }));
    });

const oraclePayloadArb: fc.Arbitrary<{ payload: QboTransactionPayload; country: string | undefined }> = fc
  .record({ inclusive: fc.boolean(), country: fc.constantFrom(undefined, 'FR', 'GB', 'CA') })
  .chain(({ inclusive, country }) =>
    fc
      .array(fc.oneof({ weight: 4, arbitrary: itemLineArb(inclusive) }, { weight: 1, arbitrary: discountLineArb }), {
        minLength: 1,
        maxLength: 12,
      })
      .chain((lines) => {
        const used = [
          ...new Set(
            lines
              .flatMap((l) =>
                l.kind === 'discount' && country === 'FR' ? [] : (oracleCodes.find((c) => c.id === l.taxCodeRef)?.salesRates ?? []),
              )
              .map((r) => r.id),
          ),
        ];
        return fc.option(suppliedArb(used)).map((supplied) => ({
          country,
          payload: { ...payloadOf([], inclusive), lines, ...(supplied === null ? {} : { taxLines: supplied }) },
        }));
      }),
  );

const faultOf: Record<QboModelError['kind'], string> = {
  'qbo-model.unknown-tax-code': 'unknown-tax-code',
  'qbo-model.amount-mismatch': 'amount-mismatch',
  'qbo-model.rate-not-on-used-code': 'rate-not-on-used-code',
  'qbo-model.rate-listed-twice': 'rate-listed-twice',
};

test.prop([oraclePayloadArb])(
  'computeQboTotals equals an independent integer oracle of the QBO model: per-rate nets and taxes, TotalTax, TotalAmt, net and faults',
  ({ payload, country }) => {
    const result = computeQboTotals(payload, oracleCodes, country === undefined ? {} : { country });
    const oracle = qboTotalsOracle(payload, oracleCodes, country);
    if ('fault' in oracle) {
      expect(result.isErr() ? faultOf[result.error.kind] : 'ok').toBe(oracle.fault);
      return;
    }
    const totals = result._unsafeUnwrap();
    expect(totals.taxLines.map((t) => [t.taxRateRef, t.netAmountTaxable, t.amount, t.computedAmount])).toEqual(
      [...oracle.ok.rates].map(([id, r]) => [id, r.net, r.tax, r.computedTax]),
    );
    const rateOf = new Map(oracleCodes.flatMap((c) => c.salesRates.map((r) => [r.id, r.ratePercent])));
    for (const t of totals.taxLines) expect(t.ratePercent).toEqual(rateOf.get(t.taxRateRef));
    expect({ totalTax: totals.totalTax, totalAmount: totals.totalAmount, netTotal: totals.netTotal }).toEqual({
      totalTax: oracle.ok.totalTax,
      totalAmount: oracle.ok.totalAmount,
      netTotal: oracle.ok.netTotal,
    });
  },
);

example(
  'the oracle generator reaches the rare paths: accepted multi-rate tax-inclusive payloads, with and without supplied tax lines, lines with a quantity or a unit price alone, and every fault',
  () => {
    const seen = new Map<string, number>();
    for (const { payload, country } of fc.sample(oraclePayloadArb, { numRuns: 1000, seed: 7 })) {
      const oracle = qboTotalsOracle(payload, oracleCodes, country);
      const multi = payload.lines.some((l) => l.taxCodeRef === '10' || l.taxCodeRef === '11');
      const halfPriced = payload.lines.some((l) => l.kind === 'item' && (l.qty === undefined) !== (l.unitPrice === undefined));
      if (halfPriced && !('fault' in oracle)) seen.set('half-priced', (seen.get('half-priced') ?? 0) + 1);
      const key =
        'fault' in oracle
          ? oracle.fault
          : `${payload.globalTaxCalculation}${multi ? ' multi-rate' : ''}${payload.taxLines ? ' supplied' : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const key of [
      'TaxInclusive multi-rate',
      'TaxInclusive multi-rate supplied',
      'TaxExcluded multi-rate',
      'amount-mismatch',
      'half-priced',
    ]) {
      expect(seen.get(key) ?? 0).toBeGreaterThanOrEqual(30);
    }
    for (const fault of ['unknown-tax-code', 'rate-not-on-used-code', 'rate-listed-twice'])
      expect(seen.get(fault) ?? 0).toBeGreaterThanOrEqual(5);
  },
);
