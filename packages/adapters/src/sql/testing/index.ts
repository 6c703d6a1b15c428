// Test support of the SQL adapters, for other packages' tests and the benchmarks (source only: run
// with the @ogustine-qbo/source condition, as vitest and tsx do here).
export * from './scratch-database.js';
export * from './test-cipher.js';
