// `berth`: a fresh copy of the seed store (or an empty one) behind its own `berth serve`, per test.
import { test as base, expect } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { berth, serve } from './cli.js';

export interface BerthFixture {
  /** The URL `berth serve` printed, token included. */
  url: string;
  store: string;
  cli(...args: string[]): Promise<string>;
}

export const test = base.extend<{ seeded: boolean; berth: BerthFixture }>({
  seeded: [true, { option: true }],
  berth: async ({ seeded }, use) => {
    const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-'));
    const store = path.join(work, 'store');
    if (seeded) {
      const seed = process.env.BERTH_E2E_SEED;
      if (!seed) throw new Error('BERTH_E2E_SEED is not set: the global setup did not run');
      await cp(seed, store, { recursive: true });
    }
    // A private config folder: serve keeps each store's token beside settings.json.
    const served = await serve(store, { config: path.join(work, 'config', 'settings.json') });
    try {
      await use({ url: served.url, store, cli: (...args) => berth(store, args) });
    } finally {
      await served.stop();
      await rm(work, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Docker's name for this machine's architecture, as `berth import` records it by default. */
export function hostArch(): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return map[process.arch] ?? process.arch;
}
