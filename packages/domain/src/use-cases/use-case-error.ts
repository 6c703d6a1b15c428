import type { AuthorizationError } from '../ports/accounting-authorization.js';
import type { AccountingGatewayError } from '../ports/accounting-gateway.js';
import type { StoreError } from '../ports/store-error.js';
import type { SyncQueueError } from '../ports/sync-queue.js';
import type { QboFailure } from '../errors/qbo-fault.js';
import type { ModuleStateError } from '../policy/module-state.js';
import type { ErrorJournalError } from './error-journal.js';

/** Failures of the infrastructure a use case relies on: retry later, nothing was half done that matters. */
export type InfrastructureError = StoreError | SyncQueueError | ErrorJournalError;

/** Failures of a use case that talks to the connected QBO company. */
export type CompanyAccessError =
  AccountingGatewayError | AuthorizationError | { readonly kind: 'qbo.failed'; readonly failure: QboFailure };

/** The module state refused the transition (not connected, already launched…): `explainModuleStateError` words it. */
export type StateRefusal = { readonly kind: 'use-case.state-refused'; readonly refusal: ModuleStateError };
