// The documents of a company as the settings page shows them, so a person can check what the module sent: invoices and
// credit memos with number, customer, totals, tax per rate and links to their attachments and PDF.
import { temporaryLink } from '../accounting/attachments.js';
import { isObject, objectAt, refValue, stringAt } from '../accounting/qbo-fields.js';
import type { Company, QboObject } from '../company/company.js';
import { entitiesOf, findEntity } from '../company/company.js';
import { escapeHtml } from '../server/html.js';
import type { Lang } from './ui-language.js';
import { formatMoney, formatRate, say } from './ui-language.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

const taxPerRate = (company: Company, doc: QboObject, lang: Lang, currency: string): string => {
  const lines = (objectAt(doc, 'TxnTaxDetail')?.['TaxLine'] ?? []) as unknown[];
  return lines
    .filter(isObject)
    .map((line) => {
      const detail = objectAt(line, 'TaxLineDetail') ?? {};
      const rateId = refValue(detail, 'TaxRateRef') ?? '';
      const name = String(findEntity(company, 'TaxRate', rateId)?.['Name'] ?? rateId);
      const on = formatMoney(lang, num(detail['NetAmountTaxable']), currency);
      return `${escapeHtml(name)} (${escapeHtml(formatRate(lang, num(detail['TaxPercent'])))}) : ${escapeHtml(formatMoney(lang, num(line['Amount']), currency))} ${say(lang, 'sur', 'on')} ${escapeHtml(on)}`;
    })
    .join('<br>');
};

const attachmentsOf = (company: Company, type: string, id: string, origin: string): string =>
  [...entitiesOf(company, 'Attachable').values()]
    .filter((a) =>
      ((a['AttachableRef'] ?? []) as unknown[])
        .filter(isObject)
        .some((r) => objectAt(r, 'EntityRef')?.['type'] === type && String(objectAt(r, 'EntityRef')?.['value']) === id),
    )
    .map((a) => {
      const attachableId = String(a['Id']);
      const name = escapeHtml(String(a['FileName'] ?? a['Note'] ?? attachableId));
      return company.files.has(attachableId) ? `<a href="${escapeHtml(temporaryLink(company, attachableId, origin))}">${name}</a>` : name;
    })
    .join('<br>');

/** @returns the HTML table of the company's invoices and credit memos, newest first (escaped) */
export function documentsTable(company: Company, lang: Lang, origin: string, uiBase: string): string {
  const currency = company.settings.homeCurrency;
  const docs = (['Invoice', 'CreditMemo'] as const).flatMap((type) =>
    [...entitiesOf(company, type).values()].map((doc) => ({ type, doc })),
  );
  if (docs.length === 0) return `<p>${say(lang, 'Aucune facture ni aucun avoir pour le moment.', 'No invoice or credit memo yet.')}</p>`;
  const money = (v: unknown): string => escapeHtml(formatMoney(lang, num(v), currency));
  const rows = docs
    .sort((a, b) => Number(b.doc['Id']) - Number(a.doc['Id']))
    .map(({ type, doc }) => {
      const id = String(doc['Id']);
      const total = num(doc['TotalAmt']);
      const tax = num(objectAt(doc, 'TxnTaxDetail')?.['TotalTax']);
      const voided = String(doc['PrivateNote'] ?? '').startsWith('Voided');
      const kind = type === 'Invoice' ? say(lang, 'Facture', 'Invoice') : say(lang, 'Avoir', 'Credit memo');
      const pdf = `${uiBase}/companies/${encodeURIComponent(company.realmId)}/documents/${type}/${encodeURIComponent(id)}/pdf`;
      return (
        `<tr><td>${kind}${voided ? ` <em>(${say(lang, 'annulée', 'voided')})</em>` : ''}</td>` +
        `<td>${escapeHtml(stringAt(doc, 'DocNumber') ?? '—')}</td><td>${escapeHtml(stringAt(doc, 'TxnDate') ?? '')}</td>` +
        `<td>${escapeHtml(String(objectAt(doc, 'CustomerRef')?.['name'] ?? refValue(doc, 'CustomerRef') ?? ''))}</td>` +
        `<td>${money(total - tax)}</td><td>${money(tax)}</td><td>${money(total)}</td><td>${money(doc['Balance'])}</td>` +
        `<td>${taxPerRate(company, doc, lang, currency)}</td>` +
        `<td>${attachmentsOf(company, type, id, origin)}</td><td><a href="${escapeHtml(pdf)}">PDF</a></td></tr>`
      );
    })
    .join('');
  const head = [
    say(lang, 'Type', 'Type'),
    say(lang, 'Numéro', 'Number'),
    say(lang, 'Date', 'Date'),
    say(lang, 'Client', 'Customer'),
    say(lang, 'Total HT', 'Net'),
    say(lang, 'TVA', 'Tax'),
    say(lang, 'Total TTC', 'Total'),
    say(lang, 'Solde', 'Balance'),
    say(lang, 'TVA par taux', 'Tax per rate'),
    say(lang, 'Pièces jointes', 'Attachments'),
    '',
  ];
  return `<table class="documents"><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows}</table>`;
}
