// Probe of QBO-API.md §5 over raw HTTP: Customer, Item, Account, TaxCode / TaxRate, Preferences and CompanyInfo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, taxCodeId } from './probe-support.js';

let h: Harness;
let gb: Realm;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
});
afterAll(async () => {
  await h.close();
});

const incomeAccount = async (r: Realm): Promise<string> => {
  const accounts = (await r.query("select * from Account where AccountType = 'Income'"))['Account'] as Json[];
  return String(accounts[0]?.['Id']);
};

describe('§5 Customer', () => {
  it('§5 DisplayName must be unique → 6240', async () => {
    await gb.create('customer', { DisplayName: 'Unique Ltd' });
    expectFault(await gb.api('POST', 'customer', { DisplayName: 'Unique Ltd' }), 400, '6240');
  });

  it('§5 create needs DisplayName or a name part; without DisplayName it is built from the name parts', async () => {
    const e = expectFault(await gb.api('POST', 'customer', { CompanyName: 'Only company' }), 400, '2020');
    expect(e['element']).toBe('DisplayName');
    const built = entityOf(await gb.api('POST', 'customer', { GivenName: 'Ada', FamilyName: 'Lovelace' }), 'Customer');
    expect(built['DisplayName']).toBe('Ada Lovelace');
    expect(entityOf(await gb.api('POST', 'customer', { Title: 'Dr' }), 'Customer')['DisplayName']).toBe('Dr');
  });

  it('§5 names must not contain ":", tab or newline', async () => {
    for (const bad of ['A:B', 'A\tB', 'A\nB']) expect((await gb.api('POST', 'customer', { DisplayName: bad })).status).toBe(400);
    expect((await gb.api('POST', 'customer', { DisplayName: 'Fine', GivenName: 'X:Y' })).status).toBe(400);
  });

  it('§5 maximum lengths: DisplayName 500 passes and 501 fails with 2050; Title 16, GivenName 100, CompanyName 100, Notes 2000', async () => {
    expect((await gb.api('POST', 'customer', { DisplayName: 'd'.repeat(500) })).status).toBe(200);
    const e = expectFault(await gb.api('POST', 'customer', { DisplayName: 'e'.repeat(501) }), 400, '2050');
    expect(e['Detail']).toContain('Max:500 supported. Supplied length:501');
    for (const [field, max] of [
      ['Title', 16],
      ['GivenName', 100],
      ['CompanyName', 100],
      ['Notes', 2000],
      ['Suffix', 16],
      ['PrintOnCheckName', 110],
    ] as const) {
      expect([field, (await gb.api('POST', 'customer', { DisplayName: `len ${field} ok`, [field]: 'x'.repeat(max) })).status]).toEqual([
        field,
        200,
      ]);
      expect([field, (await gb.api('POST', 'customer', { DisplayName: `len ${field} ko`, [field]: 'x'.repeat(max + 1) })).status]).toEqual([
        field,
        400,
      ]);
    }
  });

  it('§5 address limits: a line ≤ 500, PostalCode ≤ 30', async () => {
    expect(
      (await gb.api('POST', 'customer', { DisplayName: 'Addr ok', BillAddr: { Line1: 'l'.repeat(500), PostalCode: 'p'.repeat(30) } }))
        .status,
    ).toBe(200);
    expect((await gb.api('POST', 'customer', { DisplayName: 'Addr ko1', BillAddr: { Line1: 'l'.repeat(501) } })).status).toBe(400);
    expect((await gb.api('POST', 'customer', { DisplayName: 'Addr ko2', BillAddr: { PostalCode: 'p'.repeat(31) } })).status).toBe(400);
  });

  it('§5 the email must contain "@" and "." (2210); ≤ 100 characters', async () => {
    for (const bad of ['nobody', 'no@dot', 'no.at'])
      expect((await gb.api('POST', 'customer', { DisplayName: `Mail ${bad}`, PrimaryEmailAddr: { Address: bad } })).status).toBe(400);
    expectFault(await gb.api('POST', 'customer', { DisplayName: 'Mail bad', PrimaryEmailAddr: { Address: 'nobody' } }), 400, '2210');
    expect((await gb.api('POST', 'customer', { DisplayName: 'Mail good', PrimaryEmailAddr: { Address: 'a@b.co' } })).status).toBe(200);
    expect(
      (await gb.api('POST', 'customer', { DisplayName: 'Mail long', PrimaryEmailAddr: { Address: `${'a'.repeat(95)}@b.com` } })).status,
    ).toBe(400);
  });

  it('§5 CurrencyRef defaults to the home currency; Active defaults to true; no delete (set Active=false)', async () => {
    const c = await gb.create('customer', { DisplayName: 'Defaults Ltd' });
    expect(c).toMatchObject({ CurrencyRef: { value: 'GBP' }, Active: true });
    expect((await gb.api('POST', 'customer?operation=delete', { Id: c['Id'], SyncToken: c['SyncToken'] })).status).toBe(400);
    const off = entityOf(
      await gb.api('POST', 'customer', { Id: c['Id'], SyncToken: c['SyncToken'], sparse: true, Active: false }),
      'Customer',
    );
    expect(off['Active']).toBe(false);
  });
});

describe('§5 Item', () => {
  it('§5 Name is required (2020) and at most 100 characters (2050)', async () => {
    const account = await incomeAccount(gb);
    expect(
      expectFault(await gb.api('POST', 'item', { Type: 'Service', IncomeAccountRef: { value: account } }), 400, '2020')['element'],
    ).toBe('Name');
    expect((await gb.api('POST', 'item', { Name: 'n'.repeat(100), Type: 'Service', IncomeAccountRef: { value: account } })).status).toBe(
      200,
    );
    expectFault(
      await gb.api('POST', 'item', { Name: 'm'.repeat(101), Type: 'Service', IncomeAccountRef: { value: account } }),
      400,
      '2050',
    );
  });

  it('§5 Type must be set explicitly (2020 with element Type)', async () => {
    const account = await incomeAccount(gb);
    expect(
      expectFault(await gb.api('POST', 'item', { Name: 'No type', IncomeAccountRef: { value: account } }), 400, '2020')['element'],
    ).toBe('Type');
  });

  it('§5 IncomeAccountRef is required for a Service item outside France (2020)', async () => {
    expect(expectFault(await gb.api('POST', 'item', { Name: 'No account', Type: 'Service' }), 400, '2020')['element']).toBe(
      'IncomeAccountRef',
    );
  });

  it('§5 a Service item with Name, Type and IncomeAccountRef is created; Name is unique (6240); no delete', async () => {
    const account = await incomeAccount(gb);
    const item = entityOf(
      await gb.api('POST', 'item', {
        Name: 'Design',
        Type: 'Service',
        IncomeAccountRef: { value: account },
        UnitPrice: 80,
        Sku: 's'.repeat(100),
      }),
      'Item',
    );
    expect(item).toMatchObject({
      Name: 'Design',
      Type: 'Service',
      IncomeAccountRef: { value: account },
      UnitPrice: 80,
      Active: true,
      SyncToken: '0',
    });
    expectFault(await gb.api('POST', 'item', { Name: 'Design', Type: 'Service', IncomeAccountRef: { value: account } }), 400, '6240');
    expect((await gb.api('POST', 'item?operation=delete', { Id: item['Id'], SyncToken: item['SyncToken'] })).status).toBe(400);
  });

  it('§5 France: ItemCategoryType required; Type follows it (Product → NonInventory); IncomeAccountRef optional (707100 for Product)', async () => {
    const fr = await h.company('FR');
    expect(expectFault(await fr.api('POST', 'item', { Name: 'Sans catégorie', Type: 'Service' }), 400, '2020')['element']).toBe(
      'ItemCategoryType',
    );
    const product = entityOf(await fr.api('POST', 'item', { Name: 'Planche', ItemCategoryType: 'Product' }), 'Item');
    expect(product['Type']).toBe('NonInventory');
    const account = (await fr.api('GET', `account/${String((product['IncomeAccountRef'] as Json)['value'])}`)).body['Account'] as Json;
    expect(account['AcctNum']).toBe('707100');
  });
});

describe('§5 Account', () => {
  it("§5 select * from Account where AccountType = 'Income' lists the income accounts with AccountSubType", async () => {
    const accounts = (await gb.query("select * from Account where AccountType = 'Income' and Active = true"))['Account'] as Json[];
    expect(accounts.map((a) => a['AccountSubType'])).toEqual(
      expect.arrayContaining(['ServiceFeeIncome', 'SalesOfProductIncome', 'DiscountsRefundsGiven']),
    );
    expect(accounts.every((a) => a['AccountType'] === 'Income' && a['Classification'] === 'Revenue')).toBe(true);
  });

  it('§5 Account Name ≤ 100 and without " or :', async () => {
    expect((await gb.api('POST', 'account', { Name: 'q"uote', AccountType: 'Income' })).status).toBe(400);
    expect((await gb.api('POST', 'account', { Name: 'a:b', AccountType: 'Income' })).status).toBe(400);
    expect((await gb.api('POST', 'account', { Name: 'x'.repeat(101), AccountType: 'Income' })).status).toBe(400);
  });

  it('§5 France: AcctNum is required, 6–20 alphanumeric characters', async () => {
    const fr = await h.company('FR');
    expectFault(await fr.api('POST', 'account', { Name: 'Autres', AccountType: 'Income' }), 400, '2020');
    expect((await fr.api('POST', 'account', { Name: 'Court', AccountType: 'Income', AcctNum: '70' })).status).toBe(400);
    expect((await fr.api('POST', 'account', { Name: 'Bon', AccountType: 'Income', AcctNum: '708100' })).status).toBe(200);
  });
});

describe('§5 TaxCode and TaxRate', () => {
  it('§5 TaxCode: SalesTaxRateList.TaxRateDetail[] of {TaxRateRef{value,name}, TaxTypeApplicable, TaxOrder}, PurchaseTaxRateList, read-only', async () => {
    const id = await taxCodeId(gb, '20.0% S');
    const code = entityOf(await gb.api('GET', `taxcode/${id}`), 'TaxCode');
    expect(code).toMatchObject({ Name: '20.0% S', Active: true, Taxable: true, TaxGroup: false });
    const details = (code['SalesTaxRateList'] as { TaxRateDetail: Json[] }).TaxRateDetail;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      TaxRateRef: { value: expect.any(String), name: expect.any(String) },
      TaxTypeApplicable: 'TaxOnAmount',
      TaxOrder: 0,
    });
    expect(code['PurchaseTaxRateList']).toMatchObject({ TaxRateDetail: expect.any(Array) });
    expect((await gb.api('POST', 'taxcode', { Name: 'New' })).status).toBe(400);
  });

  it('§5 TaxRate: Name, RateValue (e.g. 20), AgencyRef, SpecialTaxType, EffectiveTaxRate[]; read-only', async () => {
    const id = await taxCodeId(gb, '20.0% S');
    const code = entityOf(await gb.api('GET', `taxcode/${id}`), 'TaxCode');
    const rateId = String((code['SalesTaxRateList'] as { TaxRateDetail: { TaxRateRef: Json }[] }).TaxRateDetail[0]?.TaxRateRef['value']);
    const rate = entityOf(await gb.api('GET', `taxrate/${rateId}`), 'TaxRate');
    expect(rate).toMatchObject({
      RateValue: 20,
      AgencyRef: { value: expect.any(String) },
      SpecialTaxType: 'NONE',
      EffectiveTaxRate: [{ RateValue: 20 }],
    });
    expect((await gb.api('POST', 'taxrate', { Name: 'New', RateValue: 3 })).status).toBe(400);
  });

  it('§5 US: the pseudo codes TAX and NON with TaxGroup false', async () => {
    const us = await h.company('US');
    for (const id of ['TAX', 'NON'])
      expect(entityOf(await us.api('GET', `taxcode/${id}`), 'TaxCode')).toMatchObject({ Id: id, TaxGroup: false });
  });

  it('§5 "No VAT set up": TaxPrefs.UsingSalesTax=false', async () => {
    const off = await h.company('GB', { vatEnabled: false });
    expect(entityOf(await off.api('GET', 'preferences'), 'Preferences')).toMatchObject({ TaxPrefs: { UsingSalesTax: false } });
  });
});

describe('§5 Preferences and CompanyInfo', () => {
  it('§5 Preferences groups: SalesFormsPrefs.CustomTxnNumbers/AllowDiscount, TaxPrefs.UsingSalesTax, CurrencyPrefs{MultiCurrencyEnabled, HomeCurrency{value}}', async () => {
    const fr = await h.company('FR');
    const p = entityOf(await fr.api('GET', 'preferences'), 'Preferences');
    expect(p).toMatchObject({
      SalesFormsPrefs: { CustomTxnNumbers: true, AllowDiscount: true },
      TaxPrefs: { UsingSalesTax: true },
      CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'EUR' } },
      OtherPrefs: { NameValue: expect.any(Array) },
    });
    expect(typeof p['SyncToken']).toBe('string');
  });

  it('§5 Preferences full update: writable fields left out are set to their default; TaxPrefs.UsingSalesTax stays read-only', async () => {
    const r = await h.company('GB', { allowDiscount: true, customTxnNumbers: true });
    const p = entityOf(await r.api('GET', 'preferences'), 'Preferences');
    const u = entityOf(
      await r.api('POST', 'preferences', { SyncToken: p['SyncToken'], SalesFormsPrefs: { AllowDiscount: true } }),
      'Preferences',
    );
    expect(u['SalesFormsPrefs']).toMatchObject({ AllowDiscount: true, CustomTxnNumbers: false });
    expect(u['SyncToken']).toBe(String(Number(p['SyncToken']) + 1));
    const s = entityOf(
      await r.api('POST', 'preferences', { SyncToken: u['SyncToken'], sparse: true, SalesFormsPrefs: { CustomTxnNumbers: true } }),
      'Preferences',
    );
    expect(s['SalesFormsPrefs']).toMatchObject({ AllowDiscount: true, CustomTxnNumbers: true });
  });

  it('§5 CompanyInfo: Country, CompanyName, LegalName, CompanyAddr, Email, SupportedLanguages, FiscalYearStartMonth, NameValue with OfferingSku', async () => {
    const info = entityOf(await gb.api('GET', `companyinfo/${gb.realmId}`), 'CompanyInfo');
    expect(Object.keys(info)).toEqual(
      expect.arrayContaining([
        'Country',
        'CompanyName',
        'LegalName',
        'CompanyAddr',
        'LegalAddr',
        'CustomerCommunicationAddr',
        'Email',
        'SupportedLanguages',
        'FiscalYearStartMonth',
        'NameValue',
      ]),
    );
    expect((info['NameValue'] as Json[]).map((n) => n['Name'])).toEqual(
      expect.arrayContaining(['OfferingSku', 'SubscriptionStatus', 'NeoEnabled']),
    );
  });
});
