// /__admin/ui: a plain HTML page where a person changes a company's settings as in QBO's Account and
// Settings (VAT, discounts, custom numbers, tax rates), to play the demo journeys in a browser.
import { Hono, type Context } from 'hono';
import type { Company } from '../company/company.js';
import { COUNTRIES } from '../oauth/consent-page.js';
import { escapeHtml, label, page } from '../server/html.js';
import type { SandboxEnv } from '../server/sandbox-env.js';
import type { SandboxAdmin } from './sandbox-admin.js';

const UI = '/__admin/ui';

const checkbox = (name: string, checked: boolean, fr: string, en: string): string =>
  `<label><input type="checkbox" name="${name}" value="on"${checked ? ' checked' : ''}> ${label(fr, en)}</label>`;

function companySection(company: Company): string {
  const s = company.settings;
  const realm = escapeHtml(company.realmId);
  const rates = s.taxCodes
    .map(
      (code) =>
        `<tr><td>${escapeHtml(code.name)}</td><td>${code.rates.map((r) => `${escapeHtml(r.name)} : ${escapeHtml(String(r.ratePercent))} %`).join('<br>')}</td>` +
        `<td>${code.active === false ? label('inactif', 'inactive') : label('actif', 'active')}</td></tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(s.companyName)} — ${escapeHtml(s.country)} <span class="en">(realm ${realm})</span></h2>
<form method="post" action="${UI}/companies/${realm}/settings">
<fieldset><legend>${label('Paramètres', 'Settings')}</legend>
<label>${label('Nom de l’entreprise', 'Company name')} <input name="companyName" value="${escapeHtml(s.companyName)}"></label>
${checkbox('vatEnabled', s.vatEnabled, 'TVA configurée', 'VAT set up')}
${checkbox('allowDiscount', s.allowDiscount, 'Remises autorisées', 'Discounts allowed')}
${checkbox('customTxnNumbers', s.customTxnNumbers, 'Numéros de transaction personnalisés', 'Custom transaction numbers')}
${checkbox('warnDuplicateDocNum', s.warnDuplicateDocNum, 'Refuser les numéros de document en double', 'Warn on duplicate document numbers')}
${checkbox('multiCurrencyEnabled', s.multiCurrencyEnabled, 'Multidevise', 'Multicurrency')}
<button type="submit">${label('Enregistrer', 'Save')}</button>
</fieldset></form>
<table><tr><th>${label('Code de TVA', 'Tax code')}</th><th>${label('Taux', 'Rates')}</th><th>${label('État', 'Status')}</th></tr>${rates}</table>
<form method="post" action="${UI}/companies/${realm}/tax-rates">
<fieldset><legend>${label('Ajouter un taux de TVA', 'Add a tax rate')}</legend>
<label>${label('Nom', 'Name')} <input name="name" required></label>
<label>${label('Taux en %', 'Rate in %')} <input name="ratePercent" inputmode="decimal" required></label>
<button type="submit">${label('Ajouter', 'Add')}</button>
</fieldset></form>`;
}

function uiPage(companies: readonly Company[], error: string | undefined): string {
  const countries = COUNTRIES.map((c) => `<option value="${c.code}">${escapeHtml(c.fr)} (${escapeHtml(c.en)})</option>`).join('');
  return page(
    'Sandbox QuickBooks — paramètres des entreprises',
    `<h1>${label('Paramètres des entreprises', 'Company settings')}</h1>
${error === undefined ? '' : `<p class="error">${escapeHtml(error)}</p>`}
${companies.length === 0 ? `<p>${label('Aucune entreprise pour le moment.', 'No company yet.')}</p>` : companies.map(companySection).join('\n')}
<h2>${label('Créer une entreprise', 'Create a company')}</h2>
<form method="post" action="${UI}/companies"><fieldset>
<label>${label('Nom de l’entreprise', 'Company name')} <input name="companyName"></label>
<label>${label('Pays', 'Country')} <select name="country">${countries}</select></label>
<button type="submit">${label('Créer', 'Create')}</button>
</fieldset></form>`,
  );
}

const formFields = async (c: Context<SandboxEnv>): Promise<Record<string, string>> => {
  const body = await c.req.parseBody().catch(() => ({}));
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
  return fields;
};

/** Reads "5,5" as well as "5.5". @returns the rate, or undefined when not a number from 0 to 100 */
const parseRate = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
};

const back = (c: Context<SandboxEnv>, error?: string): Response =>
  c.redirect(error === undefined ? UI : `${UI}?error=${encodeURIComponent(error)}`, 303);

/** @returns the routes of the HTML settings page, to mount at /__admin/ui */
export function settingsUiRoutes(admin: SandboxAdmin): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const companies = admin.listCompanies().flatMap((c2) => admin.company(c2.realmId) ?? []);
    return c.html(uiPage(companies, c.req.query('error')));
  });

  app.post('/companies', async (c) => {
    const fields = await formFields(c);
    const name = (fields['companyName'] ?? '').trim();
    admin.createCompany({ country: fields['country'] ?? 'FR', ...(name === '' ? {} : { companyName: name }) });
    return back(c);
  });

  app.post('/companies/:realmId/settings', async (c) => {
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
    return updated === undefined ? back(c, 'Entreprise inconnue (unknown company)') : back(c);
  });

  app.post('/companies/:realmId/tax-rates', async (c) => {
    const realmId = c.req.param('realmId');
    const company = admin.company(realmId);
    if (company === undefined) return back(c, 'Entreprise inconnue (unknown company)');
    const fields = await formFields(c);
    const name = (fields['name'] ?? '').trim();
    const rate = parseRate(fields['ratePercent'] ?? '');
    if (name === '' || rate === undefined) return back(c, 'Nom et taux entre 0 et 100 requis (name and a rate from 0 to 100 required)');
    if (company.settings.taxCodes.some((code) => code.name === name)) return back(c, 'Ce nom existe déjà (this name already exists)');
    admin.updateSettings(realmId, { taxCodes: [...company.settings.taxCodes, { name, rates: [{ name, ratePercent: rate }] }] });
    return back(c);
  });

  return app;
}
