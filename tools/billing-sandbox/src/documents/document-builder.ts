// Builds plausible invoices and credit notes for an account: lines from its catalogue, discounts
// now and then, totals by Ogustine's arithmetic. Used by the seeded history and by `emit`.
import type { AccountSpec } from '../seed/account-spec.js';
import { catalogueFor, type Service } from '../seed/catalogue.js';
import type { Random } from '../seed/random.js';
import { documentTotals, lineTotalCents, priceText, quantityText, rateText } from './amounts.js';
import { addDays, localDay } from './local-day.js';
import type { WireCustomer, WireDiscount, WireDocument, WireLine } from './wire-document.js';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const HOURS = [100, 150, 200, 250, 300, 400, 600, 800, 1000, 1200];
const MEMOS = [
  'Merci de régler par virement.',
  'Paiement par CESU accepté.',
  'Prélèvement le 5 du mois.',
  "Crédit d'impôt : attestation annuelle envoyée en janvier.",
];

export interface DocumentIdentity {
  readonly id: string;
  readonly number: string;
  readonly createdAt: number;
  readonly validatedAt: number;
}

export type DiscountWish = 'sometimes' | 'always' | 'never';

const monthOf = (day: string): string => `${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;

const discountFor = (r: Random, undiscountedCents: number): WireDiscount => {
  if (r.chance(0.5) || undiscountedCents <= 1000) return { percent: r.pick(['5', '10', '12.5', '15']) };
  return { amountCents: r.pick([500, 1000]) };
};

const line = (r: Random, service: Service, day: string, discount: DiscountWish): WireLine => {
  const quantityHundredths = service.unit === 'hour' ? r.pick(HOURS) : r.int(1, 8) * 100;
  const undiscounted = Math.round((quantityHundredths * service.unitPriceCents) / 100);
  const withDiscount = discount === 'always' || (discount === 'sometimes' && r.chance(0.12));
  const lineDiscount = withDiscount ? discountFor(r, undiscounted) : undefined;
  const amounts = {
    quantityHundredths,
    unitPriceCents: service.unitPriceCents,
    ...(lineDiscount === undefined ? {} : { discount: lineDiscount }),
  };
  return {
    service: { id: service.id, name: service.name },
    description: `${service.description}, ${monthOf(day)}`,
    quantity: quantityText(quantityHundredths),
    unitPrice: priceText(service.unitPriceCents),
    vatRate: rateText(service.rate),
    ...(lineDiscount === undefined ? {} : { discount: lineDiscount }),
    totalCents: lineTotalCents(amounts),
  };
};

const frame = (account: AccountSpec, identity: DocumentIdentity, customer: WireCustomer, lines: readonly WireLine[]) => {
  const issuedOn = localDay(identity.createdAt, account.timeZone);
  return {
    id: identity.id,
    accountId: account.accountId,
    number: identity.number,
    customer,
    lines,
    totals: documentTotals(lines, account.pricesIncludeTax),
    currency: 'EUR',
    pricesIncludeTax: account.pricesIncludeTax,
    createdAt: new Date(identity.createdAt).toISOString(),
    validatedAt: new Date(identity.validatedAt).toISOString(),
    issuedOn,
  };
};

/** An invoice of 1 to 4 services of the account's catalogue (each service once). */
export const buildInvoice = (
  r: Random,
  account: AccountSpec,
  identity: DocumentIdentity,
  customer: WireCustomer,
  discount: DiscountWish,
): WireDocument => {
  const day = localDay(identity.createdAt, account.timeZone);
  const services = [...catalogueFor(account.profile)];
  const lines: WireLine[] = [];
  const count = r.int(1, 4);
  for (let n = 0; n < count; n++) {
    const [service] = services.splice(r.int(0, services.length - 1), 1);
    // `always` puts one discount on the first line, so the document has exactly one to look at.
    const wish: DiscountWish = discount === 'always' ? (n === 0 ? 'always' : 'never') : discount;
    if (service !== undefined) lines.push(line(r, service, day, wish));
  }
  const base = frame(account, identity, customer, lines);
  const memo = r.chance(0.2) ? r.pick(MEMOS) : undefined;
  return { ...base, kind: 'invoice', dueOn: addDays(base.issuedOn, 30), ...(memo === undefined ? {} : { memo }) };
};

/**
 * A credit note on an invoice, for its customer: one of its lines credited in full when it had a
 * fixed discount, else at most one hour or unit of it (a cancelled visit), never more than invoiced.
 */
export const buildCreditNote = (r: Random, account: AccountSpec, identity: DocumentIdentity, invoice: WireDocument): WireDocument => {
  const credited = r.pick(invoice.lines);
  const quantity = Number(credited.quantity) * 100;
  const keepsAll = credited.discount !== undefined && 'amountCents' in credited.discount;
  const quantityHundredths = keepsAll ? quantity : Math.min(quantity, 100);
  const unitPriceCents = Math.round(Number(credited.unitPrice) * 100);
  const discount = credited.discount;
  const lines: WireLine[] = [
    {
      ...credited,
      description: `Annulation : ${credited.description}`,
      quantity: quantityText(quantityHundredths),
      totalCents: lineTotalCents({ quantityHundredths, unitPriceCents, ...(discount === undefined ? {} : { discount }) }),
    },
  ];
  return {
    ...frame(account, identity, invoice.customer, lines),
    kind: 'credit_note',
    correctsInvoiceId: invoice.id,
    memo: `Avoir sur facture n° ${invoice.number}`,
  };
};
