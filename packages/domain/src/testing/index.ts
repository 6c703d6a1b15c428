// The domain's testing kit: in-memory fakes of every port, fast-check arbitraries, builders and
// port contract suites (run by the real adapters too). Imports fast-check, an optional peer.

// arbitraries and builders
export * from './arbitraries/error-history.js';
export * from './arbitraries/document.js';
export * from './arbitraries/document-wire.js';
export * from './arbitraries/company-profile.js';
export * from './builders/document.js';
export * from './builders/company-profile.js';
export * from './builders/history-import.js';
export * from './builders/journey-fixtures.js';

// fakes
export * from './fakes/clocks.js';
export * from './fakes/sequential-ids.js';
export * from './fakes/in-memory-document-store.js';
export * from './fakes/in-memory-processed-messages.js';
export * from './fakes/in-memory-mapping-store.js';
export * from './fakes/in-memory-company-profile-cache.js';
export * from './fakes/in-memory-qbo-share-claims.js';
export * from './fakes/in-memory-sync-record-store.js';
export * from './fakes/in-memory-error-history-store.js';
export * from './fakes/in-memory-connection-store.js';
export * from './fakes/in-memory-authorization-states.js';
export * from './fakes/in-memory-settings-store.js';
export * from './fakes/in-memory-history-import-store.js';
export * from './fakes/in-memory-run-store.js';
export * from './fakes/row-meter.js';
export * from './fakes/in-memory-sync-queue.js';
export * from './fakes/in-memory-document-files.js';
export * from './fakes/in-memory-billing-core.js';
export * from './fakes/in-memory-progress-feed.js';
export * from './fakes/fake-accounting-authorization.js';
export * from './fakes/in-memory-accounting.js';
export * from './fakes/in-memory-accounting-gateway.js';
export * from './fakes/in-memory-stalled-work.js';
export * from './fakes/in-memory-module.js';

// contracts
export * from './contracts/contract-case.js';
export * from './contracts/document-store-contract.js';
export * from './contracts/processed-messages-contract.js';
export * from './contracts/mapping-store-contract.js';
export * from './contracts/sync-record-store-contract.js';
export * from './contracts/error-history-store-contract.js';
export * from './contracts/connection-store-contract.js';
export * from './contracts/authorization-states-contract.js';
export * from './contracts/settings-store-contract.js';
export * from './contracts/history-import-store-contract.js';
export * from './contracts/run-store-contract.js';
export * from './contracts/document-files-contract.js';
export * from './contracts/progress-feed-contract.js';
export * from './contracts/sync-queue-contract.js';
export * from './contracts/sync-queue-take-more-contract.js';
export * from './contracts/stalled-work-source-contract.js';
export * from './contracts/document-receipts-contract.js';
export * from './contracts/clock-and-ids-contract.js';
export * from './contracts/accounting-contract.js';
export * from './contracts/company-profile-cache-contract.js';
export * from './contracts/qbo-share-claims-contract.js';
export * from './contracts/billing-core-contract.js';
export * from './contracts/accounting-authorization-contract.js';
export * from './contracts/accounting-gateway-contract.js';
