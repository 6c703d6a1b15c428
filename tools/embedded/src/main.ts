// `npm start`: the whole module on one machine (launch.ts), its addresses printed; Ctrl+C stops it all.
import { launch } from './launch.js';
import { readSettings } from './settings.js';

const main = async (): Promise<number> => {
  const settings = readSettings(process.env);
  if ('error' in settings) {
    console.error(settings.error);
    return 2;
  }
  const s = settings;
  const running = await launch(s);
  if ('error' in running) {
    console.error(running.error);
    return 1;
  }
  console.log(
    [
      'Ogustine ⇄ QuickBooks Online is running.',
      '',
      `  Console (demo account ${s.demoAccount}):  ${running.consoleUrl}`,
      `  API reference:   ${running.publicUrl}/reference   (OpenAPI: ${running.publicUrl}/openapi.json)`,
      s.intuit === undefined
        ? `  QuickBooks sandbox: ${running.qboUrl ?? ''}   settings page: ${running.qboUrl ?? ''}/__admin/ui`
        : `  QuickBooks:      Intuit (${s.intuit.environment})`,
      s.billingCore === undefined
        ? `  Billing sandbox: ${running.billingUrl ?? ''}/__admin/   (the history of ${s.demoAccount} is imported once connected)`
        : `  Billing core:    ${running.billingUrl ?? ''}`,
      `  Database:        ${s.databaseUrl.startsWith('sqlite:') ? s.databaseUrl : s.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}   bus: ${s.amqpUrl === undefined ? 'in-process' : 'RabbitMQ'}`,
      '',
      'Ctrl+C stops everything.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.stop();
  return 0;
};

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A bug: printed for whoever runs it, never swallowed.
    console.error('npm start: failed', e);
    process.exit(2);
  },
);
