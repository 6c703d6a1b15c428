// Everything one sandbox instance holds in memory.
import { FaultInjector } from '../http-faults/fault-injector.js';
import { RateLimiter, PER_MINUTE } from '../limits/rate-limiter.js';
import { TokenStore } from '../oauth/token-store.js';
import { CompanyRegistry } from './company-registry.js';
import { ReplayStore } from './replay-store.js';
import { RequestLog } from './request-log.js';
import type { SandboxOptions } from './sandbox-options.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

export interface SandboxState {
  readonly options: SandboxOptions;
  readonly companies: CompanyRegistry;
  readonly tokens: TokenStore;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly replay: ReplayStore;
  readonly log: RequestLog;
  readonly webhooks: WebhookDispatcher;
  nowMs(): number;
}

/** @returns a fresh, empty state for the options */
export function createState(options: SandboxOptions): SandboxState {
  const webhooks = new WebhookDispatcher(options.clock);
  return {
    options,
    companies: new CompanyRegistry(options.clock, (realmId, change) => webhooks.notify(realmId, change)),
    webhooks,
    tokens: new TokenStore({
      accessTokenSeconds: options.accessTokenLifetimeSeconds,
      refreshTokenSeconds: options.refreshTokenLifetimeSeconds,
      refreshGraceSeconds: options.refreshGraceSeconds,
      authCodeSeconds: options.authCodeLifetimeSeconds,
    }),
    limiter: new RateLimiter(options.timeScale),
    faults: new FaultInjector(() => PER_MINUTE.windowMs * options.timeScale),
    replay: new ReplayStore(),
    log: new RequestLog(),
    nowMs: () => options.clock().getTime(),
  };
}
