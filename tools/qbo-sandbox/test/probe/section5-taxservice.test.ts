// Probe of QBO-API.md §1 / §5 TaxCode: `POST /taxservice/taxcode` creates a tax code and its rates (python-quickbooks'
// TaxService shape); TaxCode and TaxRate stay read-only otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Realm } from '../support/accounting-harness.js';
import { startHarness } from '../support/accounting-harness.js';
import type { Json } from './probe-support.js';
import { entityOf, expectFault, itemLine, newCustomer } from './probe-support.js';

let h: Harness;
let gb: Realm;
beforeAll(async () => {
  h = await startHarness();
  gb = await h.company('GB');
});
afterAll(async () => {
  await h.close();
});

const agencyId = async (r: Realm): Promise<string> =>
  String(((await r.query('select * from TaxAgency'))['TaxAgency'] as Json[])[0]?.['Id']);

describe('§5 taxservice/taxcode', () => {
  it('§5 TaxCode creation: a new rate by TaxRateName, RateValue, TaxAgencyId answers TaxCodeId and TaxRateId; the code is usable on a line', async () => {
    const agency = await agencyId(gb);
    const a = await gb.api('POST', 'taxservice/taxcode', {
      TaxCode: 'Reduced 12',
      TaxRateDetails: [{ TaxRateName: 'Reduced 12 rate', RateValue: '12', TaxAgencyId: agency, TaxApplicableOn: 'Sales' }],
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      TaxCode: 'Reduced 12',
      TaxCodeId: expect.any(String) as unknown,
      TaxRateDetails: [
        {
          TaxRateName: 'Reduced 12 rate',
          TaxRateId: expect.any(String) as unknown,
          RateValue: '12',
          TaxAgencyId: agency,
          TaxApplicableOn: 'Sales',
        },
      ],
    });
    const codeId = String(a.body['TaxCodeId']);
    const code = entityOf(await gb.api('GET', `taxcode/${codeId}`), 'TaxCode');
    const rateRef = ((code['SalesTaxRateList'] as Json)['TaxRateDetail'] as Json[])[0]?.['TaxRateRef'] as Json;
    expect(rateRef['value']).toBe((a.body['TaxRateDetails'] as Json[])[0]?.['TaxRateId']);
    expect(entityOf(await gb.api('GET', `taxrate/${String(rateRef['value'])}`), 'TaxRate')['RateValue']).toBe(12);
    const inv = entityOf(
      await gb.api('POST', 'invoice', { CustomerRef: { value: await newCustomer(gb) }, Line: [itemLine(100, codeId)] }),
      'Invoice',
    );
    expect([inv['TotalAmt'], (inv['TxnTaxDetail'] as Json)['TotalTax']]).toEqual([112, 12]);
  });

  it('§5 TaxCode creation: an existing rate by TaxRateId; a purchase rate goes in PurchaseTaxRateList', async () => {
    const rates = (await gb.query("select * from TaxRate where Name = '20.0% S'"))['TaxRate'] as Json[];
    const agency = await agencyId(gb);
    const a = await gb.api('POST', 'taxservice/taxcode', {
      TaxCode: 'Mixed',
      TaxRateDetails: [
        { TaxRateId: rates[0]?.['Id'], TaxApplicableOn: 'Sales' },
        { TaxRateName: 'Mixed purchase', RateValue: 5, TaxAgencyId: agency, TaxApplicableOn: 'Purchase' },
      ],
    });
    expect(a.status).toBe(200);
    const code = entityOf(await gb.api('GET', `taxcode/${String(a.body['TaxCodeId'])}`), 'TaxCode');
    expect([
      ((code['SalesTaxRateList'] as Json)['TaxRateDetail'] as Json[]).length,
      ((code['PurchaseTaxRateList'] as Json)['TaxRateDetail'] as Json[]).length,
    ]).toEqual([1, 1]);
  });

  it('§5 TaxCode creation: name required (2020), rate details required, unknown TaxRateId / TaxAgencyId → 2500, a taken name → 6240', async () => {
    expect(expectFault(await gb.api('POST', 'taxservice/taxcode', { TaxRateDetails: [] }), 400, '2020')['element']).toBe('TaxCode');
    expect(expectFault(await gb.api('POST', 'taxservice/taxcode', { TaxCode: 'Empty' }), 400, '2020')['element']).toBe('TaxRateDetails');
    expectFault(await gb.api('POST', 'taxservice/taxcode', { TaxCode: 'Ghost', TaxRateDetails: [{ TaxRateId: '999' }] }), 400, '2500');
    expectFault(
      await gb.api('POST', 'taxservice/taxcode', {
        TaxCode: 'Ghost',
        TaxRateDetails: [{ TaxRateName: 'g', RateValue: 1, TaxAgencyId: '999' }],
      }),
      400,
      '2500',
    );
    expect(
      expectFault(
        await gb.api('POST', 'taxservice/taxcode', { TaxCode: 'Ghost', TaxRateDetails: [{ TaxRateName: 'g', TaxAgencyId: '1' }] }),
        400,
        '2020',
      )['element'],
    ).toBe('TaxRateDetails[0].RateValue');
    expectFault(
      await gb.api('POST', 'taxservice/taxcode', {
        TaxCode: '20.0% S',
        TaxRateDetails: [{ TaxRateName: 'x', RateValue: 1, TaxAgencyId: '1' }],
      }),
      400,
      '6240',
    );
  });

  it('§5 TaxCode and TaxRate stay read-only through their own resources (500 Unsupported Operation)', async () => {
    expectFault(await gb.api('POST', 'taxcode', { Name: 'Direct' }), 400, '500');
  });
});
