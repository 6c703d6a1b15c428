import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DestinationStream, Logger } from 'pino';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { StreamTickets } from '../auth/stream-tickets.js';
import type { HttpConfig } from '../config/config.js';
import { createApp, type App } from '../http/app.js';
import { createLogger } from '../observability/logger.js';
import { HttpMetrics } from '../observability/metrics.js';
import type { ReadinessCheck } from '../routes/system-routes.js';
import { buildJourneys, type Journeys } from './journeys.js';
import type { ModulePorts } from './module-ports.js';
import { TOKENS } from './tokens.js';

export interface ContainerOptions {
  /** Where logs go (stdout when absent). */
  readonly logDestination?: DestinationStream;
  readonly readiness?: readonly ReadinessCheck[];
  /** Process metrics (event loop, memory) register timers: off in tests that build many apps. */
  readonly processMetrics?: boolean;
}

/**
 * The HTTP app's composition root: a child container per app (tests build several), factories only
 * (no decorator metadata), async resources (the token keys) made first. The domain's ports come in
 * built: the production entry makes them from the adapters.
 */
export const buildContainer = async (
  config: HttpConfig,
  ports: ModulePorts,
  options: ContainerOptions = {},
): Promise<DependencyContainer> => {
  const c = rootContainer.createChildContainer();
  const verifier = await createAccessTokenVerifier(config.accessTokens);
  c.register(TOKENS.Config, { useValue: config });
  c.register(TOKENS.Ports, { useValue: ports });
  c.register(TOKENS.AccessTokenVerifier, { useValue: verifier });
  c.register(TOKENS.ReadinessChecks, { useValue: options.readiness ?? [] });
  c.register(TOKENS.Logger, { useFactory: instanceCachingFactory(() => createLogger(config.logLevel, options.logDestination)) });
  c.register(TOKENS.Metrics, { useFactory: instanceCachingFactory(() => new HttpMetrics(options.processMetrics ?? true)) });
  c.register(TOKENS.StreamTickets, {
    // Without a configured secret, tickets are valid on this process only (one instance, `npm start`).
    useFactory: instanceCachingFactory(
      () => new StreamTickets(config.streamTicketSecret ?? randomBytes(32).toString('base64url'), config.streamTicketTtlSeconds),
    ),
  });
  c.register(TOKENS.Journeys, { useFactory: instanceCachingFactory((d) => buildJourneys(d.resolve<ModulePorts>(TOKENS.Ports))) });
  c.register(TOKENS.App, {
    useFactory: instanceCachingFactory((d) =>
      createApp({
        config,
        journeys: d.resolve<Journeys>(TOKENS.Journeys),
        verifier: d.resolve<AccessTokenVerifier>(TOKENS.AccessTokenVerifier),
        tickets: d.resolve<StreamTickets>(TOKENS.StreamTickets),
        logger: d.resolve<Logger>(TOKENS.Logger),
        metrics: d.resolve<HttpMetrics>(TOKENS.Metrics),
        readiness: d.resolve<readonly ReadinessCheck[]>(TOKENS.ReadinessChecks),
      }),
    ),
  });
  return c;
};

/** The app of a built container. */
export const appOf = (c: DependencyContainer): App => c.resolve<App>(TOKENS.App);
