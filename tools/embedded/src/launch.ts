// The whole module on one machine: the HTTP app (with its console), the worker, a local QuickBooks and
// a local Ogustine billing core, in one process: the in-process bus and progress feed exist in this
// process only, and SQLite wants one writer handle per process. Production variables switch each part
// to the real thing (README.md).
import { serve } from '@hono/node-server';
import { createSandbox } from '@ogustine-qbo/qbo-sandbox';
import {
  accountSpec,
  amqpPublisher,
  callbackPublisher,
  createBillingSandbox,
  DEFAULT_ACCOUNTS,
  DEFAULT_TOKEN,
  type EventPublisher,
} from '@ogustine-qbo/billing-sandbox';
import type { OpenedModule } from './open-module.js';
import { openModule } from './open-module.js';
import { busyPortLine } from './free-ports.js';
import { demoToken } from './demo-token.js';
import { localSecrets } from './local-secrets.js';
import { PORT_VARIABLES, type EmbeddedSettings } from './settings.js';
import { consoleUrl } from './console-url.js';

// The qbo-sandbox's own defaults (its README): the only client its OAuth server accepts.
const SANDBOX_CLIENT = { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret', environment: 'sandbox' } as const;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** The demo account: `DEMO_DOCUMENTS` documents over the two years before yesterday. */
const demoAccounts = (s: EmbeddedSettings) => {
  const now = Date.now();
  const demo = accountSpec({
    ...(DEFAULT_ACCOUNTS.find((a) => a.accountId === s.demoAccount) ?? { name: 'Aux Petits Soins' }),
    accountId: s.demoAccount,
    documents: s.demoDocuments,
    historyFrom: day(now - 730 * DAY_MS),
    historyTo: day(now - DAY_MS),
  });
  return [demo, ...DEFAULT_ACCOUNTS.filter((a) => a.accountId !== s.demoAccount)];
};

/** A running module: where to find each part, and how to stop it all. */
export interface Launched {
  readonly consoleUrl: string;
  readonly publicUrl: string;
  readonly qboUrl: string | undefined;
  readonly billingUrl: string | undefined;
  readonly stop: () => Promise<void>;
}

/**
 * Starts every part the settings ask for.
 * @returns the running module, or `{ error }`: one line (a busy port, a part that cannot be opened), nothing left running
 */
export const launch = async (s: EmbeddedSettings): Promise<Launched | { readonly error: string }> => {
  const ports = [
    { variable: PORT_VARIABLES.httpPort, port: s.httpPort },
    ...(s.intuit === undefined ? [{ variable: PORT_VARIABLES.qboSandboxPort, port: s.qboSandboxPort }] : []),
    ...(s.billingCore === undefined ? [{ variable: PORT_VARIABLES.billingSandboxPort, port: s.billingSandboxPort }] : []),
  ];
  const busy = await busyPortLine(s.host, ports);
  if (busy !== null) return { error: busy };
  const secrets = localSecrets(s.dataDir);
  const jwtSecret = s.jwtSecret ?? secrets.jwtSecret;
  const publicUrl = `http://${s.host}:${s.httpPort}`;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };

  // A local QuickBooks, unless Intuit's app is configured.
  let qboUrl: string | undefined;
  if (s.intuit === undefined) {
    const running = await createSandbox({ ...SANDBOX_CLIENT, adminEnabled: true }).listen(s.qboSandboxPort);
    qboUrl = running.url;
    closers.push(running.close);
  }

  // A local billing core, unless Ogustine's is configured. Its events go to the module's bus.
  let publish: (event: Parameters<EventPublisher['publish']>[0]) => Promise<void> = () => Promise.resolve();
  let publisher: EventPublisher = callbackPublisher((event) => publish(event));
  let billing: ReturnType<typeof createBillingSandbox> | undefined;
  let billingUrl = s.billingCore?.url;
  if (s.billingCore === undefined) {
    if (s.amqpUrl !== undefined) {
      try {
        publisher = await amqpPublisher({ url: s.amqpUrl });
      } catch (e) {
        await closeAll();
        return { error: `npm start: cannot reach RabbitMQ at AMQP_URL: ${(e as Error).message}` };
      }
    }
    billing = createBillingSandbox({ accounts: demoAccounts(s), publisher });
    const running = await billing.listen(s.billingSandboxPort);
    billingUrl = running.url;
    closers.push(() => publisher.close(), running.close);
  }

  let module: OpenedModule;
  try {
    module = await openModule({
      databaseUrl: s.databaseUrl,
      amqpUrl: s.amqpUrl,
      qbo: { ...(s.intuit ?? SANDBOX_CLIENT), localUrl: qboUrl },
      tokenKeys: s.tokenKeys ?? { currentKeyId: 'k1', keys: secrets.tokenKeys },
      billingCore: s.billingCore ?? { url: billingUrl ?? '', token: DEFAULT_TOKEN },
      http: { host: s.host, port: s.httpPort, publicUrl, jwtSecret, jwtIssuer: s.jwtIssuer, jwtAudience: s.jwtAudience },
      logLevel: s.logLevel,
    });
  } catch (e) {
    await closeAll();
    return { error: `npm start: cannot open ${(e as Error).message}` };
  }
  closers.push(module.close);
  if (s.amqpUrl === undefined) {
    const { bus } = module;
    publish = async (event) => {
      const sent = await bus.publish({
        routingKey: event.type,
        messageId: event.eventId,
        body: new TextEncoder().encode(JSON.stringify(event)),
      });
      if (sent.isErr()) throw new Error(`in-process bus: ${sent.error.detail}`);
    };
  }
  if (!(await module.worker.start())) {
    await closeAll();
    return { error: 'npm start: the worker could not start (see the log above)' };
  }
  closers.push(() => module.worker.stop());
  const server = serve({ fetch: module.fetch, hostname: s.host, port: s.httpPort });
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  );

  const token = await demoToken(jwtSecret, { issuer: s.jwtIssuer, audience: s.jwtAudience, accountId: s.demoAccount });
  return {
    consoleUrl: consoleUrl(publicUrl, token, {
      qboUrl,
      billingUrl: billing === undefined ? undefined : billingUrl,
      accountId: s.demoAccount,
    }),
    publicUrl,
    qboUrl,
    billingUrl,
    stop: closeAll,
  };
};
