// The initial sync done the common way, as a peer integration does it (shared PEERS.md: Invoice
// Ninja, Zuper…), to measure the module against: node-quickbooks, one create per entity, a look-up
// (query) before each write, node-quickbooks' `upload` for each PDF (two requests: the file, then the
// link), paced at 80 % of Intuit's limits with a back-off on 429. A measuring tool, not product code.
import QB from 'node-quickbooks';
import type { QuickBooks as QuickBooksType } from 'node-quickbooks';
import type { WireDocument } from '../world/documents.js';
import { PacedCalls } from './paced-calls.js';

const QuickBooks = QB as unknown as typeof QuickBooksType;

type Json = Record<string, unknown>;
type Callback = (err: unknown, data: unknown) => void;

export interface CommonWayOptions {
  readonly qboUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly realmId: string;
  readonly accessToken: string;
  /** Where the PDFs are read (the billing core's HTTP API) and with which token. */
  readonly billingUrl: string;
  readonly billingToken: string;
  /** Wall-clock ms per ms at Intuit's pace (the limiter's windows and back-off shrink with it). */
  readonly scale: number;
  readonly withPdf: boolean;
}

/** How a peer holding 80 % of Intuit's limits works: 8 documents at once, 400 requests a minute, 8 a second. */
export const PEER_SHARE = { concurrent: 8, perMinute: 400, perSecond: 8 } as const;

// Criteria as `{ Field: value }`: node-quickbooks 2.0.50 drops the where clause of a single
// `{ field, value }` object (lodash's flatten of a non-array), so every look-up would find the first entity.
const first = (answer: unknown, entity: string): Json | undefined =>
  ((answer as { QueryResponse?: Record<string, Json[] | undefined> }).QueryResponse?.[entity] ?? [])[0];

const idOf = (entity: Json | undefined): string => String(entity?.['Id'] ?? '');

/**
 * One company synced the common way. Customers and services are looked up by name the first time a
 * document meets them and created when absent (then remembered, as a peer's mapping table would);
 * each document is looked up by its number before it is created; its PDF is uploaded with
 * node-quickbooks' `upload`.
 */
export class CommonWayClient {
  private readonly qbo: QuickBooksType;
  private readonly calls: PacedCalls;
  /** Name → QBO id, one look-up (and create) per name even when several documents meet it at once. */
  private readonly customers = new Map<string, Promise<string>>();
  private readonly items = new Map<string, Promise<string>>();
  private taxCodeByRate = new Map<string, string>();
  private incomeAccount = '';

  constructor(private readonly o: CommonWayOptions) {
    this.qbo = new QuickBooks(o.clientId, o.clientSecret, o.accessToken, false, o.realmId, true, false, '75', '2.0', '');
    (this.qbo as unknown as { endpoint: string }).endpoint = `${o.qboUrl}/v3/company/`;
    this.calls = new PacedCalls(PEER_SHARE, o.scale);
  }

  /** 429s the peer received (each followed by its back-off). */
  get throttled(): number {
    return this.calls.throttled;
  }

  private call(invoke: (qbo: QuickBooksType, cb: Callback) => void, weight = 1): Promise<unknown> {
    return this.calls.run(
      () =>
        new Promise((resolve, reject) => {
          invoke(this.qbo, (err, data) => (err === null || err === undefined ? resolve(data) : reject(err)));
        }),
      weight,
    );
  }

  /** The company's tax codes by rate (the active single-rate code with the lowest id) and an income account: read once. */
  async prepare(): Promise<void> {
    const rates = (await this.call((q, cb) => q.findTaxRates(cb as never))) as { QueryResponse?: { TaxRate?: Json[] } };
    const codes = (await this.call((q, cb) => q.findTaxCodes(cb as never))) as { QueryResponse?: { TaxCode?: Json[] } };
    const accounts = (await this.call((q, cb) => q.findAccounts({ AccountType: 'Income' }, cb as never))) as {
      QueryResponse?: { Account?: Json[] };
    };
    const rateValue = new Map((rates.QueryResponse?.TaxRate ?? []).map((r) => [String(r['Id']), Number(r['RateValue'])]));
    const sorted = [...(codes.QueryResponse?.TaxCode ?? [])].sort((a, b) => Number(a['Id']) - Number(b['Id']));
    for (const code of sorted) {
      const details = ((code['SalesTaxRateList'] as Json | undefined)?.['TaxRateDetail'] ?? []) as Json[];
      if (code['Active'] === false || details.length !== 1) continue;
      const value = rateValue.get(String((details[0]?.['TaxRateRef'] as Json | undefined)?.['value']));
      if (value !== undefined && !this.taxCodeByRate.has(String(value))) this.taxCodeByRate.set(String(value), idOf(code));
    }
    this.incomeAccount = idOf(accounts.QueryResponse?.Account?.[0]);
  }

  /** Every document, `PEER_SHARE.concurrent` at a time, each credit note after its invoice's turn came. @returns the documents that failed */
  async syncAll(documents: readonly WireDocument[]): Promise<readonly { id: string; error: string }[]> {
    const failures: { id: string; error: string }[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < documents.length; i = next++) {
        const document = documents[i] as WireDocument;
        await this.sync(document).catch((e: unknown) =>
          failures.push({
            id: document.id,
            error: JSON.stringify((e as { response?: { data?: unknown } }).response?.data ?? String(e)).slice(0, 300),
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: PEER_SHARE.concurrent }, lane));
    return failures;
  }

  private async sync(document: WireDocument): Promise<void> {
    const customerId = await this.customer(document.customer);
    const lines = [];
    for (const line of document.lines) {
      const itemId = await this.item(line.service.name);
      lines.push({
        DetailType: 'SalesItemLineDetail',
        Amount: line.totalCents / 100,
        Description: line.description,
        SalesItemLineDetail: {
          ItemRef: { value: itemId },
          Qty: Number(line.quantity),
          UnitPrice: Number(line.unitPrice),
          TaxCodeRef: { value: this.taxCodeByRate.get(String(Number(line.vatRate))) ?? '' },
        },
      });
    }
    const docNumber = `OGUSTINE_${document.number}`;
    const entity = document.kind === 'invoice' ? 'Invoice' : 'CreditMemo';
    // The look-up before the write: a document already there (a retry after a lost answer) is not created again.
    const found = await this.call((q, cb) =>
      entity === 'Invoice'
        ? q.findInvoices({ DocNumber: docNumber }, cb as never)
        : q.findCreditMemos({ DocNumber: docNumber }, cb as never),
    );
    let transaction = first(found, entity);
    if (transaction === undefined) {
      const payload = {
        CustomerRef: { value: customerId },
        DocNumber: docNumber,
        TxnDate: document.issuedOn,
        GlobalTaxCalculation: 'TaxExcluded',
        Line: lines,
      };
      const created = (await this.call((q, cb) =>
        entity === 'Invoice' ? q.createInvoice(payload as never, cb as never) : q.createCreditMemo(payload as never, cb as never),
      )) as Json;
      transaction = created;
    }
    if (!this.o.withPdf) return;
    const pdf = await fetch(`${this.o.billingUrl}/v1/accounts/${document.accountId}/documents/${document.id}/pdf`, {
      headers: { authorization: `Bearer ${this.o.billingToken}` },
    });
    if (!pdf.ok) throw new Error(`PDF of ${document.id}: ${pdf.status}`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    await this.call((q, cb) => q.upload(`${document.number}.pdf`, 'application/pdf', bytes, entity, idOf(transaction), cb as never), 2);
  }

  private customer(customer: WireDocument['customer']): Promise<string> {
    return this.once(this.customers, customer.name, async () => {
      const found = first(await this.call((q, cb) => q.findCustomers({ DisplayName: customer.name }, cb as never)), 'Customer');
      if (found !== undefined) return idOf(found);
      const payload = {
        DisplayName: customer.name,
        GivenName: customer.firstName,
        FamilyName: customer.lastName,
        PrimaryEmailAddr: { Address: customer.email },
        BillAddr: { Line1: customer.address.lines[0], City: customer.address.city, PostalCode: customer.address.postalCode, Country: 'FR' },
      };
      return idOf((await this.call((q, cb) => q.createCustomer(payload as never, cb as never))) as Json);
    });
  }

  private item(name: string): Promise<string> {
    return this.once(this.items, name, async () => {
      const found = first(await this.call((q, cb) => q.findItems({ Name: name }, cb as never)), 'Item');
      if (found !== undefined) return idOf(found);
      // A French company asks for the item's category as well (QBO-API.md).
      const payload = { Name: name, Type: 'Service', ItemCategoryType: 'Service', IncomeAccountRef: { value: this.incomeAccount } };
      return idOf((await this.call((q, cb) => q.createItem(payload as never, cb as never))) as Json);
    });
  }

  private once(known: Map<string, Promise<string>>, name: string, resolve: () => Promise<string>): Promise<string> {
    const pending = known.get(name) ?? resolve();
    if (!known.has(name)) {
      known.set(name, pending);
      // A failed look-up is tried again by the next document that meets the name.
      pending.catch(() => known.delete(name));
    }
    return pending;
  }
}
