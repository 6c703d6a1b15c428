import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.js';

describe('npm start settings', () => {
  it('runs with no variable at all: the embedded defaults', () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      host: '127.0.0.1',
      httpPort: 8080,
      qboSandboxPort: 4010,
      billingSandboxPort: 4020,
      databaseUrl: 'sqlite:./data/ogustine-qbo.sqlite',
      amqpUrl: undefined,
      intuit: undefined,
      billingCore: undefined,
      demoAccount: 'A1',
      demoDocuments: 600,
    });
  });

  it('stops on a wrong value with one line naming the variable, never its value', () => {
    expect(readSettings({ HTTP_PORT: '80800' })).toEqual({ error: 'npm start: HTTP_PORT must be a port from 1 to 65535' });
    expect(readSettings({ DATABASE_URL: 'postgres://secret@db' })).toEqual({
      error: 'npm start: DATABASE_URL must start with sqlite:, mysql:// or mariadb://',
    });
    const short = readSettings({ JWT_HS256_SECRET: 'too-short-secret' });
    expect(short).toEqual({ error: 'npm start: JWT_HS256_SECRET must be at least 32 characters' });
  });

  it('switches a part to the real thing only when its settings are complete', () => {
    expect(readSettings({ QBO_CLIENT_ID: 'id' })).toEqual({ error: 'npm start: QBO_CLIENT_SECRET is required with QBO_CLIENT_ID' });
    expect(readSettings({ TOKEN_KEYS: 'k1:abc' })).toEqual({ error: 'npm start: TOKEN_KEY_ID is required with TOKEN_KEYS' });
    const s = readSettings({
      QBO_CLIENT_ID: 'id',
      QBO_CLIENT_SECRET: 'secret',
      QBO_ENVIRONMENT: 'sandbox',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/qbo',
      BILLING_CORE_URL: 'https://billing.example/',
      BILLING_CORE_TOKEN: 't',
    });
    expect(s).toMatchObject({
      intuit: { clientId: 'id', clientSecret: 'secret', environment: 'sandbox' },
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      databaseUrl: 'mysql://root@127.0.0.1:3306/qbo',
      billingCore: { url: 'https://billing.example', token: 't' },
    });
  });

  it('takes an empty variable as unset', () => {
    expect(readSettings({ HTTP_PORT: '', DATA_DIR: '/tmp/x/' })).toMatchObject({
      httpPort: 8080,
      databaseUrl: 'sqlite:/tmp/x/ogustine-qbo.sqlite',
    });
  });
});
