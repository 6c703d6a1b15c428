import { describe, expect, it } from 'vitest';
import { aCompanyProfile, anIncomeAccount } from '../testing/builders/company-profile.js';
import { aCustomer, aService } from '../testing/builders/document.js';
import { customerPayload } from './customer-payload.js';
import { incomeAccountFor, serviceItemPayload } from './item-payload.js';

describe('customerPayload', () => {
  it('maps a person with name parts, email, phone and address', () => {
    expect(customerPayload(aCustomer())).toEqual({
      displayName: 'Jeanne Dupont (C1042)',
      givenName: 'Jeanne',
      familyName: 'Dupont',
      email: 'jeanne.dupont@example.fr',
      phone: '+33 6 12 34 56 78',
      billingAddress: { lines: ['12 rue des Lilas'], postalCode: '69003', city: 'Lyon', country: 'FR' },
    });
  });

  it('maps a company with its company name and no person name parts', () => {
    const payload = customerPayload(aCustomer({ kind: 'company', name: 'SCI Les Tilleuls', firstName: 'Jean', lastName: 'X' }));
    expect(payload).toMatchObject({ displayName: 'SCI Les Tilleuls (C1042)', companyName: 'SCI Les Tilleuls' });
    expect(payload).not.toHaveProperty('givenName');
  });

  it('drops an email QBO would refuse instead of failing', () => {
    for (const email of ['pas-un-email', 'a@b', 'a b@c.fr', 'a:b@c.fr', `${'a'.repeat(96)}@b.fr`]) {
      expect(customerPayload(aCustomer({ email }))).not.toHaveProperty('email');
    }
    expect(customerPayload(aCustomer({ email: ' x@y.z ' })).email).toBe('x@y.z');
    // Two addresses in one field: the first alone would pass, the whole does not.
    expect(customerPayload(aCustomer({ email: 'jeanne@exemple.fr paul@exemple.fr' }))).not.toHaveProperty('email');
    const longest = `${'a'.repeat(95)}@b.fr`;
    expect(customerPayload(aCustomer({ email: longest })).email).toBe(longest);
  });

  it('a person with no first name has no given name at all', () => {
    const { firstName: _none, ...withoutFirstName } = aCustomer();
    const payload = customerPayload(withoutFirstName);
    expect(payload).not.toHaveProperty('givenName');
    expect(payload.familyName).toBe('Dupont');
  });

  it('text fields: controls and runs of spaces become one space, ends trimmed, blank address lines dropped', () => {
    const payload = customerPayload(
      aCustomer({ phone: ' 06\t12  34 ', address: { lines: ['12  rue des\nLilas ', '   ', '\u00a0Bât. B'], city: '  Lyon  ' } }),
    );
    expect(payload.phone).toBe('06 12 34');
    expect(payload.billingAddress).toStrictEqual({ lines: ['12 rue des Lilas', 'Bât. B'], city: 'Lyon' });
  });

  it('an address with only a city, a postal code or a country is kept with that part alone; a blank one is none', () => {
    expect(customerPayload(aCustomer({ address: { lines: [], city: 'Lyon' } })).billingAddress).toStrictEqual({ lines: [], city: 'Lyon' });
    expect(customerPayload(aCustomer({ address: { lines: [' '], postalCode: '69003' } })).billingAddress).toStrictEqual({
      lines: [],
      postalCode: '69003',
    });
    expect(customerPayload(aCustomer({ address: { lines: [], country: 'FR' } })).billingAddress).toStrictEqual({
      lines: [],
      country: 'FR',
    });
    expect(customerPayload(aCustomer({ address: { lines: ['  '], city: ' ', postalCode: '', country: '\t' } }))).not.toHaveProperty(
      'billingAddress',
    );
  });

  it('cuts fields to QBO limits and merges extra address lines into the fifth', () => {
    const payload = customerPayload(
      aCustomer({
        firstName: 'J'.repeat(150),
        lastName: 'Du:pont\tMartin',
        phone: '0'.repeat(40),
        address: { lines: ['1', '2', '3', '4', '5', '6', 'x'.repeat(700)], postalCode: '9'.repeat(40) },
      }),
    );
    expect(payload.givenName).toHaveLength(100);
    expect(payload.familyName).toBe('Du pont Martin');
    expect(payload.phone).toHaveLength(30);
    expect(payload.billingAddress?.lines).toEqual(['1', '2', '3', '4', `5, 6, ${'x'.repeat(494)}`]);
    expect(payload.billingAddress?.postalCode).toHaveLength(30);
  });

  it('keeps the address lines within 2000 characters together', () => {
    const lines = Array.from({ length: 5 }, () => 'y'.repeat(500));
    const payload = customerPayload(aCustomer({ address: { lines } }));
    expect(payload.billingAddress?.lines.map((l) => l.length)).toEqual([500, 500, 500, 500]);
  });
});

describe('incomeAccountFor and serviceItemPayload', () => {
  it('prefers an active ServiceFeeIncome account, then SalesOfProductIncome, then the lowest id', () => {
    const accounts = [
      anIncomeAccount({ id: '3', accountSubType: 'OtherPrimaryIncome' }),
      anIncomeAccount({ id: '12', accountSubType: 'SalesOfProductIncome' }),
      anIncomeAccount({ id: '9', accountSubType: 'SalesOfProductIncome' }),
      anIncomeAccount({ id: '1', accountSubType: 'ServiceFeeIncome', active: false }),
      anIncomeAccount({ id: '2', accountSubType: 'DiscountsRefundsGiven' }),
    ];
    expect(incomeAccountFor(aCompanyProfile({ accounts }))?.id).toBe('9');
    expect(incomeAccountFor(aCompanyProfile({ accounts: [...accounts, anIncomeAccount({ id: '40' })] }))?.id).toBe('40');
    expect(incomeAccountFor(aCompanyProfile({ accounts: [accounts[0]!] }))?.id).toBe('3');
    expect(
      incomeAccountFor(aCompanyProfile({ accounts: [accounts[3]!, accounts[4]!, { ...accounts[0]!, accountType: 'Bank' }] })),
    ).toBeUndefined();
  });

  it('builds a Service item booked to the income account', () => {
    expect(serviceItemPayload(aService(), anIncomeAccount())).toEqual({
      name: 'Ménage (S7)',
      type: 'Service',
      incomeAccountRef: '79',
      description: 'Ménage',
    });
  });

  it('gives a French company the item category it requires, and no other company', () => {
    expect(serviceItemPayload(aService(), anIncomeAccount(), 'FR').itemCategoryType).toBe('Service');
    expect(serviceItemPayload(aService(), anIncomeAccount(), 'GB')).not.toHaveProperty('itemCategoryType');
  });
});
