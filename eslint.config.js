// Lint rules that back the project's habits: errors are values (no floating promises, throw only
// Error objects), type-only imports kept separate, no unused code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.config.ts', '**/*.config.js', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The web console: plain JS modules run by the browser (no build step), so the browser's globals.
    files: ['packages/app-http/console/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'document',
          'window',
          'location',
          'history',
          'localStorage',
          'sessionStorage',
          'fetch',
          'EventSource',
          'URLSearchParams',
          'Node',
          'setTimeout',
          'clearTimeout',
          'confirm',
          'Intl',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The domain is pure: time, randomness and the environment come in through ports or arguments.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval', 'crypto', 'require'],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read time from the Clock port.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time from the Clock port.' },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Take ids and randomness from a port.',
        },
      ],
    },
  },
);
