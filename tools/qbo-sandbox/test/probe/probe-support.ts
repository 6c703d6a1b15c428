// Shared bits of the QBO-API.md probe: a customer and a tax code by name, one-line invoice bodies, fault checks.
import { expect } from 'vitest';
import type { Answer, Realm } from '../support/accounting-harness.js';

export type Json = Record<string, unknown>;

/** The Id of the active tax code named `name` (ids differ per company, QBO-API.md §5 TaxCode). */
export const taxCodeId = async (r: Realm, name: string): Promise<string> => {
  const codes = (await r.query(`select * from TaxCode where Name = '${name.replace(/'/g, "\\'")}'`))['TaxCode'] as Json[] | undefined;
  const id = codes?.[0]?.['Id'];
  if (typeof id !== 'string') throw new Error(`no tax code ${name}`);
  return id;
};

let customers = 0;
/** A new customer of the realm. @returns its Id */
export const newCustomer = async (r: Realm, extra: Json = {}): Promise<string> => {
  customers += 1;
  const c = await r.create('customer', { DisplayName: `Probe customer ${customers}`, ...extra });
  return String(c['Id']);
};

/** A SalesItemLineDetail line on the Services item (Id 1). */
export const itemLine = (amount: number, taxCode?: string, detail: Json = {}): Json => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: '1' }, ...(taxCode === undefined ? {} : { TaxCodeRef: { value: taxCode } }), ...detail },
});

/** The body's only entity (`{"Invoice":{…},"time"}` → the invoice). */
export const entityOf = (a: Answer, key: string): Json => {
  const e = a.body[key];
  if (typeof e !== 'object' || e === null) throw new Error(`no ${key} in ${JSON.stringify(a.body)}`);
  return e as Json;
};

/**
 * Checks the JSON fault envelope of QBO-API.md §6 exactly: `{"Fault":{"Error":[{Message,Detail,code,element}],"type"},"time"}`,
 * `code` a string. @returns the first Error
 */
export const expectFault = (a: Answer, status: number, code: string, type = 'ValidationFault'): Json => {
  expect(a.status).toBe(status);
  expect(Object.keys(a.body).sort()).toEqual(['Fault', 'time']);
  expect(typeof a.body['time']).toBe('string');
  const fault = a.body['Fault'] as { Error: Json[]; type: string };
  expect(fault.type).toBe(type);
  const first = fault.Error[0] ?? {};
  expect(Object.keys(first).sort()).toEqual(['Detail', 'Message', 'code', 'element']);
  expect(first['code']).toBe(code);
  return first;
};
