import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Flat config replaces a rule's options per file rather than merging them, so both import bans are built here and
// combined for the files that need both.
const ELECTRON_BAN = {
  paths: [{ name: 'electron', message: 'electron/core, shared, cli and web must stay plain Node: no electron import.' }],
  patterns: [{ group: ['electron/*'], message: 'No electron import outside electron/main and electron/preload.' }],
};
// Helpers that start peers, build tarballs or drive the UI exist for tests and the bench; what ships never loads them.
const TEST_ONLY_BAN = {
  patterns: [
    { group: ['**/testing/**', '**/test-support/**', '**/e2e/**', '**/bench/**'], message: 'Test and bench helpers are for tests only: production code may not import them.' },
    { group: ['tar-stream', 'tar-stream/**'], message: 'tar-stream is a test and bench dependency (devDependencies), not for production code.' },
  ],
};
const restrictImports = (...bans) => ['error', {
  paths: bans.flatMap((ban) => ban.paths ?? []),
  patterns: bans.flatMap((ban) => ban.patterns ?? []),
}];
/** What ships: everything under electron/, shared/ and renderer/src/ except tests and their helpers. */
const PRODUCTION_FILES = ['electron/**/*.{ts,tsx,mts,mjs,js}', 'shared/**/*.{ts,tsx,mts,mjs,js}', 'renderer/src/**/*.{ts,tsx,mts,mjs,js}'];
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/*.spec.{ts,tsx}', '**/testing/**', '**/test-support/**'];
const PLAIN_NODE_FILES = ['electron/core/**/*.ts', 'shared/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-screenshots/**', 'reports/**', 'bench/out/**', 'test-results-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is plain Node so the CLI and `berth serve` can use it without Electron.
    files: PLAIN_NODE_FILES,
    rules: {
      'no-restricted-imports': restrictImports(ELECTRON_BAN),
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
        message: 'No electron import outside electron/main and electron/preload.',
      }],
    },
  },
  {
    files: PRODUCTION_FILES,
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': restrictImports(TEST_ONLY_BAN) },
  },
  {
    // Production files of the plain-Node part get both bans (this entry replaces the two above for them).
    files: PLAIN_NODE_FILES,
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': restrictImports(ELECTRON_BAN, TEST_ONLY_BAN) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
