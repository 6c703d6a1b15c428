import { aCustomer } from '@ogustine-qbo/domain/testing';
import { aCompany, connectOverHttp, invoice, receive, REALM } from './journey-fixtures.js';
import { testApp, type TestApp } from './test-app.js';

export const A = 'A1';
export const REALM_B = '9130350000000002';
export const SECRET_COMPANY = 'Alpha Nettoyage Secret SARL';
export const SECRET_CUSTOMER = 'Zorglub Alphonsine';

/** A1 connected to its company, initial sync run, one error open; B2 connected to another company; C3 never came. */
export const twoTenants = async (): Promise<{ t: TestApp; causeKey: string }> => {
  const t = await testApp();
  const qboA = aCompany(t, { companyName: SECRET_COMPANY });
  aCompany(t, { realmId: REALM_B, companyName: 'Beta Services' });
  const secret = aCustomer({ id: 'CA', name: SECRET_CUSTOMER });
  await receive(t, [invoice(1, { customer: secret }), invoice(2, { customer: secret }), invoice(3, { customer: secret })]);
  await receive(t, [invoice(7, { id: 'B-7', accountId: 'B2', number: '2023-07-07', createdAt: Date.UTC(2024, 1, 7, 9) })]);
  await connectOverHttp(t, A, REALM);
  await connectOverHttp(t, 'B2', REALM_B);
  await t.call(A, 'POST', '/v1/quickbooks/initial-sync', { acknowledgeIrrevocable: true });
  const refusal = {
    kind: 'qbo.fault',
    status: 400,
    faultType: 'ValidationFault',
    errors: [{ code: '6000', message: 'A business validation error has occurred', detail: 'Business Validation Error' }],
  } as const;
  // The profile kept at connection costs no call: the first call is the batch of new customers and
  // services (what it leaves is created one by one), the second a document's own customer.
  qboA.failNext(refusal);
  qboA.failNext(refusal);
  await t.module.drain();
  const history = (await t.module.listErrorHistory.run(A))._unsafeUnwrap();
  const open = history.openGroups[0];
  if (open === undefined) throw new Error('fixture: account A should have an open error');
  return { t, causeKey: open.key };
};
