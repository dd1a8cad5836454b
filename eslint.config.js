// ESLint flat config: the recommended rules of ESLint and typescript-eslint (syntax only, no
// type information: fast on a small machine; `tsc --noEmit` checks the types), plus the
// layering the architecture promises (ARCHITECTURE.md), so an import that runs back up fails.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.wrangler/', 'test-output/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A ternary as a statement (`a < b ? up++ : down++`) reads fine in a counting loop.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // Tests read answers as untyped JSON.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The rules of the product are plain data in, plain data out.
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['hono', 'hono/*', 'drizzle-orm', 'drizzle-orm/*', 'node:*', 'better-sqlite3', 'zod'], message: 'src/domain is pure: no framework, database or runtime.' },
            { group: ['../store/*', '../services/*', '../http/*', '../runtime/*', '../lib/*', '../../web/*', '../../db/*', '../../*', '../../../*'], message: 'src/domain imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    // Pages render what they are handed: view data comes in ready, from src/http.
    files: ['web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/store/*', '**/src/services/*', '**/src/http/*', '**/src/runtime/*'], message: 'web/ renders what src/http hands it: no store, service or route code here.' }] },
      ],
    },
  },
  {
    // The store knows rows, not requests.
    files: ['src/store/**', 'src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../http/*', '../runtime/*', '../../web/*', 'hono', 'hono/*'], message: 'store and services know nothing of HTTP, runtimes or pages.' }] },
      ],
    },
  },
  {
    files: ['web/**/*-js.ts', 'web/assets/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
