import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import type { DocumentId, OgustineDocument } from '../documents/document.js';
import { vatRateKey, type VatRate } from '../documents/vat-rate.js';
import type { CompanyProfile } from '../qbo/company-profile.js';
import { docNumberFor } from '../documents/numbering.js';
import { aCompanyProfile, taxCodesFor } from '../testing/builders/company-profile.js';
import { instantArb, OGUSTINE_VAT_RATES, vatRateArb } from '../testing/arbitraries/document.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { decimal } from '../shared/decimal.js';
import { calendarDateIn } from '../shared/time.js';
import { planInitialSync, plannedDocuments, type InitialSyncPlan } from './initial-sync-plan.js';
import { checkPrerequisites, unmetFor } from './prerequisites.js';
import { compareByCreation } from './sending-order.js';
import { isCoveredBy, syncSchedule, type SyncSchedule } from './sync-schedule.js';
import type { UnmetPrerequisite } from './unmet-prerequisite.js';

interface Scenario {
  readonly documents: readonly OgustineDocument[];
  readonly schedule: SyncSchedule;
  readonly inQuickBooks: ReadonlySet<DocumentId>;
  readonly unmet: readonly UnmetPrerequisite[];
}

const TIME_ZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Guadeloupe', 'Pacific/Noumea', 'UTC'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TEMPLATE = aDocument();
const TEMPLATE_LINE = aLine();
const TEN_PERCENT = decimal(10);

/**
 * What varies in a document for the plan (kind, number, customer, services, rates, discounts,
 * creation in hours around a base instant); the rest is the builder's, and totals are not
 * recomputed since the plan does not read them, so runs stay cheap. Few customers and services, so
 * documents share them; whole hours, so creation ties happen.
 */
const documentSeedArb = fc.record({
  id: fc.integer({ min: 1, max: 60 }).map((n) => `D${n}`),
  kind: fc.constantFrom('invoice' as const, 'credit_note' as const),
  number: fc.oneof(
    { weight: 19, arbitrary: fc.integer({ min: 1, max: 99 }).map((n) => `2027-01-${String(n).padStart(2, '0')}`) },
    { weight: 1, arbitrary: fc.constant('FACTURE-2027-000001') },
  ),
  customerId: fc.constantFrom('C1', 'C2', 'C3', 'C4'),
  createdHours: fc.integer({ min: -30 * 24, max: 30 * 24 }),
  lines: fc.array(fc.record({ serviceId: fc.constantFrom('S1', 'S2', 'S3'), vatRate: vatRateArb, discounted: fc.boolean() }), {
    minLength: 1,
    maxLength: 3,
  }),
  /** A credit note corrects the invoice of the set this points to, if any (one time in three, none). */
  link: fc.option(fc.nat(), { freq: 3 }),
  /** One document in five is already in QuickBooks. */
  inQbo: fc.integer({ min: 0, max: 4 }),
});

type DocumentSeed = typeof documentSeedArb extends fc.Arbitrary<infer T> ? T : never;

const documentFrom = (seed: DocumentSeed, base: number): OgustineDocument => {
  const createdAt = base + seed.createdHours * HOUR;
  const { correctsInvoiceId: _, ...template } = TEMPLATE;
  return {
    ...template,
    id: seed.id,
    kind: seed.kind,
    number: seed.number,
    customer: { ...TEMPLATE.customer, id: seed.customerId, name: `Client ${seed.customerId}` },
    createdAt,
    validatedAt: createdAt,
    lines: seed.lines.map((l) => ({
      ...TEMPLATE_LINE,
      service: { id: l.serviceId, name: `Prestation ${l.serviceId}` },
      vatRate: l.vatRate,
      ...(l.discounted ? { discount: { kind: 'percent' as const, percent: TEN_PERCENT } } : {}),
    })),
  };
};

const profiles = new Map<string, CompanyProfile>();

/** A French company lacking the codes of `missingRates`; built once per variant, for cheap runs. */
const profileFor = (missingRates: readonly VatRate[], discountsAllowed: boolean, customTransactionNumbers: boolean): CompanyProfile => {
  const key = `${missingRates.map(vatRateKey).join('|')}/${discountsAllowed}/${customTransactionNumbers}`;
  let profile = profiles.get(key);
  if (profile === undefined) {
    const taxCodes = taxCodesFor(
      'FR',
      OGUSTINE_VAT_RATES.filter((r) => !missingRates.includes(r)),
    );
    profile = aCompanyProfile({ discountsAllowed, customTransactionNumbers, taxCodes });
    profiles.set(key, profile);
  }
  return profile;
};

/**
 * Documents with distinct ids created within a month of `base`, where credit notes often correct an
 * invoice of the set (created before or after it), a few numbers QuickBooks cannot hold, some
 * documents already in QBO; a sync-from day within a month of `base`; a company often missing some
 * rates or discounts, sometimes one that blocks everything.
 */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    base: instantArb,
    syncFromOffset: fc.integer({ min: -31, max: 31 }),
    timeZone: fc.constantFrom(...TIME_ZONES),
    seeds: fc.uniqueArray(documentSeedArb, { selector: (d) => d.id, maxLength: 8 }),
    missingRates: fc.subarray([...OGUSTINE_VAT_RATES], { maxLength: 2 }),
    discountsAllowed: fc.boolean(),
    customTransactionNumbers: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map(({ base, syncFromOffset, timeZone, seeds, missingRates, ...flags }) => {
    const docs = seeds.map((seed) => documentFrom(seed, base));
    const invoices = docs.filter((d) => d.kind === 'invoice');
    const documents = docs.map((doc, i): OgustineDocument => {
      const link = seeds[i]?.link;
      const linked = link === null || link === undefined ? undefined : invoices[link % Math.max(invoices.length, 1)];
      return doc.kind === 'credit_note' && linked !== undefined ? { ...doc, correctsInvoiceId: linked.id } : doc;
    });
    const profile = profileFor(missingRates, flags.discountsAllowed, flags.customTransactionNumbers);
    return {
      documents,
      inQuickBooks: new Set(documents.filter((_, i) => seeds[i]?.inQbo === 0).map((d) => d.id)),
      schedule: syncSchedule(calendarDateIn(base + syncFromOffset * DAY, timeZone), timeZone),
      unmet: checkPrerequisites(profile, documents),
    };
  });

const plan = (s: Scenario): InitialSyncPlan =>
  planInitialSync(s.documents, { schedule: s.schedule, inQuickBooks: s.inQuickBooks, unmet: s.unmet });

// Checks collect violations and assert once: an `expect` per document would dominate each run.
describe('initial sync plan', () => {
  test.prop([scenarioArb])('the initial sync set never contains a document already in QBO', (s) => {
    const p = plan(s);
    const inQbo = [...plannedDocuments(p), ...p.blocked.map((b) => b.document)].filter((d) => s.inQuickBooks.has(d.id));
    expect(inQbo.map((d) => d.id)).toEqual([]);
  });

  test.prop([scenarioArb])(
    'dependencies come first: customers and services before documents, an invoice before the credit notes that correct it',
    (s) => {
      const p = plan(s);
      const violations: string[] = [];
      const rank = { customer: 0, service: 1, document: 2 } as const;
      p.steps.forEach((step, i) => {
        const previous = p.steps[i - 1];
        if (previous !== undefined && rank[previous.kind] > rank[step.kind]) violations.push(`${step.kind} after ${previous.kind} at ${i}`);
      });
      const customers = p.steps.flatMap((step) => (step.kind === 'customer' ? [step.customer.id] : []));
      const services = p.steps.flatMap((step) => (step.kind === 'service' ? [step.service.id] : []));
      if (new Set(customers).size !== customers.length) violations.push('a customer twice');
      if (new Set(services).size !== services.length) violations.push('a service twice');

      const docs = plannedDocuments(p);
      const position = new Map(docs.map((d, i) => [d.id, i]));
      const plannedInvoices = new Set(docs.filter((d) => d.kind === 'invoice').map((d) => d.id));
      const waitsForInvoice = (d: OgustineDocument): boolean =>
        d.kind === 'credit_note' && d.correctsInvoiceId !== undefined && plannedInvoices.has(d.correctsInvoiceId);
      for (const doc of docs) {
        if (!customers.includes(doc.customer.id)) violations.push(`${doc.id}: customer ${doc.customer.id} not created`);
        for (const line of doc.lines)
          if (!services.includes(line.service.id)) violations.push(`${doc.id}: service ${line.service.id} not created`);
        if (waitsForInvoice(doc) && (position.get(doc.correctsInvoiceId ?? '') ?? Infinity) > (position.get(doc.id) ?? -1)) {
          violations.push(`${doc.id} before the invoice it corrects`);
        }
      }
      // The others keep the creation order (then the number).
      const byCreation = docs.filter((d) => !waitsForInvoice(d));
      byCreation.forEach((d, i) => {
        const previous = byCreation[i - 1];
        if (previous !== undefined && compareByCreation(previous, d) > 0) violations.push(`${d.id} after ${previous.id}`);
      });
      expect(violations).toEqual([]);
    },
  );

  test.prop([scenarioArb])('every document is either planned or visibly blocked, never dropped', (s) => {
    const p = plan(s);
    const planned = new Set(plannedDocuments(p).map((d) => d.id));
    const blocked = new Map(p.blocked.map((b) => [b.document.id, b.reason]));
    const invoiceIds = new Set(s.documents.filter((d) => d.kind === 'invoice').map((d) => d.id));
    const violations: string[] = [];
    for (const doc of s.documents) {
      const inQbo = s.inQuickBooks.has(doc.id);
      const outcomes = [inQbo, !inQbo && !isCoveredBy(doc, s.schedule), planned.has(doc.id), blocked.has(doc.id)];
      if (outcomes.filter(Boolean).length !== 1) violations.push(`${doc.id}: ${outcomes.join('/')}`);
      if (planned.has(doc.id) && (unmetFor(doc, s.unmet).length > 0 || docNumberFor(doc.number).isErr()))
        violations.push(`${doc.id}: planned though blocked`);
      const reason = blocked.get(doc.id);
      if (reason?.kind === 'hold.prerequisites' && reason.unmet.length !== unmetFor(doc, s.unmet).length)
        violations.push(`${doc.id}: wrong prerequisites`);
      if (reason?.kind === 'refusal.number-not-representable' && docNumberFor(doc.number).isOk())
        violations.push(`${doc.id}: number refused wrongly`);
      if (reason?.kind === 'blocked.corrects-blocked-invoice' && !blocked.has(reason.invoiceId))
        violations.push(`${doc.id}: its invoice is not blocked`);
      const invoiceId = doc.kind === 'credit_note' ? doc.correctsInvoiceId : undefined;
      if (invoiceId !== undefined && invoiceIds.has(invoiceId) && blocked.has(invoiceId) && planned.has(doc.id))
        violations.push(`${doc.id}: planned, its invoice blocked`);
    }
    expect(violations).toEqual([]);
    expect(p.counts.invoices + p.counts.creditNotes).toBe(planned.size);
    expect(p.counts.blocked).toBe(p.blocked.length);
    expect(p.counts.invoices + p.counts.creditNotes + p.counts.blocked + p.counts.alreadyInQuickBooks + p.counts.beforeSyncFrom).toBe(
      s.documents.length,
    );
  });
});
