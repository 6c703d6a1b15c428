import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

/** What has no default: the Intuit app, the vault's keys, the billing core. */
const REQUIRED = {
  QBO_CLIENT_ID: 'client',
  QBO_CLIENT_SECRET: 'secret',
  QBO_REDIRECT_URI: 'https://module.example/quickbooks/callback',
  TOKEN_KEY_ID: 'k1',
  TOKEN_KEYS: 'k1:AAAA',
  BILLING_CORE_URL: 'https://billing.example/',
  BILLING_CORE_TOKEN: 'service-token',
};

const REQUIRED_CONFIG = {
  qbo: {
    clientId: 'client',
    clientSecret: 'secret',
    redirectUri: 'https://module.example/quickbooks/callback',
    environment: 'production',
    apiUrl: 'https://quickbooks.api.intuit.com',
    oauthUrl: undefined,
    minorVersion: '75',
  },
  tokenKeys: { currentKeyId: 'k1', keys: 'k1:AAAA' },
  billingCore: { url: 'https://billing.example/', token: 'service-token' },
};

describe('readConfig', () => {
  it('has a default for everything but the secrets and the billing core, the broker first', () => {
    expect(readConfig(REQUIRED, 'host-1')).toEqual({
      ...REQUIRED_CONFIG,
      bus: 'rabbitmq',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpPrefix: 'ogustine',
      databaseUrl: 'sqlite:./data/ogustine-qbo.sqlite',
      prefetch: 1_000,
      realmsAtOnce: 4,
      idleLookMs: 5_000,
      historyEveryMs: 10_000,
      historyPagesPerLook: 5,
      reconcileEveryMs: 900_000,
      reconcileDays: 3,
      sweepEveryMs: 60_000,
      sweepLookbackMs: 86_400_000,
      healthPort: 9464,
      logLevel: 'info',
      workerId: 'host-1',
      time: { scale: 1, origin: undefined },
    });
  });

  it('reads each setting from the environment', () => {
    const config = readConfig(
      {
        ...REQUIRED,
        QBO_ENVIRONMENT: 'sandbox',
        QBO_API_URL: 'http://127.0.0.1:4010/',
        QBO_OAUTH_URL: 'http://127.0.0.1:4010',
        QBO_MINOR_VERSION: '70',
        WORKER_BUS: 'in-process',
        AMQP_URL: 'amqp://x',
        AMQP_PREFIX: 'p',
        DATABASE_URL: 'mysql://db/qbo',
        WORKER_PREFETCH: '3',
        WORKER_REALMS_AT_ONCE: '8',
        WORKER_IDLE_LOOK_MS: '250',
        WORKER_SWEEP_EVERY_MS: '5000',
        WORKER_HISTORY_EVERY_MS: '2000',
        WORKER_HISTORY_PAGES: '2',
        WORKER_RECONCILE_EVERY_MS: '60000',
        WORKER_RECONCILE_DAYS: '7',
        WORKER_SWEEP_LOOKBACK_MS: '3600000',
        WORKER_HEALTH_PORT: '0',
        LOG_LEVEL: 'debug',
        WORKER_ID: 'w-7',
        MODULE_TIME_SCALE: '0.05',
        MODULE_TIME_ORIGIN: '1700000000000',
      },
      'host-1',
    );
    expect(config).toEqual({
      ...REQUIRED_CONFIG,
      qbo: {
        ...REQUIRED_CONFIG.qbo,
        environment: 'sandbox',
        apiUrl: 'http://127.0.0.1:4010',
        oauthUrl: 'http://127.0.0.1:4010',
        minorVersion: '70',
      },
      bus: 'in-process',
      amqpUrl: 'amqp://x',
      amqpPrefix: 'p',
      databaseUrl: 'mysql://db/qbo',
      prefetch: 3,
      realmsAtOnce: 8,
      idleLookMs: 250,
      sweepEveryMs: 5_000,
      historyEveryMs: 2_000,
      historyPagesPerLook: 2,
      reconcileEveryMs: 60_000,
      reconcileDays: 7,
      sweepLookbackMs: 3_600_000,
      healthPort: 0,
      logLevel: 'debug',
      workerId: 'w-7',
      time: { scale: 0.05, origin: 1_700_000_000_000 },
    });
  });

  it('names every problem at once', () => {
    const env = {
      WORKER_BUS: 'kafka',
      WORKER_PREFETCH: '0',
      WORKER_IDLE_LOOK_MS: 'soon',
      WORKER_HEALTH_PORT: '-1',
      QBO_ENVIRONMENT: 'test',
      MODULE_TIME_SCALE: '2',
    };
    expect(readConfig({ ...REQUIRED, QBO_CLIENT_SECRET: ' ', BILLING_CORE_TOKEN: undefined, ...env }, 'h')).toEqual({
      kind: 'config.invalid',
      problems: [
        'WORKER_BUS must be "rabbitmq" or "in-process", got "kafka"',
        'QBO_ENVIRONMENT must be "sandbox" or "production", got "test"',
        'WORKER_PREFETCH must be an integer of at least 1, got "0"',
        'WORKER_IDLE_LOOK_MS must be an integer of at least 100, got "soon"',
        'WORKER_HEALTH_PORT must be an integer of at least 0, got "-1"',
        'MODULE_TIME_SCALE must be a number in (0, 1], got "2"',
        'QBO_CLIENT_SECRET is required',
        'BILLING_CORE_TOKEN is required',
      ],
    });
  });
});
