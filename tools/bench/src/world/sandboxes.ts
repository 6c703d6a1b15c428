import { randomUUID } from 'node:crypto';
import { accountSpec, amqpPublisher, createBillingSandbox, DEFAULT_TOKEN, type AmqpPublisher } from '@ogustine-qbo/billing-sandbox';
import { createSandbox } from '@ogustine-qbo/qbo-sandbox';
import { plainPdf } from './plain-pdf.js';

export const CLIENT_ID = 'bench-client';
export const CLIENT_SECRET = 'bench-client-secret';
export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface SandboxOptions {
  /** The time scale of the QBO sandbox's throttle windows, the same as the module's. */
  readonly scale: number;
  /** QBO's answer time at Intuit's pace (ms); the sandbox waits it × scale before each API request. */
  readonly latencyMs: number;
  /** The RabbitMQ exchange of Ogustine's events (the worker's AMQP prefix + `.events`). */
  readonly eventsExchange: string;
  readonly accountId: string;
}

/**
 * The two sandboxes in this process, over HTTP as in `tools/embedded`: the QBO sandbox with Intuit's
 * limits on at the run's time scale and a French company ready for the module (custom numbers on),
 * and the billing sandbox serving the account's documents and PDFs, publishing to RabbitMQ.
 */
export const openSandboxes = async (o: SandboxOptions) => {
  const qbo = createSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, adminEnabled: true, timeScale: o.scale });
  const qboRunning = await qbo.listen(0);
  const company = qbo.admin.createCompany({ country: 'FR', customTxnNumbers: true, companyName: `Bench ${randomUUID().slice(0, 6)}` });
  const publisher: AmqpPublisher = await amqpPublisher({ url: AMQP_URL, exchange: o.eventsExchange });
  const billing = createBillingSandbox({
    accounts: [accountSpec({ accountId: o.accountId, name: 'Bench', documents: 0 })],
    publisher,
    renderPdf: plainPdf,
  });
  const billingRunning = await billing.listen(0);
  return {
    qbo,
    qboUrl: qboRunning.url,
    company,
    billing,
    billingUrl: billingRunning.url,
    billingToken: DEFAULT_TOKEN,
    publisher,
    /** QBO's answers take their realistic time, scaled (after the connection, which is not measured). */
    slowDown: () => qbo.admin.injectFaults({ realmId: company.realmId, latencyMs: Math.round(o.latencyMs * o.scale) }),
    close: async () => {
      await billingRunning.close();
      await publisher.close();
      await qboRunning.close();
    },
  };
};

export type Sandboxes = Awaited<ReturnType<typeof openSandboxes>>;
