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
    // The HTTP contract stands on its own: a domain refactor must not silently change the wire.
    files: ['src/contract/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...outerLayers, '**/domain/**', '**/app/**', '**/ports/**', ...sdks].map((group) => ({ group: [group], message: 'src/contract/http imports only zod and itself (and the shared error wire): the wire must not follow a domain refactor.' })) },
      ],
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
