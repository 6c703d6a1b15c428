// The Accounting API as a web-standard handler (Request → Response) for one realm, so it runs under hono or a bare
// node server alike. Routes and shapes follow QBO-API.md §1.
import type { Company, QboObject } from '../company/company.js';
import { qboResponseTime } from '../company/qbo-time.js';
import { fileForToken, upload } from './attachments.js';
import { runBatch } from './batch.js';
import { changeDataCapture } from './change-data-capture.js';
import { companyInfo, preferences, updateCompanyInfo, updatePreferences } from './company-views.js';
import { entityTypeOf, operationOf, readEntity, writeEntity } from './entity-operations.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { faultObject, faults } from './qbo-faults.js';
import { isObject } from './qbo-fields.js';
import { runQuery } from './query-execution.js';
import { sendInvoice } from './sales-transaction.js';
import { createTaxCode } from './tax-service.js';
import { pdfLines, renderPdf } from './transaction-pdf.js';

export interface AccountingApiDeps {
  company(realmId: string): Company | undefined;
  now(): Date;
  /** QBO-API.md §5 Attachable: "the whole request must not exceed 100 MB". */
  uploadLimitBytes: number;
}

const jsonHeaders = (): Record<string, string> => ({ 'content-type': 'application/json;charset=UTF-8' });

const json = (deps: AccountingApiDeps, status: number, body: QboObject): Response =>
  new Response(JSON.stringify({ ...body, time: qboResponseTime(deps.now()) }), { status, headers: jsonHeaders() });

const fault = (deps: AccountingApiDeps, errors: readonly QboError[], status = 400): Response => json(deps, status, faultObject(errors));

const answer = (deps: AccountingApiDeps, outcome: Outcome<QboObject>, wrap?: string): Response =>
  outcome.ok
    ? json(deps, 200, wrap === undefined ? outcome.value : { [wrap]: outcome.value })
    : fault(deps, outcome.errors, outcome.status ?? 400);

const readJson = async (request: Request): Promise<{ ok: true; body: QboObject } | { ok: false; error: QboError }> => {
  const text = await request.text();
  try {
    const body: unknown = JSON.parse(text === '' ? '{}' : text);
    return isObject(body) ? { ok: true, body } : { ok: false, error: faults.malformedBody('The request body must be a JSON object.') };
  } catch {
    return { ok: false, error: faults.malformedBody('Request has invalid or unsupported property: the body is not valid JSON.') };
  }
};

/** The path after `/v3/company/{realmId}/`, split. */
const resourcePath = (url: URL, realmId: string): string[] => {
  const marker = `/v3/company/${realmId}`;
  const at = url.pathname.indexOf(marker);
  const rest = at >= 0 ? url.pathname.slice(at + marker.length) : url.pathname;
  return rest
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
};

const handle = async (
  deps: AccountingApiDeps,
  company: Company,
  request: Request,
  url: URL,
  path: readonly string[],
): Promise<Response> => {
  const [resource = '', id, sub] = path;
  const lower = resource.toLowerCase();
  const method = request.method.toUpperCase();
  const origin = url.origin;
  const ctx = {
    allowDuplicateDocNum: (url.searchParams.get('include') ?? '').toLowerCase().split(',').includes('allowduplicatedocnum'),
    origin,
  };

  if (lower === 'companyinfo') {
    if (method === 'GET') return json(deps, 200, { CompanyInfo: companyInfo(company) });
    const read = await readJson(request);
    return read.ok ? answer(deps, updateCompanyInfo(company, read.body), 'CompanyInfo') : fault(deps, [read.error]);
  }
  if (lower === 'preferences') {
    if (method === 'GET') return json(deps, 200, { Preferences: preferences(company) });
    const read = await readJson(request);
    return read.ok ? answer(deps, updatePreferences(company, read.body), 'Preferences') : fault(deps, [read.error]);
  }
  if (lower === 'taxservice' && id?.toLowerCase() === 'taxcode' && method === 'POST') {
    const read = await readJson(request);
    return read.ok ? answer(deps, createTaxCode(company, read.body)) : fault(deps, [read.error]);
  }
  if (lower === 'cdc' && method === 'GET') {
    return answer(deps, changeDataCapture(company, url.searchParams.get('entities'), url.searchParams.get('changedSince')));
  }
  if (lower === 'query') {
    const text = method === 'GET' ? (url.searchParams.get('query') ?? '') : await request.text();
    const result = runQuery(company, text);
    return result.ok ? json(deps, 200, { QueryResponse: result.value }) : fault(deps, result.errors);
  }
  if (lower === 'batch' && method === 'POST') {
    const read = await readJson(request);
    return read.ok ? answer(deps, runBatch(company, read.body, ctx)) : fault(deps, [read.error]);
  }
  if (lower === 'upload' && method === 'POST') {
    // QBO-API.md §5 Attachable, upload errors: 6020 Content-Length missing, 6030 upload size exceeds limit.
    const length = request.headers.get('content-length');
    if (length === null) return fault(deps, [faults.uploadNoLength()]);
    if (Number(length) > deps.uploadLimitBytes) return fault(deps, [faults.uploadTooLarge(Number(length), deps.uploadLimitBytes)]);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return fault(deps, [faults.invalidUpload('Invalid Uploaded File : the request is not multipart/form-data.')]);
    }
    return answer(deps, await upload(company, form, origin));
  }
  if (lower === 'download' && method === 'GET' && id !== undefined) {
    const found = readEntity(company, 'Attachable', id, origin);
    if (!found.ok) return fault(deps, found.errors);
    const link = found.value['TempDownloadUri'];
    // UNCONFIRMED: QBO answers the temporary URL as plain text.
    return typeof link === 'string'
      ? new Response(link, { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
      : fault(deps, [faults.objectNotFound()]);
  }
  const type = entityTypeOf(resource);
  if (type === undefined) return fault(deps, [faults.unsupportedObject(resource || '(none)')]);
  if (method === 'POST' && type === 'Invoice' && id !== undefined && sub?.toLowerCase() === 'send') {
    return answer(deps, sendInvoice(company, id, url.searchParams.get('sendTo') ?? undefined), 'Invoice');
  }
  if (method === 'GET' && id !== undefined) {
    const found = readEntity(company, type, id, origin);
    if (!found.ok) return fault(deps, found.errors);
    if (sub === undefined) return json(deps, 200, { [type]: found.value });
    if (sub.toLowerCase() === 'pdf' && (type === 'Invoice' || type === 'CreditMemo')) {
      return new Response(renderPdf(pdfLines(type, found.value)), { status: 200, headers: { 'content-type': 'application/pdf' } });
    }
    return fault(deps, [faults.unsupportedOperation(`${sub} on ${type}`)]);
  }
  if (method === 'POST' && id === undefined) {
    const read = await readJson(request);
    if (!read.ok) return fault(deps, [read.error]);
    const operation = operationOf(url.searchParams.get('operation') ?? undefined, read.body);
    if (operation === undefined) return fault(deps, [faults.unsupportedOperation(url.searchParams.get('operation') ?? '')]);
    return answer(deps, writeEntity(company, type, operation, read.body, ctx), type);
  }
  return fault(deps, [faults.unsupportedOperation(`${method} ${resource}`)]);
};

/** Answers one Accounting API request for a realm (`minorversion` and `requestid` are accepted and not needed here). */
export const handleAccountingRequest = async (deps: AccountingApiDeps, realmId: string, request: Request): Promise<Response> => {
  const company = deps.company(realmId);
  if (company === undefined) {
    // SERVER answers unknown realms before this point; this is the fallback, shaped like QBO's 403 (QBO-API.md §6).
    return new Response(
      JSON.stringify({
        fault: {
          error: [{ message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', detail: null, code: '3100' }],
          type: 'SERVICE',
        },
      }),
      { status: 403, headers: jsonHeaders() },
    );
  }
  const url = new URL(request.url);
  return handle(deps, company, request, url, resourcePath(url, realmId));
};

/** Serves a temporary download link (`/__files/{realmId}/{token}/{name}`), without a bearer token, while valid. */
export const handleTemporaryFile = (deps: AccountingApiDeps, realmId: string, token: string): Response => {
  const company = deps.company(realmId);
  const file = company === undefined ? undefined : fileForToken(company, token);
  if (file === undefined)
    return new Response('The link has expired or does not exist.', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(file.bytes, {
    status: 200,
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName.replace(/"/g, '')}"` },
  });
};
