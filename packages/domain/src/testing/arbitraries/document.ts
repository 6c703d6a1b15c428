import fc from 'fast-check';
import type {
  CustomerSnapshot,
  DocumentKind,
  DocumentLine,
  LineDiscount,
  OgustineDocument,
  PostalAddress,
  ServiceRef,
} from '../../documents/document.js';
import type { VatRate } from '../../documents/vat-rate.js';
import { decimal, type Decimal } from '../../shared/decimal.js';
import type { CalendarDate, Instant } from '../../shared/time.js';
import { ogustineUndiscountedTotal, withOgustineTotals } from '../builders/document.js';

/** The VAT rates Ogustine uses (France, including overseas departments and Corsica). */
export const OGUSTINE_VAT_RATES: readonly VatRate[] = [
  decimal(0),
  decimal(21, 1),
  decimal(55, 1),
  decimal(85, 1),
  decimal(10),
  decimal(20),
];

export const vatRateArb: fc.Arbitrary<VatRate> = fc.constantFrom(...OGUSTINE_VAT_RATES);

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2099, 11, 31) / DAY_MS;

const dayToDate = (day: number): CalendarDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A real day between 2000-01-01 and 2099-12-31, `YYYY-MM-DD`. */
export const calendarDateArb: fc.Arbitrary<CalendarDate> = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(dayToDate);

/** A moment between 2000 and 2100, in milliseconds. */
export const instantArb: fc.Arbitrary<Instant> = fc.integer({ min: FIRST_DAY * DAY_MS, max: (LAST_DAY + 1) * DAY_MS - 1 });

const FIRST_NAMES = ['Jean', 'Jeanne', 'Éloïse', 'François', 'Anaïs', 'Zoé', 'Loïc', 'Marie-Hélène', 'Ngọc', 'Søren'];
const LAST_NAMES = ['Dupont', 'Martin', "N'Diaye", 'Lefèvre', 'Le Gall', 'Müller', 'García Pérez', 'Œuvray', 'Dubois'];
const COMPANY_NAMES = ['SCI Les Tilleuls', 'Crèche Les Petits Pas', 'Dupont & Fils', 'Résidence Âge d’Or', 'ACME: Nettoyage'];

/** Text with the characters QBO refuses in names (`:` tab newline, control characters), spaces and accents. */
const awkwardTextArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('a', 'É', 'ç', ' ', '  ', ':', '\t', '\n', '\r', '\u0000', '\u007f', '(', ')', 'Ω', '🙂', '-', 'Z'), {
    maxLength: 20,
  })
  .map((parts) => parts.join(''));

const longNameArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...LAST_NAMES), fc.integer({ min: 20, max: 120 }))
  .map(([name, times]) => `${name} `.repeat(times).trim());

const personNameArb = fc.tuple(fc.constantFrom(...FIRST_NAMES), fc.constantFrom(...LAST_NAMES));

/**
 * A customer id: usually Ogustine-like (`C1042`, digits, a uuid-ish text), sometimes with characters
 * a QBO name may not hold, so that escaping is exercised.
 */
export const customerIdArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 99_999 }).map((n) => `C${n}`) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 9_999_999 }).map(String) },
  { weight: 1, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', '1', ':', '\t', '\n', '(', ')', '~', ' ', 'é', '_') }),
  },
);

const addressArb: fc.Arbitrary<PostalAddress> = fc.record(
  {
    lines: fc.array(
      fc.oneof(
        fc.constantFrom('12 rue des Lilas', 'Bâtiment B, 3e étage', 'Lieu-dit « Le Moulin »', 'Appt 4\tEsc. B\nCode 1234'),
        fc.integer({ min: 400, max: 600 }).map((n) => 'a'.repeat(n)),
      ),
      { maxLength: 7 },
    ),
    postalCode: fc.oneof(fc.constantFrom('69003', '97400', '20000'), fc.string({ maxLength: 40 })),
    city: fc.constantFrom('Lyon', 'Saint-Étienne', 'Pointe-à-Pitre', 'Ajaccio'),
    country: fc.constantFrom('FR', 'BE', 'CH'),
  },
  { requiredKeys: ['lines'] },
);

const emailArb: fc.Arbitrary<string> = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('jeanne.dupont@example.fr', 'pas-un-email', 'a@b', 'x@y.z'),
  fc.string({ maxLength: 120 }),
);

/** A customer snapshot: persons and companies, homonyms (few names, many ids), awkward and long names. */
export const customerSnapshotArb: fc.Arbitrary<CustomerSnapshot> = fc
  .record(
    {
      id: customerIdArb,
      person: personNameArb,
      companyName: fc.constantFrom(...COMPANY_NAMES),
      oddName: fc.oneof(awkwardTextArb, longNameArb),
      shape: fc.constantFrom('person', 'company', 'odd'),
      email: emailArb,
      phone: fc.oneof(fc.constantFrom('+33 6 12 34 56 78', '04 72 00 00 00'), fc.string({ maxLength: 40 })),
      address: addressArb,
    },
    { requiredKeys: ['id', 'person', 'companyName', 'oddName', 'shape'] },
  )
  .map(({ id, person: [firstName, lastName], companyName, oddName, shape, email, phone, address }): CustomerSnapshot => {
    const contact = {
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(address === undefined ? {} : { address }),
    };
    if (shape === 'company') return { id, kind: 'company', name: companyName, companyName, ...contact };
    if (shape === 'odd') return { id, kind: 'person', name: oddName, lastName: oddName, ...contact };
    return { id, kind: 'person', name: `${firstName} ${lastName}`, firstName, lastName, ...contact };
  });

const SERVICE_NAMES = ['Ménage', 'Repassage', 'Garde d’enfants', 'Jardinage', 'Soutien scolaire', 'Aide aux séniors'];

/** A service of the catalogue: few names for many ids (homonyms), sometimes awkward or long names. */
export const serviceRefArb: fc.Arbitrary<ServiceRef> = fc.record({
  id: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 9_999 }).map((n) => `S${n}`) }, { weight: 1, arbitrary: customerIdArb }),
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SERVICE_NAMES) },
    { weight: 1, arbitrary: fc.oneof(awkwardTextArb, longNameArb) },
  ),
});

/** A decimal ≥ `min` units with 0 to `maxScale` decimals, at most `maxWhole` in whole units (no chain: cheap to generate). */
const decimalArb = (min: number, maxWhole: number, maxScale: number): fc.Arbitrary<Decimal> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxScale }), fc.integer({ min: 0, max: maxWhole * 10 ** maxScale }))
    .map(([scale, raw]) => decimal(Math.max(min, Math.floor(raw / 10 ** (maxScale - scale))), scale));

const quantityArb: fc.Arbitrary<Decimal> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => decimal(n)) },
  { weight: 2, arbitrary: decimalArb(1, 500, 3) },
);

const unitPriceArb: fc.Arbitrary<Decimal> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((n) => decimal(n, 2)) },
  { weight: 2, arbitrary: decimalArb(0, 5_000, 4) },
);

/** Either a percent with 0–2 decimals up to 100, or a share in ten-thousandths of the undiscounted line. */
const discountSeedArb = fc.oneof(
  decimalArb(0, 100, 2).map((percent) => ({
    kind: 'percent' as const,
    percent: percent.units > 100n * 10n ** BigInt(percent.scale) ? decimal(100) : percent,
  })),
  fc.integer({ min: 0, max: 10_000 }).map((share) => ({ kind: 'share' as const, share })),
);

const descriptionArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Ménage hebdomadaire', 'Heures de garde — janvier', '', 'Tonte\tpelouse\nhaie') },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 3_990, max: 4_200 }).map((n) => 'é'.repeat(n)) },
);

const lineArb = (withDiscounts: boolean): fc.Arbitrary<DocumentLine> =>
  fc
    .record(
      {
        service: serviceRefArb,
        description: descriptionArb,
        quantity: quantityArb,
        unitPrice: unitPriceArb,
        vatRate: vatRateArb,
        discount: discountSeedArb,
      },
      { requiredKeys: ['service', 'description', 'quantity', 'unitPrice', 'vatRate'] },
    )
    .map(({ discount, ...line }): DocumentLine => {
      if (!withDiscounts || discount === undefined) return { ...line, total: 0 };
      const undiscounted = ogustineUndiscountedTotal(line.quantity, line.unitPrice);
      const lineDiscount: LineDiscount =
        discount.kind === 'percent' ? discount : { kind: 'amount', amount: Math.floor((undiscounted * discount.share) / 10_000) };
      return { ...line, discount: lineDiscount, total: 0 };
    });

export interface DocumentArbOptions {
  readonly pricesIncludeTax?: boolean;
  readonly kind?: DocumentKind;
  /** At most 40 (the default). */
  readonly maxLines?: number;
  /** At least 1 (the default); to focus on long documents. */
  readonly minLines?: number;
  /** Whether lines may carry discounts (default true). */
  readonly withDiscounts?: boolean;
}

/** Ogustine numbers `XXXX-XX-XX`. */
const numberArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99 }))
  .map(([y, m, n]) => `${y}-${String(m).padStart(2, '0')}-${String(n).padStart(2, '0')}`);

/**
 * A validated Ogustine document whose line totals and totals are computed as Ogustine computes them
 * (`withOgustineTotals`): 1–40 lines (often few, sometimes many), six VAT rates, optional discounts,
 * currency EUR, `createdAt ≤ validatedAt`, `dueOn ≥ issuedOn` when present.
 */
export const documentArb = (options: DocumentArbOptions = {}): fc.Arbitrary<OgustineDocument> => {
  const maxLines = Math.min(Math.max(options.maxLines ?? 40, 1), 40);
  const minLines = Math.min(Math.max(options.minLines ?? 1, 1), maxLines);
  const withDiscounts = options.withDiscounts ?? true;
  return fc
    .record({
      lines: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.array(lineArb(withDiscounts), { minLength: minLines, maxLength: Math.max(minLines, Math.min(4, maxLines)) }),
        },
        // size 'max': without it fast-check keeps arrays near 10 items and long documents would be rare.
        { weight: 1, arbitrary: fc.array(lineArb(withDiscounts), { minLength: minLines, maxLength: maxLines, size: 'max' }) },
      ),
      id: fc.integer({ min: 1, max: 999_999 }).map((n) => `D${n}`),
      accountId: fc.constantFrom('A1', 'A2'),
      kind: options.kind === undefined ? fc.constantFrom<DocumentKind>('invoice', 'credit_note') : fc.constant(options.kind),
      number: numberArb,
      customer: customerSnapshotArb,
      pricesIncludeTax: options.pricesIncludeTax === undefined ? fc.boolean() : fc.constant(options.pricesIncludeTax),
      createdAt: instantArb,
      validationDelay: fc.integer({ min: 0, max: 30 * DAY_MS }),
      issuedOn: calendarDateArb,
      dueInDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
      correctsInvoiceId: fc.option(
        fc.integer({ min: 1, max: 999_999 }).map((n) => `D${n}`),
        { nil: undefined },
      ),
      memo: fc.option(fc.oneof(fc.string({ maxLength: 80 }), fc.constant('Note: '.repeat(700))), { nil: undefined }),
    })
    .map(({ lines, ...seed }) => {
      const dueOn = seed.dueInDays === undefined ? undefined : dayToDate(Date.parse(seed.issuedOn) / DAY_MS + seed.dueInDays);
      const doc: OgustineDocument = {
        id: seed.id,
        accountId: seed.accountId,
        kind: seed.kind,
        number: seed.number,
        customer: seed.customer,
        lines,
        totals: { net: 0, vat: [], gross: 0 },
        currency: 'EUR',
        pricesIncludeTax: seed.pricesIncludeTax,
        createdAt: seed.createdAt,
        issuedOn: seed.issuedOn,
        ...(dueOn === undefined ? {} : { dueOn }),
        validatedAt: seed.createdAt + seed.validationDelay,
        ...(seed.kind === 'credit_note' && seed.correctsInvoiceId !== undefined ? { correctsInvoiceId: seed.correctsInvoiceId } : {}),
        ...(seed.memo === undefined ? {} : { memo: seed.memo }),
      };
      return withOgustineTotals(doc);
    });
};
