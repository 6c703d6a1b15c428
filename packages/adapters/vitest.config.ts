import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Adapter tests talk to real services (MariaDB, SQLite files, RabbitMQ, the qbo-sandbox): each test
// file makes its own database or queues, so files may run in parallel.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'adapters',
    setupFiles: ['../../vitest.fast-check.setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
