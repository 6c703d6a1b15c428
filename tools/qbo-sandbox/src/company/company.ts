// One simulated QBO company (realm): its settings and every stored entity, as QBO JSON objects.
import type { CompanySettings } from './company-settings.js';
import type { Company, QboObject } from './company-store.js';
import { entitiesOf, entityTypes } from './company-store.js';
import { setUpCompany, syncTaxSetup } from './company-setup.js';

export type { ChangeOperation, Company, EntityChange, EntityType, QboObject, StoredFile } from './company-store.js';
export { deleteEntity, entitiesOf, entityTypes, findEntity, insertEntity, nextId, recordChange, replaceEntity } from './company-store.js';

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
    changes: [],
    tombstones: new Map(),
    onChange: undefined,
    preferencesSyncToken: 0,
    companyInfoSyncToken: 0,
    companyInfoEdits: {},
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
  const files = [...company.files.entries()].map(([id, f]) => ({
    attachableId: id,
    fileName: f.fileName,
    contentType: f.contentType,
    size: f.bytes.length,
  }));
  return { realmId: company.realmId, settings: company.settings, entities, files };
}
