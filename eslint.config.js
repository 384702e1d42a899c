// Lint errors fail the build: no rule here is a warning.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outerLayers = ['**/adapters/**', '**/http/**', '**/bot/**', '**/tab/**', '**/main', '**/config/**'];
const sdks = ['botbuilder*', 'restify*', '@azure/*', '@microsoft/*', 'jose', 'react*', '@fluentui/*', 'node:*', 'fs', 'path', 'http', 'crypto'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'test-results/**', 'devTools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['error', 3],
      // restify tells async handlers from callback ones by the `async` keyword, so some have nothing to await.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    // The inner rings stay pure: no adapters, transports, SDKs or Node I/O.
    files: ['src/domain/**/*.ts', 'src/app/**/*.ts', 'src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...outerLayers, ...sdks].map((group) => ({ group: [group], message: 'src/domain, src/app and src/ports import nothing from adapters, transports or SDKs (see DESIGN.md).' })) }],
    },
  },
  {
    // The contract stands on its own: a domain refactor must not silently change a wire.
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/domain/**', '!**/domain/errors'], message: 'src/contract describes each wire in its own types; it shares only the error type with the domain.' },
        { group: [...outerLayers, '**/app/**', '**/ports/**', ...sdks], message: 'src/contract imports only zod, itself and the domain error type.' },
      ] }],
    },
  },
  {
    // The edge: routes and bot handlers see ports and use cases, never adapters (src/main.ts hands those in).
    files: ['src/http/**/*.ts', 'bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/adapters/**'], message: 'src/http and bot/ reach storage, keys and identity through src/ports; src/main.ts hands the adapters in.' },
        { group: ['**/tab/**', '**/main'], message: 'src/http and bot/ import neither the tab nor the composition root.' },
      ] }],
    },
  },
  {
    // The tab talks HTTP only: its types come from the contract, type-only, so zod stays out of the bundle.
    files: ['tab/**/*.ts', 'tab/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src/**', '!**/src/contract', '!**/src/contract/**'], message: 'The tab imports nothing from the server but src/contract, type-only.' },
        { group: ['**/src/contract', '**/src/contract/**'], allowTypeImports: true, message: 'Import the contract with `import type`: the tab parses nothing itself.' },
        { group: ['**/bot/**', '**/test/**', 'zod'], message: 'The tab imports nothing from the bot, the tests or zod.' },
      ] }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', module: 'readonly' } },
  },
);
