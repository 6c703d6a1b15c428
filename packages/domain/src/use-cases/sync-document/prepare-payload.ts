import { err, errAsync, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { CustomerSnapshot, OgustineDocument, ServiceRef } from '../../documents/document.js';
import type { QboFailure } from '../../errors/qbo-fault.js';
import { causeFromPrerequisite, type SyncFailureCause } from '../../errors/sync-failure-cause.js';
import { customerPayload } from '../../mapping/customer-payload.js';
import { serviceItemPayload } from '../../mapping/item-payload.js';
import { mapDocument } from '../../mapping/map-document.js';
import { prerequisitesFor } from '../../policy/prerequisites.js';
import type { Accounting } from '../../ports/accounting.js';
import type { Ids } from '../../ports/ids.js';
import type { Mapping, MappedKind, MappingScope, MappingStore } from '../../ports/mapping-store.js';
import type { StoreError } from '../../ports/store-error.js';
import type { QboAccount, QboId } from '../../qbo/company-profile.js';
import type { QboTransactionPayload } from '../../qbo/transaction-payload.js';
import { causeFromMappingErrors } from '../../sync/mapping-failure-cause.js';
import { postFailureEffect } from '../../sync/write-protocol.js';
import type { SettingsStore } from '../../ports/settings-store.js';
import { customerFingerprint } from '../../mapping/customer-fingerprint.js';
import type { QboCustomerRef } from '../../ports/accounting.js';
import type { CompanyProfiles } from '../company-profiles.js';
import type { Steps } from '../steps.js';

/** Why no payload could be made: QBO or a store failed, or the document cannot go to this company as it is. */
export type PreparePayloadError = QboFailure | StoreError | { readonly kind: 'payload.unsendable'; readonly cause: SyncFailureCause };

export interface PreparePayloadPorts {
  readonly mappings: MappingStore;
  readonly settings: SettingsStore;
  readonly ids: Ids;
}

const isDuplicateName = (f: QboFailure): boolean => f.kind === 'qbo.fault' && f.errors.some((e) => e.code === '6240');

const uniqueServices = (doc: OgustineDocument): readonly ServiceRef[] => [
  ...new Map(doc.lines.map((l) => [l.service.id, l.service])).values(),
];

/**
 * The transaction to post for a document: the company's prerequisites (checked on the company's
 * profile for each document, not from the last check's result; the profile itself is read once per
 * realm: `CompanyProfiles`), its customer and services in QBO (created when missing), then the
 * mapping (`mapDocument`).
 */
export class PreparePayload {
  constructor(
    private readonly ports: PreparePayloadPorts,
    private readonly profiles: CompanyProfiles,
  ) {}

  /**
   * @param correctedInvoiceNumber for a credit note, Ogustine's number of the invoice it corrects (its memo names it)
   * @returns ok(payload) ready to post
   * @returns err(payload.unsendable) with the cause when a prerequisite is unmet or the mapping refuses the document
   * @returns err(QboFailure | store.*) if QBO or a store failed
   */
  run(
    doc: OgustineDocument,
    accounting: Accounting,
    correctedInvoiceNumber?: string,
  ): ResultAsync<QboTransactionPayload, PreparePayloadError> {
    return safeTry<QboTransactionPayload, PreparePayloadError>(() =>
      (async function* (self: PreparePayload): Steps<QboTransactionPayload, PreparePayloadError> {
        const profile = yield* self.profiles.read(accounting);
        const met = prerequisitesFor(profile, [doc]);
        if (met.isErr()) return err({ kind: 'payload.unsendable', cause: causeFromPrerequisite(met.error[0]) });
        const scope: MappingScope = { accountId: doc.accountId, realmId: accounting.realmId };
        const customer = yield* self.resolveCustomer(accounting, scope, doc.customer);
        const items = new Map<string, QboId>();
        for (const service of uniqueServices(doc)) {
          items.set(service.id, yield* self.resolveService(accounting, scope, service, met.value.incomeAccount, profile.country));
        }
        const settings = yield* self.ports.settings.get(doc.accountId);
        const taxCodeChoices = settings?.taxCodeByRate ?? {};
        const payload = mapDocument(doc, profile, {
          customer,
          items,
          taxCodeChoices,
          ...(correctedInvoiceNumber === undefined ? {} : { correctedInvoiceNumber }),
        });
        if (payload.isErr()) return err({ kind: 'payload.unsendable', cause: causeFromMappingErrors(payload.error, doc.currency) });
        return ok(payload.value);
      })(this),
    );
  }

  private resolveCustomer(
    accounting: Accounting,
    scope: MappingScope,
    customer: CustomerSnapshot,
  ): ResultAsync<QboId, QboFailure | StoreError> {
    const payload = customerPayload(customer);
    const fingerprint = customerFingerprint(payload);
    const { mappings, ids } = this.ports;
    return mappings.find(scope, 'customer', customer.id).andThen((mapped): ResultAsync<QboId, QboFailure | StoreError> => {
      // Known, and QBO holds what this snapshot says (or a mapping from before fingerprints: kept as is).
      if (mapped !== null && (mapped.fingerprint === undefined || mapped.fingerprint === fingerprint)) {
        return mapped.fingerprint === undefined
          ? mappings.save(scope, 'customer', customer.id, { ...mapped, fingerprint }).map(() => mapped.qboId)
          : okAsync(mapped.qboId);
      }
      if (mapped !== null) {
        // Renamed, new e-mail or address: one sparse update with the stored SyncToken; a stale token is read again once.
        const update = (ref: QboCustomerRef): ResultAsync<QboCustomerRef, QboFailure> =>
          accounting.updateCustomer(ref, payload, ids.next());
        return this.currentRef(accounting, mapped)
          .andThen((ref) =>
            update(ref).orElse((f) =>
              isStale(f) ? accounting.readCustomer(ref.qboId).andThen((r) => (r === null ? errAsync(f) : update(r))) : errAsync(f),
            ),
          )
          .andThen((ref) => mappings.save(scope, 'customer', customer.id, { ...ref, fingerprint }).map(() => ref.qboId));
      }
      return this.resolve(
        scope,
        'customer',
        customer.id,
        () => accounting.createCustomer(payload, ids.next()).map((ref) => ({ ...ref, fingerprint })),
        () => accounting.findCustomerByDisplayName(payload.displayName).map((ref) => (ref === null ? null : { ...ref, fingerprint })),
      );
    });
  }

  /** The mapped customer's `SyncToken`: the stored one, else (a mapping from before tokens were kept) read from QBO. */
  private currentRef(accounting: Accounting, mapped: Mapping): ResultAsync<QboCustomerRef, QboFailure> {
    if (mapped.syncToken !== undefined) return okAsync({ qboId: mapped.qboId, syncToken: mapped.syncToken });
    return accounting.readCustomer(mapped.qboId).andThen((ref) => (ref === null ? errAsync(customerGone()) : okAsync(ref)));
  }

  private resolveService(
    accounting: Accounting,
    scope: MappingScope,
    service: ServiceRef,
    incomeAccount: QboAccount,
    country: string,
  ): ResultAsync<QboId, QboFailure | StoreError> {
    const payload = serviceItemPayload(service, incomeAccount, country);
    return this.resolve(
      scope,
      'service',
      service.id,
      () => accounting.createServiceItem(payload, this.ports.ids.next()).map((qboId) => ({ qboId })),
      () => accounting.findItemByName(payload.name).map((qboId) => (qboId === null ? null : { qboId })),
    );
  }

  /**
   * Stored mapping, else create; a duplicate name (6240) or a lost answer is settled by a look-up by
   * name: the names carry the Ogustine id, so the one found is ours (created by an earlier attempt).
   */
  private resolve(
    scope: MappingScope,
    kind: MappedKind,
    ogustineId: string,
    create: () => ResultAsync<Mapping, QboFailure>,
    findByName: () => ResultAsync<Mapping | null, QboFailure>,
  ): ResultAsync<QboId, QboFailure | StoreError> {
    const { mappings } = this.ports;
    return mappings.find(scope, kind, ogustineId).andThen((mapped): ResultAsync<QboId, QboFailure | StoreError> => {
      if (mapped !== null) return okAsync(mapped.qboId);
      return create()
        .orElse((failure) =>
          isDuplicateName(failure) || postFailureEffect(failure) === 'outcome-unknown'
            ? findByName().andThen((found) => (found === null ? errAsync(failure) : okAsync(found)))
            : errAsync(failure),
        )
        .andThen((found) => mappings.save(scope, kind, ogustineId, found).map(() => found.qboId));
    });
  }
}

const isStale = (f: QboFailure): boolean => f.kind === 'qbo.fault' && f.errors.some((e) => e.code === '5010');

/** What QBO answers for a customer made inactive or deleted: the mapping must be repaired by the user. */
const customerGone = (): QboFailure => ({
  kind: 'qbo.fault',
  status: 400,
  faultType: 'ValidationFault',
  errors: [{ code: '610', message: 'Object Not Found', detail: 'Object Not Found : the customer does not exist or is inactive' }],
});
