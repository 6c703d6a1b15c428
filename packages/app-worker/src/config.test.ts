import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('readConfig', () => {
  it('has a default for everything, the broker first', () => {
    expect(readConfig({}, 'host-1')).toEqual({
      bus: 'rabbitmq',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpPrefix: 'ogustine',
      databaseUrl: 'sqlite:./data/qbo.sqlite',
      prefetch: 10,
      realmsAtOnce: 4,
      idleLookMs: 5_000,
      sweepEveryMs: 60_000,
      healthPort: 9464,
      logLevel: 'info',
      workerId: 'host-1',
    });
  });

  it('reads each setting from the environment', () => {
    const config = readConfig(
      {
        WORKER_BUS: 'in-process',
        AMQP_URL: 'amqp://x',
        AMQP_PREFIX: 'p',
        DATABASE_URL: 'mysql://db/qbo',
        WORKER_PREFETCH: '3',
        WORKER_REALMS_AT_ONCE: '8',
        WORKER_IDLE_LOOK_MS: '250',
        WORKER_SWEEP_EVERY_MS: '5000',
        WORKER_HEALTH_PORT: '0',
        LOG_LEVEL: 'debug',
        WORKER_ID: 'w-7',
      },
      'host-1',
    );
    expect(config).toEqual({
      bus: 'in-process',
      amqpUrl: 'amqp://x',
      amqpPrefix: 'p',
      databaseUrl: 'mysql://db/qbo',
      prefetch: 3,
      realmsAtOnce: 8,
      idleLookMs: 250,
      sweepEveryMs: 5_000,
      healthPort: 0,
      logLevel: 'debug',
      workerId: 'w-7',
    });
  });

  it('names every problem at once', () => {
    expect(readConfig({ WORKER_BUS: 'kafka', WORKER_PREFETCH: '0', WORKER_IDLE_LOOK_MS: 'soon', WORKER_HEALTH_PORT: '-1' }, 'h')).toEqual({
      kind: 'config.invalid',
      problems: [
        'WORKER_BUS must be "rabbitmq" or "in-process", got "kafka"',
        'WORKER_PREFETCH must be an integer of at least 1, got "0"',
        'WORKER_IDLE_LOOK_MS must be an integer of at least 100, got "soon"',
        'WORKER_HEALTH_PORT must be an integer of at least 0, got "-1"',
      ],
    });
  });
});
