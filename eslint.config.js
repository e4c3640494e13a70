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

/** Text that reads as an SQL statement (upper-case keywords, as this code base writes them). */
const SQL_TEXT =
  '/(SELECT\\s[^]*\\sFROM\\s|INSERT\\s+(OR\\s+[A-Z]+\\s+)?INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s|(CREATE|DROP|ALTER)\\s+(TABLE|INDEX|TRIGGER|VIEW)\\s|PRAGMA\\s+\\w)/';

const ELECTRON_ONLY = 'only src-main/electron/ and transport/ipc.ts run inside Electron';

/** Relative imports of these main-process directories, from any depth. */
function layerDirs(dirs, message) {
  return [{ regex: `^(\\.{1,2}/)+(.*/)?(${dirs.join('|')})(/|$)`, message }];
}

/** The composition roots wire the layers together; nothing inside a layer imports them. */
const ROOTS = [
  { regex: '^(\\.{1,2}/)+(runtime|cli|web)$', message: 'runtime, cli and web compose the layers; import a layer instead' },
];

/** One layer's no-restricted-imports block: its own bans, the roots (unless `roots` is false), and electron. */
function mainLayer(files, patterns, electronMessage = ELECTRON_ONLY, roots = true) {
  return {
    files,
    ignores: ['src-main/electron/**', 'src-main/transport/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^electron(/|$)', message: electronMessage }, ...patterns, ...(roots ? ROOTS : [])] },
      ],
    },
  };
}

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
  // CommonJS where it is chosen for start-up (bin/qalam.cjs: no ES module loader for a call that
  // `translate`'s own bundle answers).
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  // The main process's layers (docs/ARCHITECTURE.md, "Layers"). ESLint replaces a rule's options
  // from block to block instead of merging them, so each block repeats the ban on electron.
  mainLayer(['src-main/**/*.ts'], [], ELECTRON_ONLY, false),
  mainLayer(
    ['src-main/shared/**/*.ts'],
    [
      ...nodeOnly.filter((p) => p !== 'electron').map((p) => ({ group: [p], message: 'shared/ must not depend on a process' })),
      { regex: '^\\.\\./', message: 'shared/ imports nothing outside itself: both processes import it' },
    ],
    'shared/ must not depend on a process',
  ),
  mainLayer(
    ['src-main/text/**/*.ts', 'src-main/formats/**/*.ts', 'src-main/tm/**/*.ts', 'src-main/qa/**/*.ts', 'src-main/mt/**/*.ts'],
    [
      { group: ['better-sqlite3'], message: 'pure layers (text, formats, tm, qa, mt) take and return values: no database' },
      ...layerDirs(
        ['store', 'services', 'jobs', 'transport', 'electron'],
        'pure layers (text, formats, tm, qa, mt) know no store, services or transport',
      ),
    ],
  ),
  mainLayer(
    ['src-main/store/**/*.ts'],
    layerDirs(
      ['services', 'jobs', 'formats', 'transport', 'electron'],
      'store/ is below services and knows no file formats or transport',
    ),
  ),
  mainLayer(
    ['src-main/services/**/*.ts', 'src-main/jobs/**/*.ts'],
    layerDirs(['transport', 'electron'], 'services know no transport: the host reaches them through ServiceContext'),
  ),
  mainLayer(
    ['src-main/transport/**/*.ts'],
    layerDirs(['electron'], 'transport/ reaches the shell only through ServiceContext.host'),
    'of transport/, only ipc.ts runs inside Electron',
  ),
  {
    files: ['src-main/transport/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...layerDirs(['electron'], 'transport/ reaches the shell only through ServiceContext.host'), ...ROOTS] },
      ],
    },
  },
  {
    // SQL lives in store/: services call repository functions, never a statement of their own.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`Literal[value=${SQL_TEXT}]`, `TemplateElement[value.raw=${SQL_TEXT}]`].map((selector) => ({
          selector,
          message: 'SQL belongs in src-main/store/ (a repository function)',
        })),
        {
          selector: `CallExpression[callee.property.name=/^(prepare|pragma|exec)$/]:matches([callee.object.name='db'], [callee.object.property.name='db'])`,
          message: 'statements run in src-main/store/ (a repository function)',
        },
        { selector: `CallExpression[callee.name='stmt']`, message: 'statements run in src-main/store/ (a repository function)' },
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
