// Changing index.json: under the write lock, re-read, mutate, verify what it references, replace atomically.
import { BerthError } from '../../../shared/errors.js';
import { statBlob } from './blob-read.js';
import { readIndexFile, validateIndex, writeIndexFile } from './index-file.js';
import { withWriteLock, type LockOptions } from './lock.js';
import type { StorePaths } from './paths.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import { walkReferences, type WalkReader } from './walk.js';

export async function commitIndexChange<T>(
  paths: StorePaths,
  reader: WalkReader,
  mutate: (index: OciIndex) => T | Promise<T>,
  lockOptions: LockOptions,
): Promise<T> {
  return withWriteLock(
    paths.lock,
    async () => {
      const before = await readIndexFile(paths);
      const working = structuredClone(before);
      const result = await mutate(working);
      const next = validateIndex(working, 'the changed index');
      await verifyReferences(paths, reader, before, next);
      await writeIndexFile(paths, next);
      return result;
    },
    lockOptions,
  );
}

/**
 * Every entry kept must point at a blob of the stated size; entries new to the index are followed all the
 * way down (nested manifests, configs, layers), so a tag can never name an incomplete image.
 */
async function verifyReferences(paths: StorePaths, reader: WalkReader, before: OciIndex, next: OciIndex): Promise<void> {
  const known = new Set(before.manifests.map((d) => d.digest));
  for (const entry of next.manifests) await checkBlob(paths, entry, null);
  const added = next.manifests.filter((d) => !known.has(d.digest));
  await walkReferences(reader, added, {
    visit: async (descriptor, parent) => {
      if (parent === null) return;
      if (isForeignLayer(descriptor) && !(await statBlob(paths, descriptor.digest))) return false;
      await checkBlob(paths, descriptor, parent);
    },
    onUnreadable: (descriptor, error) => {
      throw new BerthError('STORE_CORRUPT', `cannot commit: manifest ${descriptor.digest} is unreadable: ${(error as Error).message}`);
    },
  });
}

async function checkBlob(paths: StorePaths, descriptor: Descriptor, parent: Descriptor | null): Promise<void> {
  const where = parent ? `referenced by ${parent.digest}` : 'named in the index';
  const stats = await statBlob(paths, descriptor.digest);
  if (!stats) throw new BerthError('NOT_FOUND', `cannot commit: blob ${descriptor.digest} (${where}) is not in the store`);
  if (stats.size !== descriptor.size) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `cannot commit: blob ${descriptor.digest} (${where}) is ${stats.size} bytes but its descriptor says ${descriptor.size}`,
    );
  }
}
