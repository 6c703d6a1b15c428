import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Adapter tests talk to real services (RabbitMQ, databases, the QBO sandbox over HTTP): generous
// timeouts on a shared machine. Integration tests live next to their adapter or under test/.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'adapters',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
