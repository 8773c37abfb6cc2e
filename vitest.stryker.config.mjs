// The Vitest config `npm run mutate` uses: the tests next to the mutated folders, plus the import operation's test
// (the rootfs layer's end-to-end test lives there); not dockerd's, which need the daemon. Stryker's runner narrows
// these further to the tests related to each mutated file, and per mutant to the tests that reached it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/core/store/**/*.test.ts',
      'electron/core/archive/**/*.test.ts',
      'electron/web/**/*.test.ts',
      'electron/core/operations/import.test.ts',
    ],
    // processes.test.ts is left out: its writers are child processes, which run the code without the active mutant,
    // and its SIGKILL loop (8 s) would be rerun for nearly every store mutant.
    exclude: ['**/node_modules/**', '**/*.docker.test.ts', 'electron/core/store/processes.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
