// /__admin/ui: a plain HTML page where a person changes a company's settings with the words of QBO's French interface
// and of the module's help article (VAT, « prise en charge des rabais », numéros d'opérations personnalisés, tax rates),
// checks the documents the module sent, and reaches the consent screen. French by default, English with ?lang=en.
import { Hono, type Context } from 'hono';
import { pdfLines, renderPdf } from '../accounting/transaction-pdf.js';
import type { Company } from '../company/company.js';
import { findEntity } from '../company/company.js';
import { COUNTRIES } from '../oauth/consent-page.js';
import { escapeHtml, page } from '../server/html.js';
import type { SandboxEnv } from '../server/sandbox-env.js';
import { documentsTable } from './documents-view.js';
import type { SandboxAdmin } from './sandbox-admin.js';
import type { Lang } from './ui-language.js';
import { formatRate, langOf, say } from './ui-language.js';

export const UI = '/__admin/ui';
/** Where the settings page's link to the consent screen comes back: it shows the code and realm received. */
export const CONNECTED = `${UI}/connected`;

const withLang = (path: string, lang: Lang): string => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path);

const checkbox = (name: string, checked: boolean, text: string): string =>
  `<label><input type="checkbox" name="${name}" value="on"${checked ? ' checked' : ''}> ${escapeHtml(text)}</label>`;

function webhookLine(admin: SandboxAdmin, company: Company, lang: Lang): string {
  const webhook = admin.webhook(company.realmId);
  const registration = webhook?.registration;
  if (registration === undefined) return `<p>${escapeHtml(say(lang, 'Webhook : aucun', 'Webhook: none'))}</p>`;
  const delivered = webhook?.deliveries.length ?? 0;
  const failed = webhook?.deliveries.filter((d) => d.status === undefined || d.status >= 300).length ?? 0;
  return `<p>${escapeHtml(say(lang, 'Webhook :', 'Webhook:'))} <code>${escapeHtml(registration.url)}</code> — ${escapeHtml(
    say(lang, `${delivered} notification(s) envoyée(s), ${failed} en échec`, `${delivered} notification(s) sent, ${failed} failed`),
  )}</p>`;
}

function companySection(admin: SandboxAdmin, company: Company, lang: Lang, origin: string): string {
  const s = company.settings;
  const realm = escapeHtml(company.realmId);
  const t = (fr: string, en: string): string => escapeHtml(say(lang, fr, en));
  const rates = s.taxCodes
    .map(
      (code) =>
        `<tr><td>${escapeHtml(code.name)}</td><td>${code.rates.map((r) => `${escapeHtml(r.name)} : ${escapeHtml(formatRate(lang, r.ratePercent))}`).join('<br>')}</td>` +
        `<td>${code.active === false ? t('inactif', 'inactive') : t('actif', 'active')}</td></tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(s.companyName)} — ${escapeHtml(s.country)} <span class="en">(realm ${realm})</span></h2>
<form method="post" action="${withLang(`${UI}/companies/${realm}/settings`, lang)}">
<fieldset><legend>${t('Paramètres du compte', 'Account and settings')}</legend>
<label>${t('Nom de l’entreprise', 'Company name')} <input name="companyName" value="${escapeHtml(s.companyName)}"></label>
${checkbox('vatEnabled', s.vatEnabled, say(lang, 'TVA configurée', 'VAT set up'))}
${checkbox('allowDiscount', s.allowDiscount, say(lang, 'Prise en charge des rabais', 'Discounts'))}
${checkbox('customTxnNumbers', s.customTxnNumbers, say(lang, 'Numéros d’opérations personnalisés', 'Custom transaction numbers'))}
${checkbox('warnDuplicateDocNum', s.warnDuplicateDocNum, say(lang, 'Avertir en cas de numéro de document en double', 'Warn if duplicate document number is used'))}
${checkbox('multiCurrencyEnabled', s.multiCurrencyEnabled, say(lang, 'Multidevise', 'Multicurrency'))}
<button type="submit">${t('Enregistrer', 'Save')}</button>
</fieldset></form>
<table><tr><th>${t('Code de TVA', 'Tax code')}</th><th>${t('Taux', 'Rates')}</th><th>${t('État', 'Status')}</th></tr>${rates}</table>
<form method="post" action="${withLang(`${UI}/companies/${realm}/tax-rates`, lang)}">
<fieldset><legend>${t('Ajouter un taux de TVA', 'Add a tax rate')}</legend>
<label>${t('Nom', 'Name')} <input name="name" required></label>
<label>${t('Taux en %', 'Rate in %')} <input name="ratePercent" inputmode="decimal" placeholder="${escapeHtml(formatRate(lang, 5.5).replace(/\s?%$/, ''))}" required></label>
<button type="submit">${t('Ajouter', 'Add')}</button>
</fieldset></form>
${webhookLine(admin, company, lang)}
<h3>${t('Factures et avoirs', 'Invoices and credit memos')}</h3>
${documentsTable(company, lang, origin, UI)}`;
}

/** The consent screen's address for this sandbox's app, coming back to the settings page. */
const consentLink = (admin: SandboxAdmin, origin: string): string => {
  const { clientId, redirectUris } = admin.appSettings();
  const redirectUri = redirectUris[0] ?? `${origin}${CONNECTED}`;
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    redirect_uri: redirectUri,
    state: 'settings-page',
  });
  return `/connect/oauth2?${query.toString()}`;
};

function uiPage(admin: SandboxAdmin, companies: readonly Company[], error: string | undefined, lang: Lang, origin: string): string {
  const t = (fr: string, en: string): string => escapeHtml(say(lang, fr, en));
  const countries = COUNTRIES.map((c) => `<option value="${c.code}">${escapeHtml(say(lang, c.fr, c.en))}</option>`).join('');
  const other = lang === 'fr' ? `<a href="${UI}?lang=en" hreflang="en">English</a>` : `<a href="${UI}" hreflang="fr">Français</a>`;
  return page(
    say(lang, 'Sandbox QuickBooks — paramètres des entreprises', 'QuickBooks sandbox — company settings'),
    `<nav>${other} <a href="${escapeHtml(consentLink(admin, origin))}">${t('Connecter l’application (écran de consentement)', 'Connect the app (consent screen)')}</a></nav>
<h1>${t('Paramètres des entreprises', 'Company settings')}</h1>
<p>${t('Horloge du sandbox :', 'Sandbox clock:')} <time>${escapeHtml(admin.time().now)}</time>${admin.time().frozen ? ` (${t('arrêtée', 'frozen')})` : ''}</p>
${error === undefined ? '' : `<p class="error">${escapeHtml(error)}</p>`}
${companies.length === 0 ? `<p>${t('Aucune entreprise pour le moment.', 'No company yet.')}</p>` : companies.map((c) => companySection(admin, c, lang, origin)).join('\n')}
<h2>${t('Créer une entreprise', 'Create a company')}</h2>
<form method="post" action="${withLang(`${UI}/companies`, lang)}"><fieldset>
<label>${t('Nom de l’entreprise', 'Company name')} <input name="companyName"></label>
<label>${t('Pays', 'Country')} <select name="country">${countries}</select></label>
<button type="submit">${t('Créer', 'Create')}</button>
</fieldset></form>`,
    lang,
  );
}

const formFields = async (c: Context<SandboxEnv>): Promise<Record<string, string>> => {
  const body = await c.req.parseBody().catch(() => ({}));
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
  return fields;
};

/** Reads « 5,5 » as well as "5.5". @returns the rate, or undefined when not a number from 0 to 100 */
const parseRate = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
};

const back = (c: Context<SandboxEnv>, lang: Lang, error?: { fr: string; en: string }): Response =>
  c.redirect(withLang(error === undefined ? UI : `${UI}?error=${encodeURIComponent(say(lang, error.fr, error.en))}`, lang), 303);

const unknownCompany = { fr: 'Entreprise inconnue', en: 'Unknown company' };

/** @returns the routes of the HTML settings page, to mount at /__admin/ui */
export function settingsUiRoutes(admin: SandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const companies = admin.listCompanies().flatMap((c2) => admin.company(c2.realmId) ?? []);
    return c.html(uiPage(admin, companies, c.req.query('error'), langOf(c.req.query('lang')), new URL(c.req.url).origin));
  });

  app.get('/connected', (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = (fr: string, en: string): string => escapeHtml(say(lang, fr, en));
    const error = c.req.query('error');
    const body =
      error === undefined
        ? `<p>${t('Autorisation accordée. Code :', 'Access granted. Code:')} <code>${escapeHtml(c.req.query('code') ?? '')}</code>, realm <code>${escapeHtml(c.req.query('realmId') ?? '')}</code></p>`
        : `<p class="error">${t('Autorisation refusée :', 'Access denied:')} <code>${escapeHtml(error)}</code></p>`;
    return c.html(
      page(
        say(lang, 'Connexion', 'Connection'),
        `${body}<p><a href="${withLang(UI, lang)}">${t('Retour aux paramètres', 'Back to the settings')}</a></p>`,
        lang,
      ),
    );
  });

  app.get('/companies/:realmId/documents/:type/:id/pdf', (c) => {
    const company = admin.company(c.req.param('realmId'));
    const type = c.req.param('type');
    const doc =
      company === undefined || (type !== 'Invoice' && type !== 'CreditMemo') ? undefined : findEntity(company, type, c.req.param('id'));
    if (doc === undefined || (type !== 'Invoice' && type !== 'CreditMemo')) return c.text('Not found', 404);
    return new Response(renderPdf(pdfLines(type, doc)), { headers: { 'content-type': 'application/pdf' } });
  });

  app.post('/companies', async (c) => {
    const fields = await formFields(c);
    const name = (fields['companyName'] ?? '').trim();
    admin.createCompany({ country: fields['country'] ?? 'FR', ...(name === '' ? {} : { companyName: name }) });
    return back(c, langOf(c.req.query('lang')));
  });

  app.post('/companies/:realmId/settings', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const realmId = c.req.param('realmId');
    const fields = await formFields(c);
    const name = (fields['companyName'] ?? '').trim();
    const on = (key: string): boolean => fields[key] === 'on';
    const updated = admin.updateSettings(realmId, {
      ...(name === '' ? {} : { companyName: name }),
      vatEnabled: on('vatEnabled'),
      allowDiscount: on('allowDiscount'),
      customTxnNumbers: on('customTxnNumbers'),
      warnDuplicateDocNum: on('warnDuplicateDocNum'),
      multiCurrencyEnabled: on('multiCurrencyEnabled'),
    });
    return updated === undefined ? back(c, lang, unknownCompany) : back(c, lang);
  });

  app.post('/companies/:realmId/tax-rates', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const realmId = c.req.param('realmId');
    const company = admin.company(realmId);
    if (company === undefined) return back(c, lang, unknownCompany);
    const fields = await formFields(c);
    const name = (fields['name'] ?? '').trim();
    const rate = parseRate(fields['ratePercent'] ?? '');
    if (name === '' || rate === undefined)
      return back(c, lang, { fr: 'Un nom et un taux entre 0 et 100 sont requis', en: 'A name and a rate from 0 to 100 are required' });
    if (company.settings.taxCodes.some((code) => code.name === name))
      return back(c, lang, { fr: 'Ce nom existe déjà', en: 'This name already exists' });
    admin.updateSettings(realmId, { taxCodes: [...company.settings.taxCodes, { name, rates: [{ name, ratePercent: rate }] }] });
    return back(c, lang);
  });

  return app;
}
