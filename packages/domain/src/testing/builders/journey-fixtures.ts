import { toDocumentWire } from '../../documents/document-wire.js';
import type { AccountId, OgustineDocument } from '../../documents/document.js';
import { aDocument } from './document.js';
import type { CompanyProfile } from '../../qbo/company-profile.js';
import { InMemoryModule } from '../fakes/in-memory-module.js';
import type { InMemoryAccounting } from '../fakes/in-memory-accounting.js';
import { aCompanyProfile } from './company-profile.js';

export const REALM = '9130350000000001';
export const OTHER_REALM = '9130350000000002';

/** Invoice n of January 2024 for `accountId`: id `D<n>`, number `2024-01-<n>`, created on day n, validated an hour later. */
export const invoice = (n: number, over: Partial<OgustineDocument> = {}): OgustineDocument => {
  const createdAt = over.createdAt ?? Date.UTC(2024, 0, n, 9);
  return aDocument({
    id: `D${n}`,
    number: `2024-01-${String(n).padStart(2, '0')}`,
    createdAt,
    validatedAt: createdAt + 3_600_000,
    ...over,
  });
};

/** Ogustine publishes the document's `validated` message; the module receives it. */
export const receive = async (m: InMemoryModule, doc: OgustineDocument, messageId = `msg-${doc.accountId}-${doc.id}`) =>
  (await m.receiveValidatedDocument.run({ messageId, document: toDocumentWire(doc) }))._unsafeUnwrap();

/** The status kind of each document (or the error kind, for a document the account does not have), in the order given. */
export const statusKinds = async (m: InMemoryModule, accountId: AccountId, ids: readonly string[]): Promise<readonly string[]> => {
  const kinds: string[] = [];
  for (const id of ids) {
    const status = await m.getDocumentSyncStatus.run(accountId, id);
    kinds.push(status.isOk() ? status.value.kind : status.error.kind);
  }
  return kinds;
};

/** A module whose account A1 is connected to a QBO company (`over` its profile), its initial sync launched. */
export const launchedModule = async (
  over: Partial<CompanyProfile> = {},
): Promise<{ readonly m: InMemoryModule; readonly qbo: InMemoryAccounting }> => {
  const m = new InMemoryModule();
  const qbo = m.addCompany(aCompanyProfile({ realmId: REALM, ...over }));
  await m.connect('A1', REALM);
  (await m.launchInitialSync.run('A1'))._unsafeUnwrap();
  return { m, qbo };
};
