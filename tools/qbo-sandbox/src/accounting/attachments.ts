// Attachable entities, the /upload endpoint (multipart with metadata, or node-quickbooks' content-only form)
// and temporary download links (QBO-API.md §5 "Attachable and /upload").
import { randomUUID } from 'node:crypto';
import type { Company, QboObject } from '../company/company.js';
import { deleteEntity, findEntity, insertEntity, replaceEntity } from '../company/company.js';
import { currentVersion, isSparse } from './entity-versioning.js';
import type { Outcome, QboError } from './qbo-faults.js';
import { failure, faultObject, faults, success } from './qbo-faults.js';
import { checkEnum, checkLength, isObject, objectAt, stringAt, withoutServerFields } from './qbo-fields.js';

/** Where the temporary download links point: SERVER mounts `temporaryFileRoutes` there (no bearer token needed). */
export const temporaryFilePrefix = '/__files';
const linkLifetimeMs = 15 * 60 * 1000;

const allowedTypes: readonly string[] = [
  'application/postscript',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/gif',
  'image/jpeg',
  'image/jpg',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/pdf',
  'image/png',
  'application/rtf',
  'text/rtf',
  'image/tiff',
  'text/plain',
  'application/vnd.ms-excel',
  'application/vnd/ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/xml',
  'text/xml',
];
const attachableTypes: readonly string[] = [
  'Invoice',
  'CreditMemo',
  'Customer',
  'Item',
  'Account',
  'Estimate',
  'SalesReceipt',
  'Payment',
  'Bill',
  'Purchase',
  'Vendor',
  'JournalEntry',
];
const storedTypes: Readonly<Record<string, 'Invoice' | 'CreditMemo' | 'Customer' | 'Item' | 'Account'>> = {
  invoice: 'Invoice',
  creditmemo: 'CreditMemo',
  customer: 'Customer',
  item: 'Item',
  account: 'Account',
};

/** Checks AttachableRef[].EntityRef: a type that takes attachments (6050) and, for stored types, an existing entity (2500). */
const checkRefs = (company: Company, fields: QboObject, errors: QboError[]): void => {
  const refs = Array.isArray(fields['AttachableRef']) ? (fields['AttachableRef'] as unknown[]) : [];
  for (const ref of refs.filter(isObject)) {
    const entityRef = objectAt(ref, 'EntityRef');
    const type = entityRef === undefined ? undefined : stringAt(entityRef, 'type');
    const value = entityRef === undefined ? undefined : stringAt(entityRef, 'value');
    if (type === undefined || value === undefined) {
      errors.push(faults.required('AttachableRef.EntityRef'));
      continue;
    }
    const canonical = attachableTypes.find((t) => t.toLowerCase() === type.toLowerCase());
    if (canonical === undefined) {
      errors.push(faults.attachableRefType(type));
      continue;
    }
    const stored = storedTypes[canonical.toLowerCase()];
    if (stored !== undefined && findEntity(company, stored, value) === undefined)
      errors.push(faults.invalidReference('AttachableRef.EntityRef', canonical, value));
  }
};

const categories: readonly string[] = ['Contact Photo', 'Document', 'Image', 'Receipt', 'Signature', 'Sound', 'Other'];
/** FileAccessUri, TempDownloadUri and Size are read-only (QBO-API.md §5 Attachable). */
const readOnly = ['Size', 'TempDownloadUri', 'FileAccessUri'];
const writable = (o: QboObject): QboObject => {
  const copy = withoutServerFields(o);
  for (const k of readOnly) delete copy[k];
  return copy;
};

const checkFields = (company: Company, fields: QboObject): QboError[] => {
  const errors: QboError[] = [];
  checkLength(fields, 'FileName', 1000, errors);
  checkLength(fields, 'Note', 2000, errors);
  checkLength(fields, 'ContentType', 100, errors);
  checkEnum(fields, 'Category', categories, errors);
  checkRefs(company, fields, errors);
  return errors;
};

/** A fresh link to an attachable's file, valid 15 minutes. */
export const temporaryLink = (company: Company, attachableId: string, origin: string): string => {
  const token = randomUUID().replaceAll('-', '');
  company.downloadTokens.set(token, { attachableId, expiresAt: company.now().getTime() + linkLifetimeMs });
  return `${origin}${temporaryFilePrefix}/${encodeURIComponent(company.realmId)}/${token}/${encodeURIComponent(company.files.get(attachableId)?.fileName ?? 'file')}`;
};

/** An attachable as returned: with a fresh TempDownloadUri and FileAccessUri when it holds a file. */
export const presentAttachable = (company: Company, attachable: QboObject, origin: string): QboObject => {
  const id = String(attachable['Id']);
  if (!company.files.has(id)) return attachable;
  return {
    ...attachable,
    FileAccessUri: `/v3/company/${company.realmId}/download/${id}`,
    TempDownloadUri: temporaryLink(company, id, origin),
  };
};

const uploadOne = (
  company: Company,
  metadata: string | null,
  content: File,
  bytes: Uint8Array,
  origin: string,
): { Attachable: QboObject } | ReturnType<typeof faultObject> => {
  let fields: QboObject = {};
  if (metadata !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(metadata);
    } catch {
      parsed = undefined;
    }
    const attachable = isObject(parsed) && isObject(parsed['Attachable']) ? parsed['Attachable'] : parsed;
    if (!isObject(attachable)) return faultObject([faults.uploadMetadata()]);
    fields = writable(attachable);
  }
  const contentType = (stringAt(fields, 'ContentType') ?? content.type).split(';')[0]?.trim().toLowerCase() ?? '';
  if (!allowedTypes.includes(contentType))
    return faultObject([faults.invalidUpload(`Invalid Uploaded File : content type ${contentType || '(none)'} is not allowed.`)]);
  const fileName = stringAt(fields, 'FileName') ?? (content.name || 'attachment');
  const all: QboObject = { ...fields, FileName: fileName, ContentType: contentType };
  const errors = checkFields(company, all);
  if (errors.length > 0) return faultObject(errors);
  const entity = insertEntity(company, 'Attachable', { ...all, Size: bytes.length, AttachableRef: all['AttachableRef'] ?? [] });
  company.files.set(String(entity['Id']), { bytes, contentType, fileName });
  return { Attachable: presentAttachable(company, entity, origin) };
};

/**
 * Handles `POST /upload`: each `file_content_NN` part, with its `file_metadata_NN` part when sent, becomes an Attachable.
 * @returns ok({AttachableResponse:[{Attachable}|{Fault}]}) — one element per file, a bad file faults alone
 * @returns err 6041 if the request holds no file part
 */
export const upload = async (company: Company, form: FormData, origin: string): Promise<Outcome<QboObject>> => {
  const contents = [...form.entries()].filter(([name, v]) => name.startsWith('file_content_') && typeof v !== 'string') as [string, File][];
  if (contents.length === 0) return failure(faults.invalidUpload('Invalid Uploaded File : no file_content part was sent.'));
  const results: unknown[] = [];
  for (const [name, file] of contents) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The metadata part comes as a plain field or, when the client gives it a Content-Type, as a file.
    const metadataPart = form.get(name.replace('file_content_', 'file_metadata_'));
    const metadata = metadataPart === null ? null : typeof metadataPart === 'string' ? metadataPart : await metadataPart.text();
    results.push(uploadOne(company, metadata, file, bytes, origin));
  }
  return success({ AttachableResponse: results });
};

/**
 * Creates an attachable by JSON (a note, or links without a file).
 * @returns ok(attachable)
 * @returns err 2020 if neither FileName nor Note is given, 2050, 2500, 6050
 */
export const createAttachable = (company: Company, body: QboObject): Outcome<QboObject> => {
  const fields = writable(body);
  if (stringAt(fields, 'FileName') === undefined && stringAt(fields, 'Note') === undefined) return failure(faults.required('Note'));
  const errors = checkFields(company, fields);
  return errors.length > 0 ? failure(...errors) : success(insertEntity(company, 'Attachable', fields));
};

/**
 * Updates an attachable (node-quickbooks' second upload step sends SyncToken "0" and `sparse: true`).
 * Size and the stored file stay.
 * @returns ok(attachable) with SyncToken + 1
 * @returns err 2020/610/5010 from the version check, 2500/6050 for references
 */
export const updateAttachable = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Attachable', body);
  if (!stored.ok) return stored;
  const sent = writable(body);
  const base = isSparse(body) ? withoutServerFields(stored.value) : { Size: stored.value['Size'] };
  const fields = { ...base, ...sent };
  const errors = checkFields(company, fields);
  return errors.length > 0 ? failure(...errors) : success(replaceEntity(company, 'Attachable', stored.value, fields));
};

/**
 * Deletes an attachable and its file.
 * @returns ok({status:"Deleted", domain:"QBO", Id})
 * @returns err 2020/610/5010 from the version check
 */
export const deleteAttachable = (company: Company, body: QboObject): Outcome<QboObject> => {
  const stored = currentVersion(company, 'Attachable', body);
  if (!stored.ok) return stored;
  const id = String(stored.value['Id']);
  deleteEntity(company, 'Attachable', id);
  company.files.delete(id);
  return success({ status: 'Deleted', domain: 'QBO', Id: id });
};

/** The file behind a temporary link, while the link is valid. */
export const fileForToken = (company: Company, token: string): { bytes: Uint8Array; contentType: string; fileName: string } | undefined => {
  const entry = company.downloadTokens.get(token);
  if (entry === undefined || entry.expiresAt < company.now().getTime()) return undefined;
  return company.files.get(entry.attachableId);
};
