import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const FRAMEWORK_IMPORTS = {
  patterns: [
    {
      group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'bullmq/*', 'axios', 'axios/*'],
      message:
        'src/engine/ is pure TypeScript: no Nest, TypeORM, BullMQ or axios. Put adapters in src/queue, src/runs or src/common.',
    },
  ],
};

// A plugin (built-in or external) imports Node's built-ins, @flowhub/plugin-sdk and its own
// files only (scripts/check-deps.mjs checks which of ours): the SDK re-exports the validators.
const PLUGIN_IMPORTS = {
  patterns: [
    {
      regex: '^(?!node:|@flowhub/plugin-sdk(/|$)|\\.{1,2}/)',
      message:
        'a plugin imports only @flowhub/plugin-sdk (validators: @flowhub/plugin-sdk/validators), node: built-ins and its own files',
    },
  ],
};

const NODE_GLOBALS = [
  'process',
  'console',
  'globalThis',
  'Buffer',
  'URL',
  'fetch',
  'performance',
  'setTimeout',
  'clearTimeout',
];

const BROWSER_GLOBALS = ['window', 'document', 'fetch', 'setTimeout', 'clearTimeout', 'console'];

export default tseslint.config(
  { ignores: ['dist/**', '**/dist/**', 'coverage/**', '.data/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      // Nest resolves constructor parameters from emitted metadata: keep those imports as values.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', FRAMEWORK_IMPORTS] },
  },
  {
    files: ['plugins/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', PLUGIN_IMPORTS] },
  },
  {
    // Small pieces: files under 300 lines, functions of at most ~50 (docs/architecture.md).
    files: ['src/**/*.ts', 'plugins/**/*.ts', 'packages/*/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 299 }] },
  },
  {
    files: ['src/**/*.ts', 'plugins/**/*.ts', 'packages/*/src/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.spec.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The console (React, in the browser): the same size limits, browser globals.
    files: ['console/src/**/*.{ts,tsx}'],
    ignores: ['console/src/api/schema.d.ts'], // generated: npm run console:api
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: Object.fromEntries(BROWSER_GLOBALS.map((name) => [name, 'readonly'])),
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-lines': ['error', { max: 299 }],
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])),
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'test/**/*.mjs', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
