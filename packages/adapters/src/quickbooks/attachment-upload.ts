import type { PdfFile, QboFailure, QboId, TransactionRef } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';
import { failureFromAnswer, failureFromTransport, faultOfBody } from './failure-from-answer.js';
import { intuitTidOf, type RawOutcome } from './raw-outcome.js';
import { unreadable } from './read-answers.js';

/** Where the Accounting API of one realm answers: `{apiBaseUrl}/v3/company/{realmId}/…`. */
export interface RealmEndpoint {
  readonly apiBaseUrl: string;
  readonly realmId: string;
  readonly minorVersion: string;
}

const bodyOf = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * One multipart request that creates the Attachable already linked to the transaction: part
 * `file_metadata_01` (the Attachable JSON with its `AttachableRef`) and part `file_content_01` (the
 * PDF with its file name and content type). node-quickbooks' `upload` spends two requests and can
 * leave an unlinked file when the second fails.
 * @returns a request for `QboRequests.send`
 */
export const uploadAttachment =
  (endpoint: RealmEndpoint, transaction: TransactionRef, file: PdfFile, requestId: string) =>
  async (accessToken: string): Promise<RawOutcome> => {
    const metadata = {
      AttachableRef: [{ EntityRef: { type: transaction.type, value: transaction.qboId }, IncludeOnSend: false }],
      FileName: file.fileName,
      ContentType: file.contentType,
    };
    const form = new FormData();
    form.append('file_metadata_01', new Blob([JSON.stringify(metadata)], { type: 'application/json' }), 'attachment.json');
    form.append('file_content_01', new Blob([file.bytes], { type: file.contentType }), file.fileName);
    const query = new URLSearchParams({ minorversion: endpoint.minorVersion, requestid: requestId });
    try {
      const response = await fetch(`${endpoint.apiBaseUrl}/v3/company/${endpoint.realmId}/upload?${query.toString()}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        body: form,
      });
      const body = await bodyOf(response);
      const intuitTid = intuitTidOf(response.headers);
      if (response.ok && faultOfBody(body) === undefined) return { ok: true, body, intuitTid };
      return { ok: false, answered: true, failure: failureFromAnswer({ status: response.status, body, intuitTid }) };
    } catch (error) {
      return { ok: false, answered: false, failure: failureFromTransport(error) };
    }
  };

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The upload answer: `{"AttachableResponse":[{"Attachable":{…}} | {"Fault":{…}}]}` (a bad file is a
 * `Fault` inside an HTTP 200).
 * @returns the new Attachable's id, or the fault of its element
 */
export const readUploadAnswer = (body: unknown, intuitTid?: string): Result<QboId, QboFailure> => {
  const list = isJson(body) ? body['AttachableResponse'] : undefined;
  const first = Array.isArray(list) && isJson(list[0]) ? list[0] : undefined;
  if (first === undefined) return err(unreadable('upload answer without AttachableResponse'));
  const fault = faultOfBody(first);
  if (fault !== undefined) {
    return err({
      kind: 'qbo.fault',
      status: 200,
      errors: fault.errors,
      faultType: fault.faultType,
      ...(intuitTid === undefined ? {} : { intuitTid }),
    });
  }
  const attachable = first['Attachable'];
  const id = isJson(attachable) ? attachable['Id'] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? ok(String(id)) : err(unreadable('Attachable without Id'));
};
