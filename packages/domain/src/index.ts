// Public surface of the domain package. Sections follow the folders.

// shared
export * from './shared/decimal.js';
export * from './shared/money.js';
export * from './shared/localized.js';
export * from './shared/time.js';

// documents
export * from './documents/document.js';
export * from './documents/vat-rate.js';
export * from './documents/numbering.js';
export * from './documents/document-wire.js';
export * from './documents/parse-document.js';

// qbo
export * from './qbo/company-profile.js';
export * from './qbo/transaction-payload.js';
export * from './qbo/qbo-tax-model.js';

// mapping
export * from './mapping/tax-code-for-rate.js';
export * from './mapping/qbo-name.js';
export * from './mapping/text-limits.js';
export * from './mapping/display-name.js';
export * from './mapping/item-name.js';
export * from './mapping/customer-payload.js';
export * from './mapping/item-payload.js';
export * from './mapping/mapping-error.js';
export * from './mapping/map-document.js';

// policy
export * from './policy/unmet-prerequisite.js';
export * from './policy/document-decision.js';
export * from './policy/sending-order.js';
export * from './policy/sync-schedule.js';
export * from './policy/prerequisites.js';
export * from './policy/module-state.js';
export * from './policy/decide-document.js';
export * from './policy/initial-sync-plan.js';

// errors and reporting
export * from './errors/qbo-fault.js';
export * from './errors/sync-failure-cause.js';
export * from './errors/cause-from-qbo-failure.js';
export * from './errors/explain-cause.js';
export * from './errors/error-history.js';
export * from './reporting/document-sync-status.js';

// ports

// use cases
