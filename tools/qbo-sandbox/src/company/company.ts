// One simulated QBO company (realm): its settings and every stored entity, as QBO JSON objects.
import type { CompanySettings } from './company-settings.js';
import { qboDateTime } from './qbo-time.js';
import { setUpCompany, syncTaxSetup } from './company-setup.js';

export type EntityType = 'Customer' | 'Item' | 'Account' | 'TaxCode' | 'TaxRate' | 'Invoice' | 'CreditMemo' | 'Attachable';
export const entityTypes: readonly EntityType[] = ['Customer', 'Item', 'Account', 'TaxCode', 'TaxRate', 'Invoice', 'CreditMemo', 'Attachable'];

/** A stored entity, exactly as QBO would return it (Id and SyncToken are strings). */
export type QboObject = Record<string, unknown>;

export interface StoredFile { readonly bytes: Uint8Array; readonly contentType: string; readonly fileName: string }

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
  preferencesSyncToken: number;
  companyInfoSyncToken: number;
  readonly createdAt: Date;
}

const sequenceOf = (type: EntityType): string => (type === 'Invoice' || type === 'CreditMemo' ? 'Txn' : type);
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

/** Stores a new entity: fresh Id (unless given, as for the US TAX/NON pseudo codes), SyncToken "0", MetaData. */
export const insertEntity = (company: Company, type: EntityType, fields: QboObject, id?: string): QboObject => {
  const stamp = qboDateTime(company.now());
  const entityId = id ?? nextId(company, type);
  const entity: QboObject = { ...fields, Id: entityId, SyncToken: '0', domain: 'QBO', sparse: false, MetaData: { CreateTime: stamp, LastUpdatedTime: stamp } };
  entitiesOf(company, type).set(entityId, entity);
  return entity;
};

/** Replaces a stored entity by a new version: SyncToken + 1, LastUpdatedTime now, CreateTime kept. */
export const replaceEntity = (company: Company, type: EntityType, previous: QboObject, fields: QboObject): QboObject => {
  const meta = (previous['MetaData'] ?? {}) as QboObject;
  const entity: QboObject = {
    ...fields,
    Id: previous['Id'],
    SyncToken: String(Number(previous['SyncToken'] ?? '0') + 1),
    domain: 'QBO',
    sparse: false,
    MetaData: { ...meta, LastUpdatedTime: qboDateTime(company.now()) },
  };
  entitiesOf(company, type).set(String(previous['Id']), entity);
  return entity;
};

/** Removes an entity (transactions only: name lists are made inactive instead). */
export const deleteEntity = (company: Company, type: EntityType, id: string): void => {
  entitiesOf(company, type).delete(id);
};

/**
 * Creates a company as a new QBO sandbox of that locale: accounts, a Services item and, when VAT is set up,
 * the tax codes and rates of the settings.
 * @returns the company
 */
export function createCompany(realmId: string, settings: CompanySettings, now: () => Date): Company {
  const company: Company = {
    realmId,
    settings: { ...settings, taxCodes: settings.taxCodes.map((c) => ({ ...c, rates: c.rates.map((r) => ({ ...r })) })) },
    now,
    entities: new Map(),
    sequences: new Map(),
    docNumbers: new Map(),
    files: new Map(),
    downloadTokens: new Map(),
    preferencesSyncToken: 0,
    companyInfoSyncToken: 0,
    createdAt: now(),
  };
  setUpCompany(company);
  return company;
}

/**
 * Changes settings as a person would in QBO's Account and Settings: turning VAT on creates the tax codes,
 * a new code or rate in `taxCodes` is created, a code left out becomes inactive (QBO never deletes one).
 */
export function updateSettings(company: Company, patch: Partial<CompanySettings>): void {
  company.settings = { ...company.settings, ...patch };
  company.preferencesSyncToken += 1;
  if (patch.companyName !== undefined) company.companyInfoSyncToken += 1;
  syncTaxSetup(company);
}

/** Every stored entity as JSON, for the test-control API. */
export function inspectCompany(company: Company): unknown {
  const entities: Record<string, QboObject[]> = {};
  for (const type of entityTypes) entities[type] = [...entitiesOf(company, type).values()];
  const files = [...company.files.entries()].map(([id, f]) => ({ attachableId: id, fileName: f.fileName, contentType: f.contentType, size: f.bytes.length }));
  return { realmId: company.realmId, settings: company.settings, entities, files };
}
