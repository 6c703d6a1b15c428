// Public surface of the domain package. Sections follow the folders.

// wording: one word per thing, French first
export * from './wording/terms.js';
export * from './wording/us-company.js';

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
export * from './documents/parse-account-document.js';
export * from './documents/validated-event.js';
export * from './documents/erase-personal-data.js';

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
export * from './policy/document-needs.js';
export * from './policy/module-state.js';
export * from './policy/decide-document.js';
export * from './policy/initial-sync-plan.js';
export * from './policy/retry-policy.js';
export * from './policy/job-disposition.js';

// errors and reporting
export * from './errors/qbo-fault.js';
export * from './errors/sync-failure-cause.js';
export * from './errors/cause-from-qbo-failure.js';
export * from './errors/explain-cause.js';
export * from './errors/error-history.js';
export * from './reporting/document-sync-status.js';

// sync
export * from './sync/sync-record.js';
export * from './sync/write-protocol.js';
export * from './sync/mapping-failure-cause.js';
export * from './sync/sync-outcome.js';

// ports
export * from './ports/clock.js';
export * from './ports/ids.js';
export * from './ports/store-error.js';
export * from './ports/page.js';
export * from './ports/run-store.js';
export * from './ports/document-store.js';
export * from './ports/processed-messages.js';
export * from './ports/document-receipts.js';
export * from './ports/mapping-store.js';
export * from './ports/sync-record-store.js';
export * from './ports/error-history-store.js';
export * from './ports/connection-store.js';
export * from './ports/authorization-states.js';
export * from './ports/settings-store.js';
export * from './ports/sync-queue.js';
export * from './ports/document-files.js';
export * from './ports/billing-core.js';
export * from './ports/document-files-from-billing-core.js';
export * from './ports/progress-feed.js';
export * from './ports/accounting.js';
export * from './ports/accounting-gateway.js';
export * from './ports/accounting-authorization.js';
export * from './ports/company-profile-cache.js';
export * from './ports/qbo-share-claims.js';
export * from './ports/stalled-work-source.js';

// use cases
export * from './use-cases/use-case-error.js';
export * from './use-cases/steps.js';
export * from './use-cases/error-journal.js';
export * from './use-cases/account-settings.js';
export * from './use-cases/disconnect-quickbooks.js';
export * from './use-cases/unsent-documents.js';
export * from './use-cases/queue-run.js';
export * from './use-cases/connect-quickbooks.js';
export * from './use-cases/check-prerequisites.js';
export * from './use-cases/company-profiles.js';
export * from './use-cases/preview-initial-sync.js';
export * from './use-cases/launch-initial-sync.js';
export * from './use-cases/import-billing-history.js';
export * from './use-cases/admit-document.js';
export * from './sync/history-import.js';
export * from './ports/history-import-store.js';
export * from './use-cases/receive-validated-document.js';
export * from './use-cases/receive-validated-documents.js';
export * from './use-cases/receipts-in-turn.js';
export * from './use-cases/decide-and-queue.js';
export * from './use-cases/sweep-stalled-work.js';
export * from './use-cases/sync-document.js';
export * from './use-cases/sync-batch.js';
export * from './use-cases/sync-document/attempt.js';
export * from './use-cases/sync-document/prepare-payload.js';
export * from './use-cases/sync-document/write-transaction.js';
export * from './use-cases/sync-document/attempt-outcomes.js';
export * from './use-cases/sync-document/progress-counting.js';
export * from './use-cases/reschedule-sync.js';
export * from './use-cases/choose-tax-codes.js';
export * from './use-cases/choose-pdf-attachment.js';
export * from './use-cases/resume-automatic-sync.js';
export * from './use-cases/list-error-history.js';
export * from './use-cases/mark-error-handled.js';
export * from './use-cases/resync-many.js';
export * from './use-cases/resync-document.js';
export * from './use-cases/get-document-sync-status.js';
