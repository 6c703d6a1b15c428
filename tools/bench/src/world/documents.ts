// The documents of a benchmark account: a fixed number of invoices and credit notes for a fixed number
// of customers and services, in the billing core's wire format (docs/document-message.md), built
// from their index alone (deterministic, nothing random) so that two runs send the same work.

export interface Workload {
  readonly accountId: string;
  readonly invoices: number;
  readonly creditNotes: number;
  readonly customers: number;
  readonly services: number;
}

/** French VAT rates the sandbox's French company has codes for. */
const RATES = ['20', '10', '5.5'] as const;
const SERVICE_NAMES = ['Ménage', 'Repassage', 'Garde d’enfants', 'Jardinage', 'Soutien scolaire', 'Élagage', 'Bricolage', 'Courses'];
const FIRST = ['Camille', 'Léa', 'Hugo', 'Louis', 'Chloé', 'Jules', 'Inès', 'Lucas', 'Manon', 'Arthur'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const DAY_MS = 86_400_000;
/** Documents are created over this year's first ten months (the default schedule covers the current year). */
const FIRST_DAY = Date.UTC(2026, 0, 5, 9, 0);

const service = (i: number) => ({
  id: `svc-${i}`,
  name: SERVICE_NAMES[i % SERVICE_NAMES.length] ?? `Prestation ${i}`,
  rate: RATES[i % RATES.length] ?? '20',
});

const customer = (i: number) => {
  const first = FIRST[i % FIRST.length] ?? 'Camille';
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Martin'}-${pad(i, 3)}`;
  return {
    id: `cust-${pad(i, 5)}`,
    kind: 'person',
    name: `${first} ${last}`,
    firstName: first,
    lastName: last,
    email: `client${i}@example.fr`,
    address: { lines: [`${1 + (i % 90)} rue des Lilas`], postalCode: '75011', city: 'Paris', country: 'FR' },
  };
};

/** VAT of a base at a rate in cents, rounded half up (as Ogustine prints it). */
const vatCents = (baseCents: number, rate: string): number => Math.round((baseCents * Number(rate)) / 100);

interface Line {
  readonly serviceIndex: number;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

const wire = (
  w: Workload,
  id: string,
  kind: 'invoice' | 'credit_note',
  number: string,
  customerIndex: number,
  lines: readonly Line[],
  at: number,
  correctsInvoiceId?: string,
) => {
  const wireLines = lines.map((l) => {
    const s = service(l.serviceIndex);
    return {
      service: { id: s.id, name: s.name },
      description: `${s.name} à domicile`,
      quantity: String(l.quantity),
      unitPrice: (l.unitPriceCents / 100).toFixed(2),
      vatRate: s.rate,
      totalCents: l.quantity * l.unitPriceCents,
      rate: s.rate,
    };
  });
  const rates = [...new Set(wireLines.map((l) => l.rate))];
  const vat = rates.map((rate) => {
    const baseCents = wireLines.filter((l) => l.rate === rate).reduce((sum, l) => sum + l.totalCents, 0);
    return { rate, baseCents, amountCents: vatCents(baseCents, rate) };
  });
  const netCents = vat.reduce((sum, v) => sum + v.baseCents, 0);
  const grossCents = netCents + vat.reduce((sum, v) => sum + v.amountCents, 0);
  const created = new Date(at).toISOString();
  return {
    id,
    accountId: w.accountId,
    kind,
    number,
    customer: customer(customerIndex),
    lines: wireLines.map(({ rate: _rate, ...line }) => line),
    totals: { netCents, grossCents, vat },
    currency: 'EUR',
    pricesIncludeTax: false,
    createdAt: created,
    validatedAt: created,
    issuedOn: created.slice(0, 10),
    ...(correctsInvoiceId === undefined ? {} : { correctsInvoiceId }),
  };
};

export type WireDocument = ReturnType<typeof wire>;

const invoiceLines = (i: number, services: number): Line[] =>
  Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    serviceIndex: (i + k * 3) % services,
    quantity: 1 + ((i + k) % 4),
    unitPriceCents: 2_500 + ((i * 37 + k * 11) % 40) * 50,
  }));

/** Minutes between two documents, so that every document falls within the spread. */
const stepMs = (count: number): number => Math.max(60_000, Math.floor((300 * DAY_MS) / Math.max(1, count)));

/** The invoices then credit notes of the workload, in creation order, each credit note after the invoice it corrects. */
export function* workloadDocuments(w: Workload): Generator<WireDocument> {
  const step = stepMs(w.invoices + w.creditNotes);
  // A credit note every `every` invoices, on the invoice just before it.
  const every = w.creditNotes === 0 ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(w.invoices / w.creditNotes));
  let credits = 0;
  let n = 0;
  for (let i = 0; i < w.invoices; i += 1) {
    const customerIndex = i % w.customers;
    const lines = invoiceLines(i, w.services);
    const invoiceId = `inv-${pad(i, 6)}`;
    yield wire(w, invoiceId, 'invoice', `F26-${pad(i, 6)}`, customerIndex, lines, FIRST_DAY + n * step);
    n += 1;
    if (credits < w.creditNotes && (i + 1) % every === 0) {
      const first = lines[0] ?? { serviceIndex: 0, quantity: 1, unitPriceCents: 2_500 };
      const credit: Line = { ...first, quantity: 1 };
      yield wire(
        w,
        `cn-${pad(credits, 6)}`,
        'credit_note',
        `A26-${pad(credits, 6)}`,
        customerIndex,
        [credit],
        FIRST_DAY + n * step,
        invoiceId,
      );
      n += 1;
      credits += 1;
    }
  }
}

/** The initial sync: 2,000 invoices and 100 credit notes for 300 customers and 8 services (scaled down in proportion for `documents`). */
export const initialSyncWorkload = (accountId: string, documents = 2_100): Workload => {
  const creditNotes = Math.round((documents * 100) / 2_100);
  return {
    accountId,
    invoices: documents - creditNotes,
    creditNotes,
    customers: Math.max(1, Math.min(300, Math.round((documents * 300) / 2_100))),
    services: 8,
  };
};
