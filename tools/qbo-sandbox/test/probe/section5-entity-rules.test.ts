// Probe of QBO-API.md §5, second pass: the entity rules of Customer, Item, Account (France), Invoice, CreditMemo,
// addresses, Attachable and CompanyInfo, each answered with the documented status, envelope, code and element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
let fr: Realm;
let vat: string;
let tva: string;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
  fr = await h.company('FR');
  vat = await taxCodeId(gb, '20.0% S');
  tva = await taxCodeId(fr, 'TVA 20 %');
});
afterAll(async () => {
  await h.close();
});

const accountBy = async (r: Realm, where: string): Promise<Json> => {
  const found = (await r.query(`select * from Account where ${where}`))['Account'] as Json[] | undefined;
  if (found?.[0] === undefined) throw new Error(`no account where ${where}`);
  return found[0];
};
const invoice = (customer: string, extra: Json = {}, line: Json = itemLine(10, vat)): Json => ({
  CustomerRef: { value: customer },
  Line: [line],
  ...extra,
});

describe('§5 addresses', () => {
  it('§5 addresses: the five lines together ≤ 2000 characters (2050), each ≤ 500', async () => {
    const lines = { Line1: 'a'.repeat(500), Line2: 'b'.repeat(500), Line3: 'c'.repeat(500), Line4: 'd'.repeat(500) };
    expect((await gb.api('POST', 'customer', { DisplayName: 'Addr 2000', BillAddr: lines })).status).toBe(200);
    const e = expectFault(await gb.api('POST', 'customer', { DisplayName: 'Addr 2001', BillAddr: { ...lines, Line5: 'e' } }), 400, '2050');
    expect(e['Detail']).toContain('Max:2000 supported. Supplied length:2001');
  });

  it('§5 addresses: City, Country, CountrySubDivisionCode ≤ 255 on a customer', async () => {
    for (const field of ['City', 'Country', 'CountrySubDivisionCode']) {
      expect((await gb.api('POST', 'customer', { DisplayName: `ok ${field}`, ShipAddr: { [field]: 'x'.repeat(255) } })).status).toBe(200);
      const e = expectFault(
        await gb.api('POST', 'customer', { DisplayName: `ko ${field}`, ShipAddr: { [field]: 'x'.repeat(256) } }),
        400,
        '2050',
      );
      expect(e['element']).toBe(`ShipAddr.${field}`);
    }
  });

  it('§5 addresses: the same limits hold on an invoice BillAddr and ShipAddr', async () => {
    const customer = await newCustomer(gb);
    expectFault(await gb.api('POST', 'invoice', invoice(customer, { BillAddr: { Line1: 'x'.repeat(501) } })), 400, '2050');
    expectFault(await gb.api('POST', 'invoice', invoice(customer, { ShipAddr: { PostalCode: '1'.repeat(31) } })), 400, '2050');
    expectFault(await gb.api('POST', 'creditmemo', invoice(customer, { ShipAddr: { City: 'c'.repeat(256) } })), 400, '2050');
  });
});

describe('§5 Customer', () => {
  it('§5 Customer: sub-customers nest up to 4 levels under a top-level parent (ParentRef + Job); a fifth level is refused', async () => {
    let parent = await newCustomer(gb, { DisplayName: 'Top level' });
    for (let level = 1; level <= 4; level += 1) {
      const sub = entityOf(
        await gb.api('POST', 'customer', { DisplayName: `Level ${level}`, ParentRef: { value: parent }, Job: true }),
        'Customer',
      );
      expect([sub['Job'], sub['Level'], (sub['ParentRef'] as Json)['value']]).toEqual([true, level, parent]);
      parent = String(sub['Id']);
    }
    expect(entityOf(await gb.api('GET', `customer/${parent}`), 'Customer')['FullyQualifiedName']).toBe(
      'Top level:Level 1:Level 2:Level 3:Level 4',
    );
    expectFault(await gb.api('POST', 'customer', { DisplayName: 'Level 5', ParentRef: { value: parent }, Job: true }), 400, '6000');
    expectFault(await gb.api('POST', 'customer', { DisplayName: 'Orphan', ParentRef: { value: '99999' }, Job: true }), 400, '2500');
  });

  it('§5 Customer: PrimaryTaxIdentifier is masked in responses', async () => {
    const c = entityOf(await gb.api('POST', 'customer', { DisplayName: 'Taxed id', PrimaryTaxIdentifier: 'GB123456789' }), 'Customer');
    expect(c['PrimaryTaxIdentifier']).not.toBe('GB123456789');
    expect(String(c['PrimaryTaxIdentifier'])).toMatch(/^X+789$/);
  });

  it('§5 Customer: PreferredDeliveryMethod is Print, Email or None (2170 otherwise)', async () => {
    for (const ok of ['Print', 'Email', 'None'])
      expect((await gb.api('POST', 'customer', { DisplayName: `Delivery ${ok}`, PreferredDeliveryMethod: ok })).status).toBe(200);
    const e = expectFault(await gb.api('POST', 'customer', { DisplayName: 'Delivery fax', PreferredDeliveryMethod: 'Fax' }), 400, '2170');
    expect(e['element']).toBe('PreferredDeliveryMethod');
  });

  it('§5 Customer: DefaultTaxCodeRef must name a tax code (2500)', async () => {
    expect((await gb.api('POST', 'customer', { DisplayName: 'Default code', DefaultTaxCodeRef: { value: vat } })).status).toBe(200);
    expectFault(await gb.api('POST', 'customer', { DisplayName: 'Bad code', DefaultTaxCodeRef: { value: '999' } }), 400, '2500');
  });

  it('§5 Customer: Balance is write-on-create: kept on create, an update cannot change it', async () => {
    const c = entityOf(await gb.api('POST', 'customer', { DisplayName: 'Opening balance', Balance: 150 }), 'Customer');
    expect(c['Balance']).toBe(150);
    const updated = await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: c['SyncToken'], sparse: true, Balance: 1 });
    expect(entityOf(updated, 'Customer')['Balance']).toBe(150);
  });

  it('§5 Customer: CurrencyRef cannot change once set', async () => {
    const c = entityOf(await gb.api('POST', 'customer', { DisplayName: 'Currency kept' }), 'Customer');
    const updated = await gb.api('POST', 'customer', {
      Id: c['Id'],
      SyncToken: c['SyncToken'],
      sparse: true,
      CurrencyRef: { value: 'USD' },
    });
    expect((entityOf(updated, 'Customer')['CurrencyRef'] as Json)['value']).toBe('GBP');
  });

  it('§5 Customer (France): each customer has its own receivables account (ARAccountRef)', async () => {
    const a = entityOf(await fr.api('POST', 'customer', { DisplayName: 'Client A' }), 'Customer');
    const b = entityOf(await fr.api('POST', 'customer', { DisplayName: 'Client B' }), 'Customer');
    const refA = (a['ARAccountRef'] as Json)['value'];
    expect(refA).not.toBe((b['ARAccountRef'] as Json)['value']);
    const account = entityOf(await fr.api('GET', `account/${String(refA)}`), 'Account');
    expect(account['AccountType']).toBe('Accounts Receivable');
    const income = await accountBy(fr, "AccountType = 'Income'");
    expectFault(await fr.api('POST', 'customer', { DisplayName: 'Client C', ARAccountRef: { value: income['Id'] } }), 400, '6430');
  });
});

describe('§5 Item', () => {
  it('§5 Item: IncomeAccountRef must be an income account (6430), an unknown one 2500', async () => {
    const receivable = await accountBy(gb, "AccountType = 'Accounts Receivable'");
    const body = { Name: 'Bad income', Type: 'Service', IncomeAccountRef: { value: receivable['Id'] } };
    expect(expectFault(await gb.api('POST', 'item', body), 400, '6430')['element']).toBe('IncomeAccountRef');
    expectFault(await gb.api('POST', 'item', { ...body, IncomeAccountRef: { value: '9999' } }), 400, '2500');
  });

  it('§5 Item: ExpenseAccountRef is required for a NonInventory item outside France (2020)', async () => {
    const income = await accountBy(gb, "AccountSubType = 'SalesOfProductIncome'");
    const body = { Name: 'Widget', Type: 'NonInventory', IncomeAccountRef: { value: income['Id'] } };
    expect(expectFault(await gb.api('POST', 'item', body), 400, '2020')['element']).toBe('ExpenseAccountRef');
    const cogs = await accountBy(gb, "AccountType = 'Cost of Goods Sold'");
    expect((await gb.api('POST', 'item', { ...body, ExpenseAccountRef: { value: cogs['Id'] } })).status).toBe(200);
  });

  it('§5 Item (France): IncomeAccountRef defaults to 706100 / 707100 and ExpenseAccountRef to 605100 / 601100', async () => {
    for (const [category, income, expense] of [
      ['Service', '706100', '605100'],
      ['Product', '707100', '601100'],
    ] as const) {
      const item = entityOf(await fr.api('POST', 'item', { Name: `Défaut ${category}`, ItemCategoryType: category }), 'Item');
      const incomeAccount = entityOf(await fr.api('GET', `account/${String((item['IncomeAccountRef'] as Json)['value'])}`), 'Account');
      const expenseAccount = entityOf(await fr.api('GET', `account/${String((item['ExpenseAccountRef'] as Json)['value'])}`), 'Account');
      expect([incomeAccount['AcctNum'], expenseAccount['AcctNum']]).toEqual([income, expense]);
    }
  });

  it('§5 Item (France): ItemCategoryType is Product or Service (2170)', async () => {
    expect(expectFault(await fr.api('POST', 'item', { Name: 'Catégorie', ItemCategoryType: 'Bundle' }), 400, '2170')['element']).toBe(
      'ItemCategoryType',
    );
  });

  it('§5 Item: SalesTaxCodeRef must name a tax code (2500)', async () => {
    const income = await accountBy(gb, "AccountSubType = 'ServiceFeeIncome'");
    const body = { Name: 'Taxed service', Type: 'Service', IncomeAccountRef: { value: income['Id'] } };
    expectFault(await gb.api('POST', 'item', { ...body, SalesTaxCodeRef: { value: '999' } }), 400, '2500');
    expect((await gb.api('POST', 'item', { ...body, SalesTaxCodeRef: { value: vat } })).status).toBe(200);
  });
});

describe('§5 Item types', () => {
  it('§5 Item: Type Inventory needs IncomeAccountRef and ExpenseAccountRef outside France; Category needs a name only', async () => {
    const income = await accountBy(gb, "AccountSubType = 'SalesOfProductIncome'");
    const cogs = await accountBy(gb, "AccountType = 'Cost of Goods Sold'");
    const body = { Name: 'Stocked', Type: 'Inventory', IncomeAccountRef: { value: income['Id'] } };
    expect(expectFault(await gb.api('POST', 'item', body), 400, '2020')['element']).toBe('ExpenseAccountRef');
    const stocked = entityOf(await gb.api('POST', 'item', { ...body, ExpenseAccountRef: { value: cogs['Id'] }, QtyOnHand: 5 }), 'Item');
    expect([stocked['Type'], stocked['TrackQtyOnHand'], stocked['QtyOnHand']]).toEqual(['Inventory', true, 5]);
    const category = entityOf(await gb.api('POST', 'item', { Name: 'A category', Type: 'Category' }), 'Item');
    expect([category['Type'], category['IncomeAccountRef']]).toEqual(['Category', undefined]);
    expectFault(await gb.api('POST', 'item', { Name: 'Odd', Type: 'Bundle' }), 400, '2170');
  });
});

describe('§1 values', () => {
  it('§1 answers carry the intuit_tid, qbo-version and service-time headers', async () => {
    const a = await gb.api('GET', `companyinfo/${gb.realmId}`);
    expect([a.headers.has('intuit_tid'), a.headers.has('qbo-version'), a.headers.get('service-time')]).toEqual([
      true,
      true,
      expect.stringMatching(/^total=\d+$/),
    ]);
  });

  it('§1 only properties that have values are returned: a null sent is not kept', async () => {
    const c = entityOf(await gb.api('POST', 'customer', { DisplayName: 'Null notes', Notes: null, CompanyName: 'Kept' }), 'Customer');
    expect('Notes' in c).toBe(false);
    expect(c['CompanyName']).toBe('Kept');
  });
});

describe('§5 Account', () => {
  it('§5 Account (France): AcctNum must start with a master-category number', async () => {
    const body = { Name: 'Compte 9', AccountType: 'Income', AcctNum: '906100' };
    expect(expectFault(await fr.api('POST', 'account', body), 400, '2040')['element']).toBe('AcctNum');
    expect((await fr.api('POST', 'account', { ...body, AcctNum: '706200' })).status).toBe(200);
  });

  it('§5 Account (France): AccountAlias is unique', async () => {
    await fr.create('account', { Name: 'Alias un', AccountType: 'Income', AcctNum: '706300', AccountAlias: 'Ventes web' });
    const e = expectFault(
      await fr.api('POST', 'account', { Name: 'Alias deux', AccountType: 'Income', AcctNum: '706400', AccountAlias: 'Ventes web' }),
      400,
      '6240',
    );
    expect(e['element']).toBe('AccountAlias');
  });

  it('§5 Account (France): TxnLocationType is WithinFrance, FranceOverseas, OutsideFranceWithEU or OutsideEU', async () => {
    const body = { Name: 'Ventes UE', AccountType: 'Income', AcctNum: '706500' };
    expectFault(await fr.api('POST', 'account', { ...body, TxnLocationType: 'Mars' }), 400, '2170');
    expect((await fr.api('POST', 'account', { ...body, TxnLocationType: 'OutsideFranceWithEU' })).status).toBe(200);
  });

  it('§5 Account: AccountType must be one of the XSD values (2170)', async () => {
    expectFault(await gb.api('POST', 'account', { Name: 'Odd type', AccountType: 'Revenue' }), 400, '2170');
  });

  it('§5 Account: a DiscountAccountRef must be an Income account (6430)', async () => {
    const customer = await newCustomer(gb);
    await gb.settings({ allowDiscount: true });
    const receivable = await accountBy(gb, "AccountType = 'Accounts Receivable'");
    const discount = {
      DetailType: 'DiscountLineDetail',
      Amount: 1,
      DiscountLineDetail: { PercentBased: false, DiscountAccountRef: { value: receivable['Id'] } },
    };
    const body = { CustomerRef: { value: customer }, Line: [itemLine(10, vat), discount] };
    expect(expectFault(await gb.api('POST', 'invoice', body), 400, '6430')['element']).toBe('DiscountAccountRef');
    await gb.settings({ allowDiscount: false });
  });
});

describe('§5 Invoice and CreditMemo', () => {
  it('§5 Invoice: the lines must hold a SalesItemLine, a GroupLine or an inline subtotal (2020 Line)', async () => {
    const customer = await newCustomer(gb);
    const onlyText = {
      CustomerRef: { value: customer },
      Line: [{ DetailType: 'DescriptionOnly', Description: 'just words', DescriptionLineDetail: {} }],
    };
    expect(expectFault(await gb.api('POST', 'invoice', onlyText), 400, '2020')['element']).toBe('Line');
  });

  it('§5 Invoice: at most 750 lines when the invoice is taxable', async () => {
    const customer = await newCustomer(gb);
    const lines = (n: number) => Array.from({ length: n }, () => itemLine(1, vat));
    expect((await gb.api('POST', 'invoice', { CustomerRef: { value: customer }, Line: lines(750) })).status).toBe(200);
    expectFault(await gb.api('POST', 'invoice', { CustomerRef: { value: customer }, Line: lines(751) }), 400, '6000');
  });

  it('§5 Invoice: Line.Amount has at most 15 digits in 10.5 format', async () => {
    const customer = await newCustomer(gb);
    expect((await gb.api('POST', 'invoice', invoice(customer, {}, itemLine(9999999999.5, vat)))).status).toBe(200);
    expect(expectFault(await gb.api('POST', 'invoice', invoice(customer, {}, itemLine(10000000000, vat))), 400, '2240')['element']).toBe(
      'Line.Amount',
    );
    expectFault(await gb.api('POST', 'creditmemo', invoice(customer, {}, itemLine(1.123456, vat))), 400, '2240');
  });

  it('§5 Invoice: EmailStatus is NotSet, NeedToSend or EmailSent; PrintStatus NotSet, NeedToPrint or PrintComplete (2170)', async () => {
    const customer = await newCustomer(gb);
    expect(expectFault(await gb.api('POST', 'invoice', invoice(customer, { EmailStatus: 'Sending' })), 400, '2170')['element']).toBe(
      'EmailStatus',
    );
    expect(expectFault(await gb.api('POST', 'invoice', invoice(customer, { PrintStatus: 'Printed' })), 400, '2170')['element']).toBe(
      'PrintStatus',
    );
    const ok = entityOf(await gb.api('POST', 'invoice', invoice(customer, { PrintStatus: 'NeedToPrint' })), 'Invoice');
    expect(ok['PrintStatus']).toBe('NeedToPrint');
  });

  it('§5 Invoice: BillEmail is an RFC 822 address of at most 100 characters (2210, 2050)', async () => {
    const customer = await newCustomer(gb);
    expectFault(await gb.api('POST', 'invoice', invoice(customer, { BillEmail: { Address: 'not-an-address' } })), 400, '2210');
    expectFault(await gb.api('POST', 'invoice', invoice(customer, { BillEmail: { Address: `${'a'.repeat(95)}@b.com` } })), 400, '2050');
  });

  it('§5 Invoice: CurrencyRef is required when multicurrency is on', async () => {
    const multi = await h.company('GB', { multiCurrencyEnabled: true });
    const code = await taxCodeId(multi, '20.0% S');
    const customer = await newCustomer(multi);
    expect(expectFault(await multi.api('POST', 'invoice', invoice(customer, {}, itemLine(10, code))), 400, '2020')['element']).toBe(
      'CurrencyRef',
    );
    const ok = entityOf(
      await multi.api('POST', 'invoice', invoice(customer, { CurrencyRef: { value: 'EUR' }, ExchangeRate: 0.85 }, itemLine(10, code))),
      'Invoice',
    );
    expect([(ok['CurrencyRef'] as Json)['value'], ok['TotalAmt'], ok['HomeTotalAmt']]).toEqual(['EUR', 12, 10.2]);
  });

  it('§5 Invoice: CustomField, max 3', async () => {
    const customer = await newCustomer(gb);
    const fields = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ DefinitionId: String(i + 1), Type: 'StringType', StringValue: 'x' }));
    expect((await gb.api('POST', 'invoice', invoice(customer, { CustomField: fields(3) }))).status).toBe(200);
    expect(expectFault(await gb.api('POST', 'invoice', invoice(customer, { CustomField: fields(4) })), 400, '6000')['element']).toBe(
      'CustomField',
    );
  });

  it('§5 Invoice (France): TransactionLocationType is one of the four documented values', async () => {
    const customer = await newCustomer(fr);
    const body = { DocNumber: 'LOC-1', CustomerRef: { value: customer }, Line: [itemLine(10, tva)] };
    expectFault(await fr.api('POST', 'invoice', { ...body, TransactionLocationType: 'Moon' }), 400, '2170');
    const ok = entityOf(await fr.api('POST', 'invoice', { ...body, TransactionLocationType: 'FranceOverseas' }), 'Invoice');
    expect(ok['TransactionLocationType']).toBe('FranceOverseas');
  });

  it('§5 Invoice: TxnDate in YYYY-MM-DD or yyyy/MM/dd; a date that does not exist is refused', async () => {
    const customer = await newCustomer(gb);
    expect(entityOf(await gb.api('POST', 'invoice', invoice(customer, { TxnDate: '2026/03/04' })), 'Invoice')['TxnDate']).toBe(
      '2026-03-04',
    );
    expect(expectFault(await gb.api('POST', 'invoice', invoice(customer, { TxnDate: '2026-02-30' })), 400, '2060')['element']).toBe(
      'TxnDate',
    );
  });

  it('§5 Invoice: ApplyTaxAfterDiscount (US only) keeps what is sent, default false', async () => {
    const us = await h.company('US');
    const customer = await newCustomer(us);
    const line = itemLine(10, 'TAX');
    expect(
      entityOf(await us.api('POST', 'invoice', invoice(customer, { ApplyTaxAfterDiscount: true }, line)), 'Invoice')[
        'ApplyTaxAfterDiscount'
      ],
    ).toBe(true);
    expect(entityOf(await us.api('POST', 'invoice', invoice(customer, {}, line)), 'Invoice')['ApplyTaxAfterDiscount']).toBe(false);
  });

  it('§5 Invoice: LinkedTxn is read-only; CreditMemo InvoiceRef (IN only) is not kept', async () => {
    const customer = await newCustomer(gb);
    const inv = entityOf(
      await gb.api('POST', 'invoice', invoice(customer, { LinkedTxn: [{ TxnId: '1', TxnType: 'Payment' }] })),
      'Invoice',
    );
    expect(inv['LinkedTxn']).toEqual([]);
    const cm = entityOf(
      await gb.api(
        'POST',
        'creditmemo',
        invoice(customer, { InvoiceRef: { value: inv['Id'] }, LinkedTxn: [{ TxnId: '1', TxnType: 'Payment' }] }),
      ),
      'CreditMemo',
    );
    expect([cm['InvoiceRef'], cm['LinkedTxn']]).toEqual([undefined, []]);
  });
});

describe('§5 Attachable', () => {
  it('§5 Attachable: Category is one of Contact Photo, Document, Image, Receipt, Signature, Sound, Other (2170)', async () => {
    expect((await gb.api('POST', 'attachable', { Note: 'A note', Category: 'Receipt' })).status).toBe(200);
    expect(expectFault(await gb.api('POST', 'attachable', { Note: 'A note', Category: 'Video' }), 400, '2170')['element']).toBe('Category');
  });

  it('§5 Attachable: Size, FileAccessUri and TempDownloadUri are read-only', async () => {
    const a = entityOf(
      await gb.api('POST', 'attachable', { Note: 'Read only', Size: 12345, TempDownloadUri: 'http://example.com/x', FileAccessUri: '/x' }),
      'Attachable',
    );
    expect([a['Size'], a['TempDownloadUri'], a['FileAccessUri']]).toEqual([undefined, undefined, undefined]);
  });

  it('§5 Attachable: an upload over the size limit → 6030; without Content-Length → 6020', async () => {
    const small = await startHarness({ uploadLimitBytes: 1024 });
    const realm = await small.company('GB');
    const form = new FormData();
    form.append('file_content_01', new Blob([new Uint8Array(2048)], { type: 'application/pdf' }), 'big.pdf');
    expectFault(await answerOf(await realm.raw('POST', 'upload', { body: form })), 400, '6030');
    const chunked = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('--x--\r\n')), c.close()) });
    const noLength = await realm.raw('POST', 'upload', {
      body: chunked,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit);
    expectFault(await answerOf(noLength), 400, '6020');
    await small.close();
  });
});

describe('§5 Preferences', () => {
  it('§5 Preferences: SalesFormsPrefs.DefaultDiscountAccount names the Income / DiscountsRefundsGiven account', async () => {
    const prefs = entityOf(await gb.api('GET', 'preferences'), 'Preferences');
    const id = String((prefs['SalesFormsPrefs'] as Json)['DefaultDiscountAccount']);
    const account = entityOf(await gb.api('GET', `account/${id}`), 'Account');
    expect([account['AccountType'], account['AccountSubType']]).toEqual(['Income', 'DiscountsRefundsGiven']);
  });
});

describe('§5 CompanyInfo', () => {
  it('§5 CompanyInfo: CompanyName ≤ 1024 on update; the update is kept, SyncToken + 1', async () => {
    const info = entityOf(await gb.api('GET', `companyinfo/${gb.realmId}`), 'CompanyInfo');
    expectFault(await gb.api('POST', 'companyinfo', { ...info, CompanyName: 'n'.repeat(1025) }), 400, '2050');
    const updated = entityOf(
      await gb.api('POST', 'companyinfo', { ...info, sparse: true, CompanyName: 'Renamed Ltd', LegalName: 'Renamed Limited' }),
      'CompanyInfo',
    );
    expect([updated['CompanyName'], updated['LegalName'], updated['SyncToken']]).toEqual([
      'Renamed Ltd',
      'Renamed Limited',
      String(Number(info['SyncToken']) + 1),
    ]);
    expectFault(await gb.api('POST', 'companyinfo', { ...info, sparse: true, CompanyName: 'Stale' }), 400, '5010');
  });

  it('§5 CompanyInfo: NameValue holds OfferingSku, SubscriptionStatus, NeoEnabled and IndustryType; addresses name the country in full', async () => {
    const info = entityOf(await fr.api('GET', `companyinfo/${fr.realmId}`), 'CompanyInfo');
    expect((info['NameValue'] as Json[]).map((n) => n['Name'])).toEqual([
      'OfferingSku',
      'SubscriptionStatus',
      'NeoEnabled',
      'IndustryType',
    ]);
    expect([info['Country'], (info['CompanyAddr'] as Json)['Country']]).toEqual(['FR', 'France']);
  });
});

const answerOf = async (res: Response) => {
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Json, headers: res.headers };
};
