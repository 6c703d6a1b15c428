// The entity store of one simulated QBO company: types, per-realm id sequences, insert / replace / delete.
import type { CompanySettings } from './company-settings.js';
import { qboDateTime } from './qbo-time.js';

export type EntityType =
  'Customer' | 'Item' | 'Account' | 'TaxCode' | 'TaxRate' | 'TaxAgency' | 'Invoice' | 'CreditMemo' | 'Payment' | 'Attachable';
export const entityTypes: readonly EntityType[] = [
  'Customer',
  'Item',
  'Account',
  'TaxCode',
  'TaxRate',
  'TaxAgency',
  'Invoice',
  'CreditMemo',
  'Payment',
  'Attachable',
];

/** The operations of QBO-API.md §8 (webhooks) that the sandbox produces. */
export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void' | 'Emailed';

/** One change of one entity, as change data capture and webhooks see it. */
export interface EntityChange {
  readonly type: EntityType;
  readonly id: string;
  readonly operation: ChangeOperation;
  /** When the change happened (company clock, ms since epoch). */
  readonly atMs: number;
}

/** A stored entity, exactly as QBO would return it (Id and SyncToken are strings). */
export type QboObject = Record<string, unknown>;

export interface StoredFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

export interface Company {
  readonly realmId: string;
  settings: CompanySettings;
  readonly now: () => Date;
  readonly entities: Map<EntityType, Map<string, QboObject>>;
  /** Per-realm id sequences: one per name list, one shared by sales transactions (QBO numbers all Txns together). */
  readonly sequences: Map<string, number>;
  /** Last generated DocNumber per transaction type, when QBO numbers the documents itself. */
  readonly docNumbers: Map<string, number>;
  readonly files: Map<string, StoredFile>;
  /** Temporary download tokens → attachable id and expiry (ms since epoch). */
  readonly downloadTokens: Map<string, { attachableId: string; expiresAt: number }>;
  /** Every change since the company exists, oldest first (change data capture reads it, QBO-API.md §8). */
  readonly changes: EntityChange[];
  /** What a deleted entity left behind: `{Id, status:"Deleted", domain, MetaData}` by type and id. */
  readonly tombstones: Map<EntityType, Map<string, QboObject>>;
  /** Called after every change (webhooks); set by the server. */
  onChange: ((change: EntityChange) => void) | undefined;
  preferencesSyncToken: number;
  companyInfoSyncToken: number;
  /** CompanyInfo fields changed through the API (`POST /companyinfo`), shown over the generated ones. */
  companyInfoEdits: QboObject;
  readonly createdAt: Date;
}

const sequenceOf = (type: EntityType): string => (type === 'Invoice' || type === 'CreditMemo' || type === 'Payment' ? 'Txn' : type);

/** Records a change and tells the listener. */
export const recordChange = (company: Company, type: EntityType, id: string, operation: ChangeOperation): void => {
  const change: EntityChange = { type, id, operation, atMs: company.now().getTime() };
  company.changes.push(change);
  company.onChange?.(change);
};
const firstIds: Readonly<Record<string, number>> = { Txn: 1, Attachable: 5000000000 };

/** Takes the next id of the entity's per-realm sequence. */
export const nextId = (company: Company, type: EntityType): string => {
  const seq = sequenceOf(type);
  const next = company.sequences.get(seq) ?? firstIds[seq] ?? 1;
  company.sequences.set(seq, next + 1);
  return String(next);
};

/** The store of one entity type (created on first use). */
export const entitiesOf = (company: Company, type: EntityType): Map<string, QboObject> => {
  let store = company.entities.get(type);
  if (store === undefined) {
    store = new Map();
    company.entities.set(type, store);
  }
  return store;
};

export const findEntity = (company: Company, type: EntityType, id: string): QboObject | undefined => entitiesOf(company, type).get(id);

/** QBO-API.md §1: "only properties that have values are returned" — a null sent by a client is not kept. */
const withValues = (fields: QboObject): QboObject =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));

/** Stores a new entity: fresh Id (unless given, as for the US TAX/NON pseudo codes), SyncToken "0", MetaData. */
export const insertEntity = (company: Company, type: EntityType, fields: QboObject, id?: string): QboObject => {
  const stamp = qboDateTime(company.now());
  const entityId = id ?? nextId(company, type);
  const entity: QboObject = {
    ...withValues(fields),
    Id: entityId,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
  };
  entitiesOf(company, type).set(entityId, entity);
  company.tombstones.get(type)?.delete(entityId);
  recordChange(company, type, entityId, 'Create');
  return entity;
};

/**
 * Replaces a stored entity by a new version: SyncToken + 1, LastUpdatedTime now, CreateTime kept.
 * `operation` names the change for webhooks (an update unless a void or an e-mail).
 */
export const replaceEntity = (
  company: Company,
  type: EntityType,
  previous: QboObject,
  fields: QboObject,
  operation: ChangeOperation = 'Update',
): QboObject => {
  const meta = (previous['MetaData'] ?? {}) as QboObject;
  const entity: QboObject = {
    ...withValues(fields),
    Id: previous['Id'],
    SyncToken: String(Number(previous['SyncToken'] ?? '0') + 1),
    domain: 'QBO',
    sparse: false,
    MetaData: { ...meta, LastUpdatedTime: qboDateTime(company.now()) },
  };
  entitiesOf(company, type).set(String(previous['Id']), entity);
  recordChange(company, type, String(previous['Id']), operation);
  return entity;
};

/** Removes an entity (transactions only: name lists are made inactive instead). */
export const deleteEntity = (company: Company, type: EntityType, id: string): void => {
  if (!entitiesOf(company, type).delete(id)) return;
  let tombstones = company.tombstones.get(type);
  if (tombstones === undefined) {
    tombstones = new Map();
    company.tombstones.set(type, tombstones);
  }
  const stamp = qboDateTime(company.now());
  tombstones.set(id, { Id: id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: stamp } });
  recordChange(company, type, id, 'Delete');
};
