// The domain's testing kit: in-memory fakes of every port, fast-check arbitraries, builders and
// port contract suites (run by the real adapters too). Imports fast-check, an optional peer.

// arbitraries and builders
export * from './arbitraries/error-history.js';
export * from './arbitraries/document.js';
export * from './arbitraries/document-wire.js';
export * from './arbitraries/company-profile.js';
export * from './builders/document.js';
export * from './builders/company-profile.js';

// fakes

// contracts
