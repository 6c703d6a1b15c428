// Checks the JSON of /__admin/companies/:realmId/webhook and /__admin/companies/:realmId/accountant-edits.
import { entityTypes, type EntityType } from '../company/company.js';
import type { Outcome } from '../oauth/token-store.js';
import { defaultWebhookEntities, type WebhookRegistration } from '../webhooks/webhook-dispatcher.js';
import type { AccountantEdit } from './accountant-edits.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const bad = (error: string): { ok: false; error: string } => ({ ok: false, error });

/**
 * Reads `{url, verifierToken, entities?}`.
 * @returns ok(registration) — entities default to Invoice, CreditMemo, Customer, Item
 * @returns err(message) for a missing or non-http(s) url, a missing token, an unknown entity
 */
export function parseWebhookRegistration(body: unknown): Outcome<WebhookRegistration, string> {
  if (!isRecord(body)) return bad('the body must be a JSON object');
  const { url, verifierToken, entities } = body;
  if (!text(url) || !/^https?:\/\//i.test(url)) return bad('url must be an absolute http(s) URL');
  if (!text(verifierToken)) return bad('verifierToken is required');
  if (entities === undefined) return { ok: true, value: { url, verifierToken, entities: defaultWebhookEntities } };
  if (!Array.isArray(entities) || entities.some((e) => !entityTypes.includes(e as EntityType)))
    return bad(`entities must be a list of ${entityTypes.join(', ')}`);
  return { ok: true, value: { url, verifierToken, entities: entities as EntityType[] } };
}

const number = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optional = <T>(v: unknown, is: (x: unknown) => x is T): boolean => v === undefined || is(v);
const transactionEntity = (v: unknown): v is 'Invoice' | 'CreditMemo' => v === 'Invoice' || v === 'CreditMemo';

/**
 * Reads an accountant's edit: renameCustomer, delete, void, changeLine or write (README "Admin API").
 * @returns ok(edit)
 * @returns err(message) naming what is missing or wrong
 */
export function parseAccountantEdit(body: unknown): Outcome<AccountantEdit, string> {
  if (!isRecord(body)) return bad('the body must be a JSON object');
  const b = body;
  switch (b['action']) {
    case 'renameCustomer':
      return text(b['customerId']) && text(b['displayName'])
        ? { ok: true, value: { action: 'renameCustomer', customerId: b['customerId'], displayName: b['displayName'] } }
        : bad('renameCustomer needs customerId and displayName');
    case 'delete':
      return transactionEntity(b['entity']) && text(b['id'])
        ? { ok: true, value: { action: 'delete', entity: b['entity'], id: b['id'] } }
        : bad("delete needs entity ('Invoice' or 'CreditMemo') and id");
    case 'void':
      return text(b['id']) ? { ok: true, value: { action: 'void', id: b['id'] } } : bad('void needs the id of an invoice');
    case 'changeLine': {
      const ok =
        transactionEntity(b['entity']) &&
        text(b['id']) &&
        text(b['lineId']) &&
        optional(b['amount'], number) &&
        optional(b['qty'], number) &&
        optional(b['unitPrice'], number) &&
        optional(b['description'], (v): v is string => typeof v === 'string') &&
        ['amount', 'qty', 'unitPrice', 'description'].some((k) => b[k] !== undefined);
      return ok
        ? { ok: true, value: { ...(b as unknown as Extract<AccountantEdit, { action: 'changeLine' }>) } }
        : bad('changeLine needs entity, id, lineId and at least one of amount, qty, unitPrice, description');
    }
    case 'write':
      return text(b['entity']) && ['create', 'update', 'delete', 'void'].includes(String(b['operation'])) && isRecord(b['body'])
        ? { ok: true, value: { action: 'write', entity: b['entity'], operation: b['operation'] as 'create', body: b['body'] } }
        : bad('write needs entity, operation (create, update, delete, void) and body');
    default:
      return bad('action must be renameCustomer, delete, void, changeLine or write');
  }
}
