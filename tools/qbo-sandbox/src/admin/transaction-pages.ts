// QuickBooks' own pages of a transaction (`/app/invoice?txnId=…`, `/app/creditmemo?txnId=…`), the address the
// module's « Ouvrir dans QuickBooks » link points at. QBO knows the company from the signed-in session; the sandbox has
// none, so it finds the transaction in every company: one match opens its view, several are listed to choose from.
import { Hono } from 'hono';
import { findEntity } from '../company/company.js';
import type { SandboxEnv } from '../server/sandbox-env.js';
import { escapeHtml, page } from '../server/html.js';
import type { SandboxAdmin } from './sandbox-admin.js';
import { UI } from './settings-ui.js';
import { langOf, say } from './ui-language.js';

const TYPES = { invoice: 'Invoice', creditmemo: 'CreditMemo' } as const;

/** @returns the routes of QBO's transaction pages, to mount at /app */
export function transactionPages(admin: SandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/:kind', (c) => {
    const lang = langOf(c.req.query('lang'));
    const kind = c.req.param('kind');
    const type = kind === 'invoice' || kind === 'creditmemo' ? TYPES[kind] : undefined;
    const id = c.req.query('txnId') ?? '';
    const view = (realmId: string): string =>
      `${UI}/companies/${encodeURIComponent(realmId)}/documents/${type ?? ''}/${encodeURIComponent(id)}/pdf`;
    const holds = (realmId: string): boolean => {
      const company = admin.company(realmId);
      return type !== undefined && company !== undefined && findEntity(company, type, id) !== undefined;
    };
    const holders = admin.listCompanies().filter((co) => holds(co.realmId));
    const [only] = holders;
    if (holders.length === 1 && only !== undefined) return c.redirect(view(only.realmId), 302);
    if (holders.length === 0) {
      const text = say(lang, 'Cette transaction n’existe dans aucune entreprise.', 'No company holds this transaction.');
      return c.html(page(say(lang, 'Transaction introuvable', 'Transaction not found'), `<p>${escapeHtml(text)}</p>`, lang), 404);
    }
    const links = holders.map(
      (co) => `<li><a href="${escapeHtml(view(co.realmId))}">${escapeHtml(co.companyName)} (${escapeHtml(co.realmId)})</a></li>`,
    );
    const title = say(lang, 'Choisir l’entreprise', 'Choose the company');
    return c.html(page(title, `<ul>${links.join('')}</ul>`, lang));
  });
  return app;
}
