import { describe, it } from 'vitest';
import { aCompanyProfile } from '../builders/company-profile.js';
import { accountingAuthorizationContract, type AuthorizationSubject } from '../contracts/accounting-authorization-contract.js';
import { accountingGatewayContract, type GatewaySubject } from '../contracts/accounting-gateway-contract.js';
import type { ContractCase } from '../contracts/contract-case.js';
import { ManualClock } from './clocks.js';
import { FakeAccountingAuthorization } from './fake-accounting-authorization.js';
import { InMemoryAccounting } from './in-memory-accounting.js';
import { InMemoryAccountingGateway } from './in-memory-accounting-gateway.js';
import { InMemoryConnectionStore } from './in-memory-connection-store.js';
import { SequentialIds } from './sequential-ids.js';

const satisfies = <S>(name: string, cases: readonly ContractCase<S>[], make: () => S): void => {
  describe(`${name} satisfies its port contract`, () => {
    for (const c of cases) it(c.name, () => c.run(make()));
  });
};

/** Intuit's side of the fake: a code per approval, time moved by hand. */
const fakeIntuit = () => {
  const clock = new ManualClock();
  const connections = new InMemoryConnectionStore();
  const authorization = new FakeAccountingAuthorization(connections, clock, new SequentialIds('t'));
  let approvals = 0;
  return {
    clock,
    connections,
    authorization,
    approve: async (state: string) => {
      approvals += 1;
      const code = `code-${approvals}`;
      const realmId = `R${approvals}`;
      authorization.grantCode(code, realmId);
      return { code, state, realmId };
    },
    expireAccessTokens: async () => clock.advance(2 * 3_600_000),
    forgetRefreshTokens: async () => authorization.forgetRefreshTokens(),
    intuitRefreshCalls: async () => authorization.intuitRefreshCalls,
  };
};

satisfies('FakeAccountingAuthorization', accountingAuthorizationContract, (): AuthorizationSubject => fakeIntuit());

satisfies('InMemoryAccountingGateway', accountingGatewayContract, (): GatewaySubject => {
  const intuit = fakeIntuit();
  const gateway = new InMemoryAccountingGateway(intuit.connections, intuit.authorization);
  return {
    ...intuit,
    gateway,
    connect: async (accountId) => {
      const callback = await intuit.approve(`state-${accountId}`);
      gateway.add(new InMemoryAccounting(aCompanyProfile({ realmId: callback.realmId })));
      const company = (await intuit.authorization.exchange(callback))._unsafeUnwrap();
      (
        await intuit.connections.save({ accountId, realmId: company.realmId, tokens: company.tokens, connectedAt: 0, status: 'connected' })
      )._unsafeUnwrap();
      return company.realmId;
    },
  };
});
