import { describe, expect, it } from 'vitest';
import { toDocumentWire } from '../documents/document-wire.js';
import { NAMED_DOCUMENTS } from '../policy/document-needs.js';
import { aCompanyProfile } from '../testing/builders/company-profile.js';
import { aDocument, aLine } from '../testing/builders/document.js';
import { InMemoryModule } from '../testing/fakes/in-memory-module.js';
import { lastUnmet } from './account-settings.js';

const REALM = '9130350000000009';

describe('the prerequisite check over an account’s history', () => {
  it(`names at most ${NAMED_DOCUMENTS} documents a prerequisite blocks, counts them all, and stores that much with the settings`, async () => {
    const m = new InMemoryModule();
    m.addCompany(aCompanyProfile({ realmId: REALM, discountsAllowed: false }));
    // Three pages and more of discounted documents, and some without a discount between them.
    const discounted = 3 * NAMED_DOCUMENTS + 11;
    for (let n = 1; n <= discounted + 20; n += 1) {
      const lines = n <= discounted ? [aLine({ discount: { kind: 'amount', amount: 100 } })] : [aLine()];
      const document = aDocument({ id: `D${n}`, number: `2024-${String(n).padStart(5, '0')}`, lines });
      (await m.receiveValidatedDocument.run({ messageId: `msg-${n}`, document: toDocumentWire(document) }))._unsafeUnwrap();
    }
    await m.connect('A1', REALM);

    const { unmet } = (await m.checkPrerequisites.run('A1'))._unsafeUnwrap();
    expect(unmet.map((u) => u.kind)).toEqual(['prerequisite.discounts-not-allowed']);
    const [discounts] = unmet;
    expect(discounts?.documentIds).toHaveLength(NAMED_DOCUMENTS);
    expect(new Set(discounts?.documentIds).size).toBe(NAMED_DOCUMENTS);
    expect(discounts?.documentIds.every((id) => Number(id.slice(1)) <= discounted)).toBe(true);
    expect(discounts?.message.fr).toContain(`or ${discounted} documents comportent une remise (`);
    expect(discounts?.message.fr).toContain(` et ${discounted - 5} autres).`);

    const settings = (await m.settings.get('A1'))._unsafeUnwrap();
    expect(settings === null ? [] : lastUnmet(settings)).toEqual(unmet);
  });
});
