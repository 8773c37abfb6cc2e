// Builds the seed store once; every test copies it and serves its own copy.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { assertBuilt } from './support/cli.js';
import { seedStore } from './support/seed.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertBuilt();
  const store = await seedStore();
  process.env.BERTH_E2E_SEED = store;
  return async () => {
    await rm(path.dirname(store), { recursive: true, force: true });
  };
}
