// Lint: typescript-eslint + eslint-plugin-svelte, and the layer rules of ARCHITECTURE.md.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const nodeOnly = ['electron', 'node:*', 'fs', 'path', 'os', 'crypto', 'better-sqlite3'];
const rendererPatterns = [
  ...nodeOnly.map((p) => ({ group: [p], message: 'the renderer is sandboxed' })),
  { regex: '^(\\.\\./)+src-main/(?!shared/)', message: 'import only src-main/shared from the renderer' },
];

export default ts.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.electron-native/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'svelte/no-at-html-tags': 'error',
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // shared/ is imported by both processes: nothing from electron, node or the DOM.
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: nodeOnly.map((p) => ({ group: [p], message: 'shared/ must not depend on a process' })) },
      ],
    },
  },
  {
    // The renderer reaches the main process only through the contract.
    files: ['src-renderer/**/*.{ts,svelte}'],
    rules: { 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  {
    // Only the state classes talk to the main process: every write goes through one method that
    // saves the unsaved draft first, and components stay free of transport details.
    files: ['src-renderer/**/*.{ts,svelte}'],
    ignores: ['src-renderer/state/**', 'src-renderer/lib/api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            {
              regex: '^(\\.{1,2}/)+(lib/)?api(\\.ts)?$',
              message: 'call a method of a state class (src-renderer/state/) instead of the api',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload is type-only towards the contract: a sandboxed preload can require nothing but electron.
    files: ['src-main/electron/preload.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }] },
  },
);
