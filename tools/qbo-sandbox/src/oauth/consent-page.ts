// The consent screen of /connect/oauth2: pick or create a company, then approve or deny the app.
import type { Company } from '../company/company.js';
import { escapeHtml, label, page } from '../server/html.js';

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  responseType: string;
}

export const COUNTRIES: ReadonlyArray<{ code: string; fr: string; en: string }> = [
  { code: 'FR', fr: 'France', en: 'France' },
  { code: 'GB', fr: 'Royaume-Uni', en: 'United Kingdom' },
  { code: 'CA', fr: 'Canada', en: 'Canada' },
  { code: 'AU', fr: 'Australie', en: 'Australia' },
  { code: 'US', fr: 'États-Unis', en: 'United States' },
];

const hidden = (name: string, value: string): string => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

/**
 * @param settingsUrl the sandbox's settings page, linked from the screen when the test-control API is on
 * @returns the HTML of the consent screen for this authorization request
 */
export function consentPage(request: AuthorizeRequest, companies: readonly Company[], settingsUrl?: string): string {
  const choices = companies
    .map(
      (company, i) =>
        `<label><input type="radio" name="realmId" value="${escapeHtml(company.realmId)}"${i === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(company.settings.companyName)} — ${escapeHtml(company.settings.country)} <span class="en">(realm ${escapeHtml(company.realmId)})</span></label>`,
    )
    .join('\n');
  const countries = COUNTRIES.map((c) => `<option value="${c.code}">${escapeHtml(c.fr)} (${escapeHtml(c.en)})</option>`).join('');
  return page(
    'Connexion à QuickBooks (sandbox)',
    `<h1>${label('Autoriser l’application à accéder à une entreprise', 'Authorize the app to access a company')}</h1>
<p>${label('Application', 'App')} : <strong>${escapeHtml(request.clientId)}</strong><br>
${label('Autorisations demandées', 'Requested scopes')} : <code>${escapeHtml(request.scope)}</code></p>
<form method="post" action="/connect/oauth2">
${hidden('client_id', request.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('scope', request.scope)}
${hidden('response_type', request.responseType)}${request.state === undefined ? '' : hidden('state', request.state)}
<fieldset><legend>${label('Choisir une entreprise', 'Pick a company')}</legend>
${choices}
<label><input type="radio" name="realmId" value="new"${companies.length === 0 ? ' checked' : ''}> ${label('Créer une nouvelle entreprise', 'Create a new company')}</label>
<label>${label('Nom de l’entreprise', 'Company name')} <input name="companyName" value=""></label>
<label>${label('Pays', 'Country')} <select name="country">${countries}</select></label>
</fieldset>
<button type="submit" name="decision" value="approve">${label('Autoriser', 'Connect')}</button>
<button type="submit" name="decision" value="deny">${label('Refuser', 'Cancel')}</button>
</form>${
      settingsUrl === undefined
        ? ''
        : `
<p><a href="${escapeHtml(settingsUrl)}">${label('Paramètres des entreprises (TVA, rabais, numéros) et documents reçus', 'Company settings (VAT, discounts, numbers) and documents received')}</a></p>`
    }`,
  );
}

/** @returns the HTML page shown instead of redirecting when the client or redirect URI cannot be trusted */
export function authorizeErrorPage(error: string, description: string): string {
  return page(
    'Erreur d’autorisation',
    `<h1 class="error">${label('La connexion est impossible', 'The connection cannot be made')}</h1>
<p><code>${escapeHtml(error)}</code> : ${escapeHtml(description)}</p>`,
  );
}
