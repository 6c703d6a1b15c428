// `npm run billing-sandbox:emit -- <kind> [--account A1] [--url http://127.0.0.1:4020]`: asks a
// running sandbox to validate a new document now and publish its event.
import { EMIT_KINDS, isEmitKind } from './emit/new-document.js';

const USAGE = `usage: billing-sandbox:emit -- <${EMIT_KINDS.join('|')}> [--account A1] [--url http://127.0.0.1:4020] [--count 1]`;

const option = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

async function main(args: readonly string[]): Promise<number> {
  const [kind] = args;
  if (!isEmitKind(kind)) {
    console.error(USAGE);
    return 2;
  }
  const account = option(args, '--account') ?? 'A1';
  const url = option(args, '--url') ?? process.env['BILLING_SANDBOX_URL'] ?? 'http://127.0.0.1:4020';
  const count = Number(option(args, '--count') ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    console.error(`--count must be an integer from 1 to 1000\n${USAGE}`);
    return 2;
  }
  for (let i = 0; i < count; i++) {
    let response: Response;
    try {
      response = await fetch(`${url}/__admin/accounts/${encodeURIComponent(account)}/emit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind }),
      });
    } catch (error) {
      console.error(
        `billing-sandbox:emit: no sandbox answers at ${url} (${(error as Error).message}); start it with npm run billing-sandbox`,
      );
      return 1;
    }
    const body = (await response.json()) as {
      type?: string;
      eventId?: string;
      document?: { id?: string; number?: string };
      error?: string;
    };
    if (response.status !== 201) {
      console.error(`billing-sandbox:emit: ${response.status} ${body.error ?? ''}`);
      return 1;
    }
    console.log(`${body.type} ${body.document?.number ?? '?'} (document ${body.document?.id ?? '?'}, event ${body.eventId})`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('billing-sandbox:emit failed', error);
    process.exit(1);
  },
);
