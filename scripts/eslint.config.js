// Lint rules. Run through `npm run lint` (eslint -c scripts/eslint.config.js), from the repo root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { Buffer: 'readonly', URL: 'readonly' } },
  },
  // The editors' review page's script, served as is to a browser (routes/admin-recordings.ts).
  {
    files: ['src/server/admin-page/*.js'],
    languageOptions: { globals: { document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', URL: 'readonly' } },
  },
  // The layering in docs/architecture.md, enforced.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/data/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'dexie', message: 'Only src/data/ talks to IndexedDB: use a repository from src/data/.' }] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      // The language registry is data every side reads the same way (core/lang.ts, docs/languages.md).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'preact*', 'dexie'], message: 'src/core runs everywhere: no DOM, Node, UI or storage imports.' },
            { regex: '^\\.\\./(?!\\.\\./locales/languages\\.json$)', message: 'src/core runs everywhere: no DOM, Node, UI or storage imports.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    files: ['src/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'dexie', message: 'Use src/data/.' }], patterns: [{ group: ['preact*', '../app/*', '../components/*', '../i18n/*'], message: 'The sync engine runs in the service worker too: no UI imports.' }] }],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../sync/*', '../app/*', '../components/*', '../i18n/*'], message: 'src/data stores and reads (and offers live-query hooks); the sync engine and the screens call it, never the other way.' }] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../data/*', '../sync/*', '../app/*', '../components/*', '../i18n/*', 'preact*', 'dexie'], message: 'The server shares only src/core with the kiosk.' }] }],
    },
  },
  // Test support lives in test/ and reaches production code only from tests.
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs,js}', 'vite.config.ts'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportDeclaration[source.value=/(^|\\/)test\\//]', message: 'test/ is test support: production code must not import it.' }],
    },
  },
  {
    files: ['src/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'dexie', message: 'Use src/data/.' }], patterns: [{ group: ['../data/*', '../sync/*', '../app/*'], message: 'Components are presentational: pass data in as props.' }] }],
    },
  },
);
