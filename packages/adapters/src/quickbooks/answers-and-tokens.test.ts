import { decimal, type QboTransactionPayload } from '@ogustine-qbo/domain';
import { describe, expect, it } from 'vitest';
import { readBatchOutcomes } from './batch-answer.js';
import { authorizationErrorOf } from './intuit-authorization.js';
import { creditApplicationJson, customerJson, queryLiteral, transactionJson } from './payload-json.js';
import { readProfile, readTransactionFound } from './read-answers.js';
import { backoffMs, INTUIT_POLICY } from './request-policy.js';
import { needsRefresh, tokensFromAnswer } from './token-freshness.js';

const tokens = { accessToken: 'at', refreshToken: 'rt', accessTokenExpiresAt: 10_000, refreshTokenExpiresAt: 99_000 };

describe('token freshness', () => {
  it('refreshes within the margin before expiry, or when QBO refused this very token', () => {
    expect(needsRefresh(tokens, 4_999, 5_000)).toBe(false);
    expect(needsRefresh(tokens, 5_000, 5_000)).toBe(true);
    expect(needsRefresh(tokens, 0, 5_000, 'at')).toBe(true);
    expect(needsRefresh(tokens, 0, 5_000, 'another')).toBe(false);
  });

  it("counts Intuit's lifetimes from the moment the request left", () => {
    const answer = { access_token: 'a', refresh_token: 'r', expires_in: 3600, x_refresh_token_expires_in: 8_726_400 };
    expect(tokensFromAnswer(answer, 1_000)).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      accessTokenExpiresAt: 1_000 + 3_600_000,
      refreshTokenExpiresAt: 1_000 + 8_726_400_000,
    });
    expect(tokensFromAnswer({ access_token: 'a' }, 0)).toBeUndefined();
  });
});

describe('authorizationErrorOf (intuit-oauth rejections)', () => {
  it('invalid_grant is an invalid grant, with status and intuit_tid but no token', () => {
    const rejection = Object.assign(new Error('invalid_grant'), {
      error: 'invalid_grant',
      error_description: 'Incorrect or invalid refresh token',
      intuit_tid: 'tid-9',
      authResponse: { response: { status: 400 } },
    });
    expect(authorizationErrorOf(rejection)).toEqual({
      kind: 'auth.invalid-grant',
      detail: 'Intuit answered invalid_grant: Incorrect or invalid refresh token (HTTP 400), intuit_tid tid-9',
    });
  });

  it('anything else (invalid_client, no answer) is unavailable', () => {
    expect(authorizationErrorOf({ error: 'invalid_client', authResponse: { response: { status: 401 } } })).toEqual({
      kind: 'auth.unavailable',
      detail: "Intuit's OAuth server failed: invalid_client (HTTP 401)",
    });
    expect(authorizationErrorOf({ originalMessage: 'connect ECONNREFUSED 127.0.0.1:1' }).kind).toBe('auth.unavailable');
  });
});

describe('back-off', () => {
  it('is random within [0, min(cap, base × 2^attempt)]', () => {
    expect(backoffMs({ ...INTUIT_POLICY, random: () => 0.999 }, 1)).toBe(999);
    expect(backoffMs({ ...INTUIT_POLICY, random: () => 0.999 }, 10)).toBe(7_992);
    expect(backoffMs({ ...INTUIT_POLICY, random: () => 0 }, 3)).toBe(0);
  });
});

const invoice: QboTransactionPayload = {
  type: 'Invoice',
  docNumber: 'OGUSTINE_2024-01-15',
  customerRef: '7',
  txnDate: '2024-01-15',
  currency: 'EUR',
  globalTaxCalculation: 'TaxExcluded',
  lines: [
    { kind: 'item', itemRef: '3', description: 'Ménage', amount: 5000, qty: decimal(2), unitPrice: decimal(2500, 2), taxCodeRef: '5' },
    { kind: 'discount', amount: 500, taxCodeRef: '5', description: 'Remise' },
  ],
  taxLines: [{ taxRateRef: '9', ratePercent: decimal(20), netAmountTaxable: 4500, amount: 900 }],
  privateNote: 'Ogustine:D1',
};

describe('JSON sent to QBO', () => {
  it('a transaction: amounts in currency units, quantities and prices as numbers, supplied tax lines in TxnTaxDetail', () => {
    expect(transactionJson(invoice)).toEqual({
      DocNumber: 'OGUSTINE_2024-01-15',
      TxnDate: '2024-01-15',
      CustomerRef: { value: '7' },
      CurrencyRef: { value: 'EUR' },
      GlobalTaxCalculation: 'TaxExcluded',
      PrivateNote: 'Ogustine:D1',
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 50,
          Description: 'Ménage',
          SalesItemLineDetail: { ItemRef: { value: '3' }, TaxCodeRef: { value: '5' }, Qty: 2, UnitPrice: 25 },
        },
        {
          DetailType: 'DiscountLineDetail',
          Amount: 5,
          Description: 'Remise',
          DiscountLineDetail: { PercentBased: false, TaxCodeRef: { value: '5' } },
        },
      ],
      TxnTaxDetail: {
        TotalTax: 9,
        TaxLine: [
          {
            DetailType: 'TaxLineDetail',
            Amount: 9,
            TaxLineDetail: { TaxRateRef: { value: '9' }, PercentBased: true, TaxPercent: 20, NetAmountTaxable: 45 },
          },
        ],
      },
    });
    const { taxLines: _supplied, ...computedByQbo } = invoice;
    expect(transactionJson(computedByQbo)).not.toHaveProperty('TxnTaxDetail');
    expect(transactionJson(invoice)).not.toHaveProperty('CustomerMemo');
    expect(transactionJson({ ...invoice, type: 'CreditMemo', customerMemo: 'Avoir sur facture n° 7' })).toMatchObject({
      CustomerMemo: { value: 'Avoir sur facture n° 7' },
    });
  });

  it('a customer: only the fields given, the address in Line1…', () => {
    expect(
      customerJson({ displayName: 'Jeanne', email: 'j@x.fr', billingAddress: { lines: ['1 rue A', 'Bât. B'], city: 'Lyon' } }),
    ).toEqual({
      DisplayName: 'Jeanne',
      PrimaryEmailAddr: { Address: 'j@x.fr' },
      BillAddr: { Line1: '1 rue A', Line2: 'Bât. B', City: 'Lyon' },
    });
  });

  it('a credit application: a Payment of 0 with a line linked to each transaction', () => {
    expect(creditApplicationJson({ customerRef: '7', invoiceId: '11', creditMemoId: '12', amount: 3000, txnDate: '2024-01-16' })).toEqual({
      CustomerRef: { value: '7' },
      TotalAmt: 0,
      TxnDate: '2024-01-16',
      Line: [
        { Amount: 30, LinkedTxn: [{ TxnId: '11', TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: '12', TxnType: 'CreditMemo' }] },
      ],
    });
  });

  it("a query literal escapes apostrophes and backslashes (King's)", () => {
    expect(queryLiteral("King's \\ Co")).toBe("'King\\'s \\\\ Co'");
  });
});

describe('answers read from QBO', () => {
  it('a credit memo found gives its RemainingCredit as the balance', () => {
    const entity = { Id: '12', DocNumber: 'A1', TotalAmt: 36, Balance: 36, RemainingCredit: 6, CustomerRef: { value: '7' } };
    expect(readTransactionFound('CreditMemo', entity)._unsafeUnwrap()).toEqual({
      type: 'CreditMemo',
      qboId: '12',
      docNumber: 'A1',
      totalAmount: 3600,
      customerRef: '7',
      privateNote: '',
      balance: 600,
    });
    expect(readTransactionFound('Invoice', { Id: '1', TotalAmt: 1 })._unsafeUnwrapErr()).toMatchObject({ faultType: 'UnreadableAnswer' });
  });

  it('batch outcomes by bId, whatever the order; an entry QBO did not answer may have been created', () => {
    const body = {
      BatchItemResponse: [
        { bId: 'b2', Fault: { type: 'ValidationFault', Error: [{ Message: 'Duplicate', code: '6140', Detail: 'd', element: '' }] } },
        { bId: 'b1', Invoice: { Id: '40', DocNumber: 'X1', TotalAmt: 60 } },
      ],
    };
    const types = new Map([
      ['b1', 'Invoice' as const],
      ['b2', 'Invoice' as const],
      ['b3', 'Invoice' as const],
    ]);
    expect(readBatchOutcomes(body, types, 'tid-b')._unsafeUnwrap()).toEqual([
      { batchId: 'b1', kind: 'posted', transaction: { type: 'Invoice', qboId: '40', docNumber: 'X1', totalAmount: 6000 } },
      {
        batchId: 'b2',
        kind: 'failed',
        failure: {
          kind: 'qbo.fault',
          status: 200,
          faultType: 'ValidationFault',
          errors: [{ code: '6140', message: 'Duplicate', detail: 'd' }],
          intuitTid: 'tid-b',
        },
      },
      { batchId: 'b3', kind: 'failed', failure: { kind: 'qbo.unavailable', status: 200 } },
    ]);
  });

  it('a profile needs CompanyInfo.Country and Preferences; a tax code names its rates through the TaxRate list', () => {
    const answers = {
      companyInfo: { CompanyInfo: { CompanyName: 'Petit', Country: 'GB' } },
      preferences: {
        Preferences: {
          SalesFormsPrefs: { CustomTxnNumbers: true, AllowDiscount: false },
          CurrencyPrefs: { HomeCurrency: { value: 'GBP' }, MultiCurrencyEnabled: false },
          TaxPrefs: { UsingSalesTax: true },
        },
      },
      taxCodes: [{ Id: '5', Name: '20.0% S', Active: true, SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: '9' } }] } }],
      taxRates: [{ Id: '9', Name: '20% S', RateValue: 20 }],
      accounts: [{ Id: '1', Name: 'Sales', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Active: true }],
    };
    expect(readProfile('R1', answers)._unsafeUnwrap()).toEqual({
      realmId: 'R1',
      companyName: 'Petit',
      country: 'GB',
      homeCurrency: 'GBP',
      multiCurrencyEnabled: false,
      vatEnabled: true,
      customTransactionNumbers: true,
      discountsAllowed: false,
      taxCodes: [{ id: '5', name: '20.0% S', active: true, salesRates: [{ id: '9', name: '20% S', ratePercent: decimal(20) }] }],
      accounts: [{ id: '1', name: 'Sales', accountType: 'Income', accountSubType: 'ServiceFeeIncome', active: true }],
    });
    expect(readProfile('R1', { ...answers, companyInfo: {} }).isErr()).toBe(true);
  });
});
