// Name lists, company info and preferences over real HTTP; each title names the QBO-API.md section it checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/accounting-harness.js';
import { firstError, nodeQb, startHarness } from '../support/accounting-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('company info, preferences, tax codes, accounts', () => {
  it('companyinfo answers CompanyInfo with Country alpha-2 and a top-level time (QBO-API.md §5 CompanyInfo, §1)', async () => {
    const r = await h.company('FR');
    const a = await r.api('GET', `companyinfo/${r.realmId}?minorversion=75`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      CompanyInfo: { CompanyName: 'Entreprise de démonstration', Country: 'FR', domain: 'QBO', sparse: false, Id: '1' },
    });
    expect(typeof a.body['time']).toBe('string');
  });

  it('preferences read and update: AllowDiscount writable, UsingSalesTax read-only, SyncToken checked (QBO-API.md §5 Preferences)', async () => {
    const r = await h.company('GB', { allowDiscount: false });
    const read = await r.api('GET', 'preferences');
    const prefs = read.body['Preferences'] as Record<string, Record<string, unknown>>;
    expect(prefs['SalesFormsPrefs']).toMatchObject({ AllowDiscount: false, CustomTxnNumbers: false });
    expect(prefs['TaxPrefs']).toMatchObject({ UsingSalesTax: true });
    const updated = await r.api('POST', 'preferences', {
      SyncToken: prefs['SyncToken'],
      SalesFormsPrefs: { AllowDiscount: true },
      TaxPrefs: { UsingSalesTax: false },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ Preferences: { SalesFormsPrefs: { AllowDiscount: true }, TaxPrefs: { UsingSalesTax: true } } });
    const stale = await r.api('POST', 'preferences', { SyncToken: prefs['SyncToken'], SalesFormsPrefs: { AllowDiscount: false } });
    expect([stale.status, firstError(stale)['code']]).toEqual([400, '5010']);
  });

  it('FR tax codes: TVA 20 %, 10 %, 5,5 %, 2,1 %, 8,5 %, 0 %, each with one sales rate (QBO-API.md §5 TaxCode)', async () => {
    const r = await h.company('FR');
    const codes = (await r.query('select * from TaxCode'))['TaxCode'] as Record<string, unknown>[];
    expect(codes.map((c) => c['Name'])).toEqual(['TVA 20 %', 'TVA 10 %', 'TVA 5,5 %', 'TVA 2,1 %', 'TVA 8,5 %', 'TVA 0 %']);
    const rateId =
      (codes[2]?.['SalesTaxRateList'] as { TaxRateDetail: { TaxRateRef: { value: string } }[] }).TaxRateDetail[0]?.TaxRateRef.value ?? '';
    const rate = await r.api('GET', `taxrate/${rateId}`);
    expect(rate.body).toMatchObject({ TaxRate: { RateValue: 5.5 } });
  });

  it('GB tax codes are named as in real UK companies ("20.0% S", "Exempt") (QBO-API.md §5 TaxCode, UK)', async () => {
    const r = await h.company('GB');
    const codes = (await r.query("select * from TaxCode where Name IN ('20.0% S', 'Exempt')"))['TaxCode'] as Record<string, unknown>[];
    expect(codes.map((c) => c['Name'])).toEqual(['20.0% S', 'Exempt']);
  });

  it('US companies have the TAX/NON pseudo codes and no VAT (QBO-API.md §5 TaxCode)', async () => {
    const r = await h.company('US');
    const codes = (await r.query('select * from TaxCode'))['TaxCode'] as Record<string, unknown>[];
    expect(codes.map((c) => c['Id']).sort()).toEqual(['NON', 'TAX']);
    expect(await r.query('select count(*) from TaxRate')).toEqual({ totalCount: 0 });
  });

  it('turning VAT on creates the codes; adding a rate in the settings creates it (QBO-API.md §9 VAT prerequisites)', async () => {
    const r = await h.company('GB', { vatEnabled: false });
    expect(await r.query('select * from TaxCode')).toEqual({});
    await r.settings({ vatEnabled: true });
    expect(((await r.query('select * from TaxCode'))['TaxCode'] as unknown[]).length).toBe(4);
    await r.settings({
      taxCodes: [
        { name: '20.0% S', rates: [{ name: '20.0% S', ratePercent: 20 }] },
        { name: '12.5% R', rates: [{ name: '12.5% R', ratePercent: 12.5 }] },
      ],
    });
    const active = (await r.query('select * from TaxCode'))['TaxCode'] as Record<string, unknown>[];
    expect(active.map((c) => c['Name'])).toEqual(['20.0% S', '12.5% R']);
  });

  it('FR income account "Ventes de services" is ServiceFeeIncome with AcctNum 706100; a discount account exists (QBO-API.md §5 Account)', async () => {
    const r = await h.company('FR');
    const accounts = (await r.query("select * from Account where AccountType = 'Income'"))['Account'] as Record<string, unknown>[];
    expect(accounts.find((a) => a['AccountSubType'] === 'ServiceFeeIncome')).toMatchObject({
      Name: 'Ventes de services',
      AcctNum: '706100',
      Classification: 'Revenue',
    });
    expect(accounts.some((a) => a['AccountSubType'] === 'DiscountsRefundsGiven')).toBe(true);
  });

  it('unknown resource → HTTP 400 fault code 2000 (QBO-API.md §6 codes; choice)', async () => {
    const r = await h.company('GB');
    const a = await r.api('GET', 'widget/1');
    expect([a.status, firstError(a)['code']]).toEqual([400, '2000']);
    expect(a.body).toMatchObject({ Fault: { type: 'ValidationFault' } });
  });
});

describe('customers', () => {
  it('create answers Id and SyncToken as strings, MetaData times, domain QBO, sparse false (QBO-API.md §10)', async () => {
    const r = await h.company('GB');
    const c = await r.create('customer', { DisplayName: 'Ada Lovelace', PrimaryEmailAddr: { Address: 'ada@example.com' } });
    expect(c).toMatchObject({ DisplayName: 'Ada Lovelace', SyncToken: '0', domain: 'QBO', sparse: false, Active: true });
    expect(typeof c['Id']).toBe('string');
    expect(c['MetaData']).toEqual({ CreateTime: expect.any(String), LastUpdatedTime: expect.any(String) });
  });

  it('DisplayName is built from name parts; no name at all → 2020 with element (QBO-API.md §5 Customer, §6 2020)', async () => {
    const r = await h.company('GB');
    expect(await r.create('customer', { GivenName: 'Grace', FamilyName: 'Hopper' })).toMatchObject({ DisplayName: 'Grace Hopper' });
    const a = await r.api('POST', 'customer', { CompanyName: 'No name' });
    expect([a.status, firstError(a)]).toEqual([
      400,
      {
        Message: 'Required param missing, need to supply the required value for the API',
        Detail: 'Required parameter DisplayName is missing in the request',
        code: '2020',
        element: 'DisplayName',
      },
    ]);
  });

  it('duplicate DisplayName across customers → 6240, case-insensitive (QBO-API.md §5 Customer, §6 6240)', async () => {
    const r = await h.company('GB');
    await r.create('customer', { DisplayName: 'Acme Ltd' });
    const a = await r.api('POST', 'customer', { DisplayName: 'ACME LTD' });
    expect([a.status, firstError(a)['code'], firstError(a)['Message']]).toEqual([400, '6240', 'Duplicate Name Exists Error']);
  });

  it('DisplayName with a colon, tab or newline → 2040 (QBO-API.md §5 Customer business rules; code a choice)', async () => {
    const r = await h.company('GB');
    for (const name of ['A:B', 'A\tB', 'A\nB']) {
      const a = await r.api('POST', 'customer', { DisplayName: name });
      expect([a.status, firstError(a)['code'], firstError(a)['element']]).toEqual([400, '2040', 'DisplayName']);
    }
  });

  it('string too long → 2050 "Min:0 Max:16 supported. Supplied length:17" (QBO-API.md §5 Customer lengths, §6 2050)', async () => {
    const r = await h.company('GB');
    const a = await r.api('POST', 'customer', { DisplayName: 'Long title', Title: 'x'.repeat(17) });
    expect(firstError(a)).toMatchObject({ code: '2050', element: 'Title' });
    expect(String(firstError(a)['Detail'])).toContain('Min:0 Max:16 supported. Supplied length:17');
  });

  it('sparse update changes only the fields sent and increments SyncToken; stale SyncToken → 5010 (QBO-API.md §1 Updates)', async () => {
    const r = await h.company('GB');
    const c = await r.create('customer', { DisplayName: 'Sparse Co', CompanyName: 'Sparse' });
    const u = await r.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'hello' });
    expect(u.body).toMatchObject({ Customer: { SyncToken: '1', CompanyName: 'Sparse', Notes: 'hello' } });
    const stale = await r.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', sparse: true, Notes: 'again' });
    expect([stale.status, firstError(stale)['code'], firstError(stale)['Message']]).toEqual([400, '5010', 'Stale Object Error']);
  });

  it('full update clears the writable fields left out (QBO-API.md §1 Updates)', async () => {
    const r = await h.company('GB');
    const c = await r.create('customer', { DisplayName: 'Full Co', CompanyName: 'Full' });
    const u = await r.api('POST', 'customer', { Id: c['Id'], SyncToken: '0', DisplayName: 'Full Co' });
    expect((u.body['Customer'] as Record<string, unknown>)['CompanyName']).toBeUndefined();
  });

  it('reading an unknown id → HTTP 400, 610 Object Not Found (QBO-API.md §6 610)', async () => {
    const r = await h.company('GB');
    const a = await r.api('GET', 'customer/999');
    expect([a.status, firstError(a)['code'], firstError(a)['Message']]).toEqual([400, '610', 'Object Not Found']);
  });

  it('node-quickbooks createCustomer / getCustomer / findCustomers with an apostrophe (STACK-NOTES.md §4, QBO-API.md §1 query)', async () => {
    const r = await h.company('GB');
    const qbo = r.qbo();
    const created = await nodeQb<Record<string, unknown>>((cb) => qbo.createCustomer({ DisplayName: "Ada's Shop" }, cb));
    const read = await nodeQb<Record<string, unknown>>((cb) => qbo.getCustomer(String(created['Id']), cb));
    expect(read['DisplayName']).toBe("Ada's Shop");
    const found = await nodeQb<{ QueryResponse: { Customer?: Record<string, unknown>[] } }>((cb) =>
      qbo.findCustomers({ DisplayName: "Ada's Shop", limit: 10 }, cb),
    );
    expect(found.QueryResponse.Customer?.map((c) => c['Id'])).toEqual([created['Id']]);
  });
});

describe('items', () => {
  it('FR item needs ItemCategoryType (2020) and defaults to the 706100 income account (QBO-API.md §5 Item, France)', async () => {
    const r = await h.company('FR');
    const missing = await r.api('POST', 'item', { Name: 'Conseil' });
    expect([firstError(missing)['code'], firstError(missing)['element']]).toEqual(['2020', 'ItemCategoryType']);
    const item = await r.create('item', { Name: 'Conseil', ItemCategoryType: 'Service' });
    expect(item).toMatchObject({ Type: 'Service', IncomeAccountRef: { name: 'Ventes de services' } });
  });
});

describe('more name-list rules', () => {
  it('item names are unique (6240) and an email without @ and . is refused (2210) (QBO-API.md §5 Item, Customer)', async () => {
    const r = await h.company('GB');
    // Type and IncomeAccountRef are required outside France (QBO-API.md §5 Item); this test sent neither before.
    await r.create('item', { Name: 'Consulting', Type: 'Service', IncomeAccountRef: { value: '1' } });
    expect(firstError(await r.api('POST', 'item', { Name: 'consulting', Type: 'Service', IncomeAccountRef: { value: '1' } }))['code']).toBe(
      '6240',
    );
    const bad = await r.api('POST', 'customer', { DisplayName: 'Mail Co', PrimaryEmailAddr: { Address: 'not-an-email' } });
    expect([firstError(bad)['code'], firstError(bad)['element']]).toEqual(['2210', 'PrimaryEmailAddr.Address']);
  });

  it('FR accounts need AcctNum (2020); names cannot hold a colon (2040) (QBO-API.md §5 Account)', async () => {
    const r = await h.company('FR');
    const missing = await r.api('POST', 'account', { Name: 'Autres produits', AccountType: 'Income' });
    expect([firstError(missing)['code'], firstError(missing)['element']]).toEqual(['2020', 'AcctNum']);
    const colon = await r.api('POST', 'account', { Name: 'A:B', AccountType: 'Income', AcctNum: '708000' });
    expect(firstError(colon)['code']).toBe('2040');
    expect(
      await r.create('account', {
        Name: 'Autres produits',
        AccountType: 'Income',
        AccountSubType: 'OtherPrimaryIncome',
        AcctNum: '708000',
      }),
    ).toMatchObject({ Classification: 'Revenue', SyncToken: '0' });
  });

  it('name lists have no delete: operation=delete → 400 code 500 Unsupported Operation (QBO-API.md §1 Name-list entities)', async () => {
    const r = await h.company('GB');
    const c = await r.create('customer', { DisplayName: 'Keep Me' });
    const a = await r.api('POST', 'customer?operation=delete', { Id: c['Id'], SyncToken: '0' });
    expect([a.status, firstError(a)['code'], firstError(a)['Message']]).toEqual([400, '500', 'Unsupported Operation']);
  });
});
