// Mutation testing (`npm run mutate`): StrykerJS over the store, archive and web code. Not part of `npm test` or CI.
// All three folders take well over an hour on two cores; one folder or a few files at a time keeps a run short, e.g.
//   npm run mutate -- --mutate 'electron/core/store/**/*.ts,!**/*.test.ts,!**/test-support/**'
//   npm run mutate -- --mutate 'electron/web/uploads.ts,electron/web/static-files.ts'
// Reports: reports/mutation/index.html (and mutation.json).
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  // Only the tests next to the mutated code (vitest.stryker.config.mjs), and of those only the ones importing the
  // mutated file (related) and, per mutant, only the tests that reached it (perTest).
  vitest: { configFile: 'vitest.stryker.config.mjs', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'electron/core/store/**/*.ts',
    'electron/core/archive/**/*.ts',
    'electron/web/**/*.ts',
    '!**/*.test.ts',
    '!**/test-support/**',
  ],
  // The TypeScript checker works (it turns type-invalid mutants into compile errors instead of runs) but is about
  // four times slower on two cores; opt in with `npm run mutate -- --checkers typescript`.
  checkers: [],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { logTests: false, allowEmojis: false },
  tempDirName: 'reports/.stryker-tmp',
  ignorePatterns: ['/dist', '/release', '/reports', '/test-results', '/playwright-report', '/e2e-screenshots', '/bench/out'],
};
export default config;
