// The admin page: accounts, then one account's documents (newest first, 100 a page) with their JSON
// and PDF, and buttons to emit new documents. Plain HTML, every value escaped.
import type { AccountHistory } from '../history/account-history.js';
import { encodeCursor, type Position } from '../history/cursor.js';
import { EMIT_KINDS } from '../emit/new-document.js';
import type { AccountSummary } from './sandbox-admin.js';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const layout = (title: string, body: string): string => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.n{text-align:right}</style>
</head><body>${body}</body></html>`;

const EMIT_LABELS: Record<(typeof EMIT_KINDS)[number], string> = {
  invoice: 'Facture',
  credit_note: 'Avoir (sur la dernière facture)',
  discounted_invoice: 'Facture avec remise',
  malformed: 'Message mal formé',
};

export const accountsPage = (accounts: readonly AccountSummary[]): string =>
  layout(
    'Billing sandbox — comptes',
    `<h1>Comptes</h1><table><tr><th>Compte</th><th>Nom</th><th>Fuseau</th><th>Langue</th><th>Documents</th></tr>${accounts
      .map(
        (a) =>
          `<tr><td><a href="/__admin/accounts/${encodeURIComponent(a.accountId)}">${escape(a.accountId)}</a></td><td>${escape(a.name)}</td><td>${escape(a.timeZone)}</td><td>${escape(a.locale)}</td><td class="n">${a.documents}</td></tr>`,
      )
      .join('')}</table>`,
  );

const PAGE = 100;

const read = (doc: unknown, key: string): string => {
  const value = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};

/**
 * One account's documents in validation order, 100 a page, from a creation day, followed by cursor:
 * the same paging as the API, so an account of 10,000 documents builds 100 per view.
 */
export const documentsPage = (history: AccountHistory, createdFrom: string, after: Position | null, money: Intl.NumberFormat): string => {
  const { accountId, name } = history.spec;
  const page = history.page(createdFrom, after, PAGE);
  const rows = page.documents.map((doc) => {
    const id = read(doc, 'id');
    const customer = (doc as { customer?: { name?: unknown } } | null)?.customer?.name;
    const gross = (doc as { totals?: { grossCents?: unknown } } | null)?.totals?.grossCents;
    const base = `/__admin/accounts/${encodeURIComponent(accountId)}/documents/${encodeURIComponent(id)}`;
    return `<tr><td>${escape(read(doc, 'number'))}</td><td>${read(doc, 'kind') === 'credit_note' ? 'Avoir' : 'Facture'}</td><td>${escape(typeof customer === 'string' ? customer : '?')}</td><td>${escape(read(doc, 'issuedOn'))}</td><td class="n">${typeof gross === 'number' ? escape(money.format(gross / 100)) : '?'}</td><td><a href="${base}">JSON</a> · <a href="${base}/pdf">PDF</a></td></tr>`;
  });
  const buttons = EMIT_KINDS.map(
    (k) =>
      `<form method="post" action="/__admin/accounts/${encodeURIComponent(accountId)}/emit" style="display:inline"><input type="hidden" name="kind" value="${k}"><button>${escape(EMIT_LABELS[k])}</button></form>`,
  ).join(' ');
  const next =
    page.next === null
      ? ''
      : `<a href="?from=${encodeURIComponent(createdFrom)}&amp;cursor=${encodeURIComponent(encodeCursor(page.next))}">suivants →</a>`;
  return layout(
    `Billing sandbox — ${name}`,
    `<p><a href="/__admin">Comptes</a></p><h1>${escape(name)} (${escape(accountId)})</h1><p>Émettre : ${buttons}</p>
<form method="get"><label>Créés depuis le <input type="date" name="from" value="${escape(createdFrom)}"></label> <button>Afficher</button></form>
<p>${history.size} documents en tout. ${next}</p><table><tr><th>Numéro</th><th>Type</th><th>Client</th><th>Date</th><th>TTC</th><th></th></tr>${rows.join('')}</table>`,
  );
};
