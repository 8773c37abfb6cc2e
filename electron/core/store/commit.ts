// Changing index.json: under the write lock, re-read, mutate, verify what it references, replace atomically.
import { BerthError } from '../../../shared/errors.js';
import { statBlob } from './blob-read.js';
import { readIndexFile, validateIndex, writeIndexFile } from './index-file.js';
import { withWriteLock, type LockOptions } from './lock.js';
import type { StorePaths } from './paths.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import { mayBeAbsent } from './sparse-index.js';
import { walkReferences, type WalkReader } from './walk.js';

export async function commitIndexChange<T>(
  paths: StorePaths,
  reader: WalkReader,
  mutate: (index: OciIndex) => T | Promise<T>,
  lockOptions: LockOptions,
  /** Still under the lock, once the new index is in place (a session's layer sizes). */
  afterWrite?: () => Promise<void>,
): Promise<T> {
  return withWriteLock(
    paths.lock,
    async () => {
      // Read fresh under the lock and changed in place: the file on disk is the 'before', and only its digests
      // are needed to tell new entries from kept ones (a copy of 50,000 entries cost more than the change).
      const working = await readIndexFile(paths);
      const known = new Set(working.manifests.map((d) => d.digest));
      const result = await mutate(working);
      const next = validateIndex(working, 'the changed index');
      await verifyReferences(paths, reader, known, next);
      await writeIndexFile(paths, next);
      await afterWrite?.();
      return result;
    },
    lockOptions,
  );
}

/**
 * Every entry kept must point at a blob of the stated size; entries new to the index are followed all the
 * way down (nested manifests, configs, layers), so a tag can never name an incomplete image.
 */
async function verifyReferences(paths: StorePaths, reader: WalkReader, known: ReadonlySet<string>, next: OciIndex): Promise<void> {
  // Many tags name few blobs: each blob is looked at once, each entry's size against it.
  const sizes = new Map<string, number>();
  for (const entry of next.manifests) {
    let size = sizes.get(entry.digest);
    if (size === undefined) sizes.set(entry.digest, (size = await blobSizeOrFail(paths, entry, null)));
    if (size !== entry.size) throw sizeMismatch(entry, size, null);
  }
  const added = next.manifests.filter((d) => !known.has(d.digest));
  await walkReferences(reader, added, {
    visit: async (descriptor, parent) => {
      if (parent === null) return;
      if ((isForeignLayer(descriptor) || mayBeAbsent(descriptor, parent)) && !(await statBlob(paths, descriptor.digest))) return false;
      await checkBlob(paths, descriptor, parent);
    },
    onUnreadable: (descriptor, error) => {
      throw new BerthError('STORE_CORRUPT', `cannot commit: manifest ${descriptor.digest} is unreadable: ${(error as Error).message}`);
    },
  });
}

async function checkBlob(paths: StorePaths, descriptor: Descriptor, parent: Descriptor | null): Promise<void> {
  const size = await blobSizeOrFail(paths, descriptor, parent);
  if (size !== descriptor.size) throw sizeMismatch(descriptor, size, parent);
}

const whereOf = (parent: Descriptor | null) => (parent ? `referenced by ${parent.digest}` : 'named in the index');

async function blobSizeOrFail(paths: StorePaths, descriptor: Descriptor, parent: Descriptor | null): Promise<number> {
  const stats = await statBlob(paths, descriptor.digest);
  if (!stats) throw new BerthError('NOT_FOUND', `cannot commit: blob ${descriptor.digest} (${whereOf(parent)}) is not in the store`);
  return stats.size;
}

function sizeMismatch(descriptor: Descriptor, size: number, parent: Descriptor | null): BerthError {
  return new BerthError(
    'INVALID_ARGUMENT',
    `cannot commit: blob ${descriptor.digest} (${whereOf(parent)}) is ${size} bytes but its descriptor says ${descriptor.size}`,
  );
}
