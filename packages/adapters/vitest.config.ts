import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Adapter tests talk to real services (the QBO sandbox over HTTP, databases): generous timeouts on a shared machine.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'adapters',
    setupFiles: ['../../vitest.fast-check.setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
