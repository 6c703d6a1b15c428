// `npm run billing-sandbox`: a local billing core on BILLING_SANDBOX_PORT (default 4020), seeded
// from BILLING_SANDBOX_SEED, publishing emitted documents to RabbitMQ when AMQP_URL is set.
import { amqpPublisher, DEFAULT_EXCHANGE } from './events/amqp-publisher.js';
import type { EventPublisher } from './events/document-event.js';
import { DEFAULT_ACCOUNTS, MAX_SEEDED_DOCUMENTS } from './seed/account-spec.js';
import { createBillingSandbox, DEFAULT_SEED, DEFAULT_TOKEN } from './server/create-billing-sandbox.js';

const DEFAULT_PORT = 4020;

/** @returns the integer, or an error line */
const readInteger = (name: string, fallback: number, max: number): { value: number } | { error: string } => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return { value: fallback };
  const value = Number(raw);
  return /^\d+$/.test(raw.trim()) && value <= max
    ? { value }
    : { error: `billing-sandbox: ${name} must be an integer from 0 to ${max}, got "${raw}"` };
};

async function main(): Promise<number> {
  const port = readInteger('BILLING_SANDBOX_PORT', DEFAULT_PORT, 65_535);
  const seed = readInteger('BILLING_SANDBOX_SEED', DEFAULT_SEED, 2 ** 31);
  const documents = readInteger('BILLING_SANDBOX_DOCUMENTS', DEFAULT_ACCOUNTS[0]?.documents ?? 0, MAX_SEEDED_DOCUMENTS);
  if ('error' in port || 'error' in seed || 'error' in documents) {
    console.error([port, seed, documents].flatMap((read) => ('error' in read ? [read.error] : [])).join('\n'));
    return 2;
  }
  const token = process.env['BILLING_SANDBOX_TOKEN'] || DEFAULT_TOKEN;
  const amqpUrl = process.env['AMQP_URL'];
  let publisher: EventPublisher | undefined;
  if (amqpUrl !== undefined && amqpUrl !== '') {
    try {
      publisher = await amqpPublisher({ url: amqpUrl });
    } catch (error) {
      console.error(`billing-sandbox: cannot reach RabbitMQ at AMQP_URL: ${(error as Error).message}`);
      return 1;
    }
  }
  // BILLING_SANDBOX_DOCUMENTS sizes the first account (A1), e.g. 10000 for a large history.
  const accounts = DEFAULT_ACCOUNTS.map((a, i) => (i === 0 ? { ...a, documents: documents.value } : a));
  const sandbox = createBillingSandbox({ seed: seed.value, token, accounts, ...(publisher === undefined ? {} : { publisher }) });
  let running;
  try {
    running = await sandbox.listen(port.value);
  } catch (error) {
    console.error(`billing-sandbox: cannot listen on port ${port.value}: ${(error as Error).message}`);
    return 1;
  }
  console.log(`billing-sandbox: a local Ogustine billing core is listening on ${running.url}
  API (docs/billing-core-api.md): ${running.url}/v1   service token: ${token === DEFAULT_TOKEN ? token : '(from BILLING_SANDBOX_TOKEN)'}
  Accounts: ${accounts.map((a) => `${a.accountId} (${a.documents} documents)`).join(', ')}   seed: ${seed.value}
  Admin page: ${running.url}/__admin/
  Events: ${publisher === undefined ? 'not published (set AMQP_URL to publish to RabbitMQ)' : `published to the topic exchange "${DEFAULT_EXCHANGE}"`}
  Emit a document: npm run billing-sandbox:emit -- invoice --account A1
WARNING: the admin API (${running.url}/__admin) is open to anyone who reaches this port. Local use only.`);
  const stop = (): void => {
    void running.close().then(async () => {
      await publisher?.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error('billing-sandbox: failed to start', error);
    process.exit(1);
  },
);
