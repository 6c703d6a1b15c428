import type { PdfFile, QboFailure, QboId, TransactionRef } from '@ogustine-qbo/domain';
import { err, ok, type Result } from 'neverthrow';
import { faultOfBody } from './failure-from-answer.js';
import type { RawOutcome } from './raw-outcome.js';
import { unreadable } from './read-answers.js';
import { postToRealm, type RealmEndpoint } from './realm-post.js';

export type { RealmEndpoint } from './realm-post.js';

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
    return postToRealm(endpoint, 'upload', requestId, accessToken, { content: form });
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
