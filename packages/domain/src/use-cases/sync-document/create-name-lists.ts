import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { OgustineDocument } from '../../documents/document.js';
import { customerFingerprint } from '../../mapping/customer-fingerprint.js';
import { customerPayload } from '../../mapping/customer-payload.js';
import { serviceItemPayload } from '../../mapping/item-payload.js';
import { prerequisitesFor } from '../../policy/prerequisites.js';
import { MAX_BATCH_SIZE, type Accounting, type NameListEntry } from '../../ports/accounting.js';
import type { Ids } from '../../ports/ids.js';
import type { MappedKind, MappingScope, MappingStore } from '../../ports/mapping-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { Steps } from '../steps.js';
import { chunksOf } from './chunks.js';

import type { CompanyProfiles } from '../company-profiles.js';

export interface CreateNameListsPorts {
  readonly mappings: MappingStore;
  readonly ids: Ids;
}

/** One missing customer or service of a batch's documents, with the mapping it is kept under. */
interface Missing {
  readonly scope: MappingScope;
  readonly kind: MappedKind;
  readonly ogustineId: string;
  readonly entry: NameListEntry;
  readonly fingerprint?: string;
}

/**
 * Before a batch's payloads are prepared: the customers and services its documents need that have no
 * mapping yet are created in batches of `MAX_BATCH_SIZE` (one request each instead of one per entry),
 * and mapped. Only a saving of requests: what a batch did not settle (a name taken, an entry QBO did
 * not answer, the whole request failed) is left unmapped, and `PreparePayload` settles it one by one
 * as for a single document (create, a duplicate name looked up and adopted).
 */
export class CreateNameLists {
  constructor(
    private readonly ports: CreateNameListsPorts,
    /** The realm's profile, read once for every process (rule 11), as `PreparePayload` reads it. */
    private readonly profiles: CompanyProfiles,
  ) {}

  /**
   * @returns ok(number of requests sent) once the created entries are mapped; QBO's failures are left to `PreparePayload`
   * @returns err(store.*) if the mapping store failed
   */
  run(docs: readonly OgustineDocument[], accounting: Accounting): ResultAsync<number, StoreError> {
    return safeTry<number, StoreError>(() =>
      (async function* (self: CreateNameLists): Steps<number, StoreError> {
        const profile = await self.profiles.read(accounting);
        if (profile.isErr()) return ok(0);
        // Only for documents that will be posted: one whose prerequisites are unmet creates nothing (as `PreparePayload`).
        const sendable = docs.filter((d) => prerequisitesFor(profile.value, [d]).isOk());
        const missing: Missing[] = [];
        const seen = new Set<string>();
        for (const doc of sendable) {
          const scope: MappingScope = { accountId: doc.accountId, realmId: accounting.realmId };
          const customerKey = `customer:${doc.accountId}:${doc.customer.id}`;
          if (!seen.has(customerKey)) {
            seen.add(customerKey);
            if ((yield* self.ports.mappings.find(scope, 'customer', doc.customer.id)) === null) {
              const payload = customerPayload(doc.customer);
              const entry: NameListEntry = { batchId: `c${missing.length}`, kind: 'customer', payload };
              missing.push({ scope, kind: 'customer', ogustineId: doc.customer.id, entry, fingerprint: customerFingerprint(payload) });
            }
          }
          const income = prerequisitesFor(profile.value, [doc]).map((met) => met.incomeAccount);
          for (const line of doc.lines) {
            const serviceKey = `service:${doc.accountId}:${line.service.id}`;
            if (seen.has(serviceKey) || income.isErr()) continue;
            seen.add(serviceKey);
            if ((yield* self.ports.mappings.find(scope, 'service', line.service.id)) === null) {
              const payload = serviceItemPayload(line.service, income.value, profile.value.country);
              missing.push({
                scope,
                kind: 'service',
                ogustineId: line.service.id,
                entry: { batchId: `s${missing.length}`, kind: 'service', payload },
              });
            }
          }
        }
        // One missing entry costs one request either way: `PreparePayload` creates it.
        if (missing.length < 2) return ok(0);
        let requests = 0;
        for (const chunk of chunksOf(missing, MAX_BATCH_SIZE)) {
          requests += 1;
          const answer = await accounting.createCustomersAndItems(
            chunk.map((m) => m.entry),
            self.ports.ids.next(),
          );
          if (answer.isErr()) continue;
          const created = new Map(answer.value.flatMap((o) => (o.kind === 'created' ? [[o.batchId, o.ref] as const] : [])));
          for (const m of chunk) {
            const ref = created.get(m.entry.batchId);
            if (ref === undefined) continue;
            const mapping =
              m.kind === 'customer'
                ? { ...ref, ...(m.fingerprint === undefined ? {} : { fingerprint: m.fingerprint }) }
                : { qboId: ref.qboId };
            yield* self.ports.mappings.save(m.scope, m.kind, m.ogustineId, mapping);
          }
        }
        return ok(requests);
      })(this),
    );
  }
}
