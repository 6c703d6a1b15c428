// Everything one sandbox instance holds in memory.
import { FaultInjector } from '../http-faults/fault-injector.js';
import { RateLimiter, PER_MINUTE } from '../limits/rate-limiter.js';
import { TokenRequestLog } from '../oauth/token-request-log.js';
import { TokenStore } from '../oauth/token-store.js';
import { CompanyRegistry } from './company-registry.js';
import { ReplayStore } from './replay-store.js';
import { RequestLog } from './request-log.js';
import type { SandboxOptions } from './sandbox-options.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { SandboxTime } from './sandbox-time.js';

export interface SandboxState {
  readonly options: SandboxOptions;
  readonly companies: CompanyRegistry;
  readonly tokens: TokenStore;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly replay: ReplayStore;
  readonly log: RequestLog;
  readonly tokenLog: TokenRequestLog;
  readonly webhooks: WebhookDispatcher;
  readonly time: SandboxTime;
  nowMs(): number;
}

/** @returns a fresh, empty state for the options */
export function createState(resolved: SandboxOptions): SandboxState {
  // Every reader of `options.clock` reads the settable clock; `options.timeScale` is changed in place by it.
  const options: SandboxOptions = { ...resolved };
  const time = new SandboxTime(resolved.clock, options);
  options.clock = () => time.now();
  const webhooks = new WebhookDispatcher(options.clock);
  return {
    options,
    time,
    companies: new CompanyRegistry(options.clock, (realmId, change) => webhooks.notify(realmId, change)),
    webhooks,
    tokens: new TokenStore({
      accessTokenSeconds: options.accessTokenLifetimeSeconds,
      refreshTokenSeconds: options.refreshTokenLifetimeSeconds,
      refreshGraceSeconds: options.refreshGraceSeconds,
      authCodeSeconds: options.authCodeLifetimeSeconds,
    }),
    limiter: new RateLimiter(() => options.timeScale),
    faults: new FaultInjector(() => PER_MINUTE.windowMs * options.timeScale, options.random),
    replay: new ReplayStore(),
    log: new RequestLog(),
    tokenLog: new TokenRequestLog(),
    nowMs: () => options.clock().getTime(),
  };
}
