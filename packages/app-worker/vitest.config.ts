import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// The worker's tests run real brokers (RabbitMQ) and child processes: generous timeouts on a shared machine.
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: {
    name: 'app-worker',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
