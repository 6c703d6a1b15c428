// Checks the JSON a test sends to /__admin before it reaches a company.
import type { CompanySettings, TaxCodeSpec } from '../company/company-settings.js';
import type { FaultRequest } from '../http-faults/fault-injector.js';
import type { Outcome } from '../oauth/token-store.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const BOOLEAN_KEYS = [
  'multiCurrencyEnabled',
  'vatEnabled',
  'customTxnNumbers',
  'allowDiscount',
  'warnDuplicateDocNum',
  'inclusiveOverrideKeepsGross',
  'serviceItemRequiresExpenseAccount',
  'autoApplyCredit',
  'creditMemoVoid',
] as const;
const STRING_KEYS = ['companyName', 'country', 'homeCurrency'] as const;

function parseTaxCodes(value: unknown): TaxCodeSpec[] | string {
  if (!Array.isArray(value)) return 'taxCodes must be an array';
  const codes: TaxCodeSpec[] = [];
  for (const code of value) {
    if (!isRecord(code) || typeof code['name'] !== 'string' || !Array.isArray(code['rates'])) return 'each tax code needs a name and rates';
    const rates: TaxCodeSpec['rates'] = [];
    for (const rate of code['rates']) {
      if (
        !isRecord(rate) ||
        typeof rate['name'] !== 'string' ||
        typeof rate['ratePercent'] !== 'number' ||
        !Number.isFinite(rate['ratePercent']) ||
        rate['ratePercent'] < 0
      ) {
        return 'each rate needs a name and a ratePercent ≥ 0';
      }
      const on = rate['applicableOn'];
      if (on !== undefined && on !== 'Sales' && on !== 'Purchase') return "a rate's applicableOn is 'Sales' or 'Purchase'";
      rates.push({
        name: rate['name'],
        ratePercent: rate['ratePercent'],
        ...(on === 'Sales' || on === 'Purchase' ? { applicableOn: on } : {}),
      });
    }
    const spec: TaxCodeSpec = { name: code['name'], rates };
    if (typeof code['active'] === 'boolean') spec.active = code['active'];
    codes.push(spec);
  }
  return codes;
}

/**
 * Reads a partial CompanySettings.
 * @returns ok(patch) with only the known keys
 * @returns err(message) if the body is not an object, a key is unknown, or a value has the wrong type
 */
export function parseSettingsPatch(body: unknown): Outcome<Partial<CompanySettings>, string> {
  if (!isRecord(body)) return { ok: false, error: 'the body must be a JSON object' };
  const patch: Partial<CompanySettings> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') return { ok: false, error: `${key} must be a boolean` };
      patch[key as (typeof BOOLEAN_KEYS)[number]] = value;
    } else if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: `${key} must be a non-empty string` };
      patch[key as (typeof STRING_KEYS)[number]] = key === 'companyName' ? value : value.toUpperCase();
    } else if (key === 'taxCodes') {
      const codes = parseTaxCodes(value);
      if (typeof codes === 'string') return { ok: false, error: codes };
      patch.taxCodes = codes;
    } else {
      return { ok: false, error: `unknown setting ${key}` };
    }
  }
  return { ok: true, value: patch };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isRate = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const FAULTS = ['failNext', 'latencyMs', 'dropResponseNext', 'throttleNow', 'failRate', 'dropResponseRate'] as const;

/**
 * Reads the body of POST /__admin/faults.
 * @returns ok(request) for a known fault
 * @returns err(message) if no fault is named or a value is out of range
 */
export function parseFaultRequest(body: unknown): Outcome<FaultRequest, string> {
  if (!isRecord(body)) return { ok: false, error: 'the body must be a JSON object' };
  const request: FaultRequest = {};
  if (body['realmId'] !== undefined) {
    if (typeof body['realmId'] !== 'string') return { ok: false, error: 'realmId must be a string' };
    request.realmId = body['realmId'];
  }
  const failNext = body['failNext'];
  if (failNext !== undefined) {
    if (!isRecord(failNext) || !isCount(failNext['count']) || (failNext['status'] !== 500 && failNext['status'] !== 503)) {
      return { ok: false, error: 'failNext needs { count: integer ≥ 0, status: 500 | 503 }' };
    }
    request.failNext = { count: failNext['count'], status: failNext['status'] };
  }
  if (body['latencyMs'] !== undefined) {
    if (!isCount(body['latencyMs']) || body['latencyMs'] > 120_000)
      return { ok: false, error: 'latencyMs must be an integer from 0 to 120000' };
    request.latencyMs = body['latencyMs'];
  }
  if (body['dropResponseNext'] !== undefined) {
    if (!isCount(body['dropResponseNext'])) return { ok: false, error: 'dropResponseNext must be an integer ≥ 0' };
    request.dropResponseNext = body['dropResponseNext'];
  }
  if (body['throttleNow'] !== undefined) {
    if (body['throttleNow'] !== true) return { ok: false, error: 'throttleNow must be true' };
    request.throttleNow = true;
  }
  const failRate = body['failRate'];
  if (failRate !== undefined) {
    if (!isRecord(failRate) || !isRate(failRate['rate']) || (failRate['status'] !== 500 && failRate['status'] !== 503)) {
      return { ok: false, error: 'failRate needs { rate: number from 0 to 1, status: 500 | 503 }' };
    }
    request.failRate = { rate: failRate['rate'], status: failRate['status'] };
  }
  if (body['dropResponseRate'] !== undefined) {
    if (!isRate(body['dropResponseRate'])) return { ok: false, error: 'dropResponseRate must be a number from 0 to 1' };
    request.dropResponseRate = body['dropResponseRate'];
  }
  const named = FAULTS.some((k) => body[k] !== undefined);
  return named ? { ok: true, value: request } : { ok: false, error: `name a fault: ${FAULTS.join(', ')}` };
}
