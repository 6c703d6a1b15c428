// The QuickBooks adapter wired as an app's composition root would, over one sandbox, with a clock both share.
import type { AccountId, Clock, RealmId } from '@ogustine-qbo/domain';
import type { InMemoryConnectionStore } from '@ogustine-qbo/domain/testing';
import { IntuitAuthorization } from '../intuit-authorization.js';
import { QuickBooksGateway } from '../quickbooks-gateway.js';
import { RealmLimiters, WORKER_SHARE, type RealmBudget, type RealmLimits } from '../realm-limiter.js';
import type { Harness } from './sandbox-harness.js';

/** Real time plus an offset a test moves forward: "two hours later" for the sandbox and the adapter alike. */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export const HOUR = 3_600_000;

/** One process of the module: its own authorization (single flight) and gateway (limiters), over a shared store. */
export const aProcess = (
  harness: Harness,
  connections: InMemoryConnectionStore,
  clock: Clock,
  share: RealmLimits | RealmBudget = WORKER_SHARE,
) => {
  const authorization = new IntuitAuthorization(harness.app, connections, clock);
  const gateway = new QuickBooksGateway({
    connections,
    authorization,
    api: harness.api,
    limiters: new RealmLimiters(share, harness.time),
    policy: harness.policy,
  });
  return { authorization, gateway };
};

/**
 * A company created in the sandbox, already connected to the app, stored as `accountId`'s connection.
 * @returns its realm
 */
export const connectedCompany = async (
  harness: Harness,
  connections: InMemoryConnectionStore,
  clock: Clock,
  accountId: AccountId,
  settings: Record<string, unknown> = {},
): Promise<RealmId> => {
  const created = harness.sandbox.admin.createCompany({ country: 'GB', customTxnNumbers: true, warnDuplicateDocNum: true, ...settings });
  const now = clock.now();
  (
    await connections.save({
      accountId,
      realmId: created.realmId,
      tokens: {
        accessToken: created.accessToken,
        refreshToken: created.refreshToken,
        accessTokenExpiresAt: now + harness.sandbox.options.accessTokenLifetimeSeconds * 1000,
        refreshTokenExpiresAt: now + harness.sandbox.options.refreshTokenLifetimeSeconds * 1000,
      },
      connectedAt: now,
      status: 'connected',
    })
  )._unsafeUnwrap();
  return created.realmId;
};
