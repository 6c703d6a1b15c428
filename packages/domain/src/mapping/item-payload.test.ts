import { describe, expect, it } from 'vitest';
import type { QboAccount } from '../qbo/company-profile.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aService } from '../testing/builders/document.js';
import { serviceItemName } from './item-name.js';
import { incomeAccountFor, serviceItemPayload } from './item-payload.js';

const account = (id: string, accountSubType: string | undefined, overrides: Partial<QboAccount> = {}): QboAccount => ({
  id,
  name: `Compte ${id}`,
  accountType: 'Income',
  ...(accountSubType === undefined ? {} : { accountSubType }),
  active: true,
  ...overrides,
});
const withAccounts = (...accounts: QboAccount[]) => aCompanyProfile({ accounts });

describe('the income account of new service items', () => {
  it('prefers ServiceFeeIncome, then SalesOfProductIncome, then any other income account', () => {
    const other = account('1', 'OtherPrimaryIncome');
    const product = account('2', 'SalesOfProductIncome');
    const fee = account('3', 'ServiceFeeIncome');
    expect(incomeAccountFor(withAccounts(other, product, fee))?.id).toBe('3');
    expect(incomeAccountFor(withAccounts(fee, product, other))?.id).toBe('3');
    expect(incomeAccountFor(withAccounts(other, product))?.id).toBe('2');
    expect(incomeAccountFor(withAccounts(product, other))?.id).toBe('2');
    expect(incomeAccountFor(withAccounts(account('4', undefined)))?.id).toBe('4');
  });

  it('takes the lowest id among equals, in numeric order', () => {
    expect(incomeAccountFor(withAccounts(account('10', 'ServiceFeeIncome'), account('9', 'ServiceFeeIncome')))?.id).toBe('9');
    expect(incomeAccountFor(withAccounts(account('9', 'ServiceFeeIncome'), account('10', 'ServiceFeeIncome')))?.id).toBe('9');
  });

  it('never picks an inactive account, a non-income one or the discounts contra account', () => {
    expect(
      incomeAccountFor(
        withAccounts(
          account('1', 'ServiceFeeIncome', { active: false }),
          account('2', 'ServiceFeeIncome', { accountType: 'Bank' }),
          account('3', 'DiscountsRefundsGiven'),
        ),
      ),
    ).toBeUndefined();
  });
});

describe('the QBO item of a service', () => {
  const income = account('42', 'ServiceFeeIncome');

  it('is a Service named uniquely, described by the service’s name, booked to the income account', () => {
    const service = aService({ id: 'S7', name: '  Ménage  ' });
    expect(serviceItemPayload(service, income, 'GB')).toEqual({
      name: serviceItemName(service),
      type: 'Service',
      incomeAccountRef: '42',
      description: 'Ménage',
    });
    expect(serviceItemName(service)).toBe('Ménage (S7)');
  });

  it('has category Service in a French company only, and no description when the name is blank', () => {
    expect(serviceItemPayload(aService({ name: ' ' }), income, 'FR')).toEqual({
      name: 'Prestation (S7)',
      type: 'Service',
      incomeAccountRef: '42',
      itemCategoryType: 'Service',
    });
    expect(serviceItemPayload(aService(), income)).not.toHaveProperty('itemCategoryType');
  });

  it('cuts the description at 4000 characters', () => {
    expect(serviceItemPayload(aService({ name: 'é'.repeat(4100) }), income).description).toBe('é'.repeat(4000));
  });
});
