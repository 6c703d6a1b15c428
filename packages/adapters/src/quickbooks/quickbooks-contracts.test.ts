import {
  accountingAuthorizationContract,
  accountingContract,
  accountingGatewayContract,
  InMemoryConnectionStore,
  type ContractCase,
} from '@ogustine-qbo/domain/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { aProcess, connectedCompany, HOUR, ShiftedClock } from './test-support/adapter-under-test.js';
import { approveAtIntuit, startSandbox, tokenEndpointCalls, type Harness } from './test-support/sandbox-harness.js';

const clock = new ShiftedClock();
let harness: Harness;

beforeAll(async () => {
  harness = await startSandbox({ clock: () => new Date(clock.now()) });
});
afterAll(() => harness.close());

const satisfies = <S>(name: string, cases: readonly ContractCase<S>[], make: () => Promise<S>): void => {
  describe(`${name} satisfies its port contract over HTTP against the QBO sandbox`, () => {
    for (const c of cases) it(c.name, async () => c.run(await make()));
  });
};

/** Intuit's side, as the sandbox plays it. */
const intuit = () => ({
  expireAccessTokens: async () => clock.advance(2 * HOUR),
  forgetRefreshTokens: async (realmId: string) => void harness.sandbox.admin.expireTokens(realmId, 'refresh'),
  intuitRefreshCalls: async () => tokenEndpointCalls(harness.sandbox),
});

let runs = 0;

satisfies('QuickBooksAccounting', accountingContract, async () => {
  const connections = new InMemoryConnectionStore();
  await connectedCompany(harness, connections, clock, 'A1');
  const accounting = (await aProcess(harness, connections, clock).gateway.open('A1'))._unsafeUnwrap();
  runs += 1;
  return { accounting, prefix: `R${runs}` };
});

satisfies('IntuitAuthorization', accountingAuthorizationContract, async () => {
  const connections = new InMemoryConnectionStore();
  const { authorization } = aProcess(harness, connections, clock);
  return { authorization, connections, approve: (state) => approveAtIntuit(authorization.authorizationUrl(state)), ...intuit() };
});

satisfies('QuickBooksGateway', accountingGatewayContract, async () => {
  const connections = new InMemoryConnectionStore();
  const { gateway } = aProcess(harness, connections, clock);
  return { gateway, connections, connect: (accountId) => connectedCompany(harness, connections, clock, accountId), ...intuit() };
});
