import { defineProject } from 'vitest/config';
import { defaultServerConditions } from 'vite';

// Only the harness's pure parts are tested here: the scenarios themselves are run by hand (npm run bench).
export default defineProject({
  ssr: { resolve: { conditions: ['@ogustine-qbo/source', ...defaultServerConditions] } },
  test: { name: 'bench', include: ['src/**/*.test.ts'] },
});
