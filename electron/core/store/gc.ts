// Garbage collection: mark from index.json and live leases, sweep blobs/sha256, clean stale ingest files.
// Runs under the write lock, so no index change happens meanwhile. Blobs are first moved aside and the leases
// re-read: a session that leased a blob in the meantime gets it back (it leases before it looks).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { listBlobDir } from './blob-list.js';
import { changeLayerSizes } from './layer-sizes.js';
import { dropBlobSources } from './blob-sources.js';
import { dropCompressedLayers, readCompressedLayers } from './compressed-layers.js';
import { errorCode, fsyncDir, isNotFound } from './fs-util.js';
import { INDEX_TEMP_PREFIX, readIndexFile } from './index-file.js';
import { liveLeasedDigests, removeDeadLeases } from './leases.js';
import { withWriteLock, type LockOptions } from './lock.js';
import { isPidAlive } from './owner.js';
import { ownedTempName, pidOfTempName, STORE_DIRS, type StorePaths } from './paths.js';
import { listOwnDir, ownDir } from './own-paths.js';
import { cleanPartials } from './partial.js';
import { dropLayerIndexes } from '../files/index-cache.js';
import { SHA256_HEX } from '../oci/digest.js';
import type { GcOptions, GcReport } from './types.js';
import { walkReferences, type WalkReader } from './walk.js';

const STALE_INGEST_MS = 24 * 3600 * 1000;

export async function collectGarbage(paths: StorePaths, reader: WalkReader, lockOptions: LockOptions, options: GcOptions = {}): Promise<GcReport> {
  return withWriteLock(
    paths.lock,
    async () => {
      const trash = paths.trash;
      await restoreTrash(paths);
      const marked = await markFromIndex(paths, reader);
      const leased = await liveLeasedDigests(paths);
      // A layer's gzip twin (made by a push) lives as long as the layer does.
      for (const [digest, twin] of await readCompressedLayers(paths)) if (marked.has(digest) || leased.has(digest)) marked.add(twin.digest);
      const candidates: Array<{ hex: string; size: number }> = [];
      for (const entry of await listBlobDir(paths)) {
        if (entry.kind !== 'blob') continue; // fsck reports the others; gc never guesses
        if (options.only && !options.only.has(entry.digest)) continue;
        if (marked.has(entry.digest) || leased.has(entry.digest)) continue;
        candidates.push({ hex: entry.name, size: entry.size });
      }
      const report: GcReport = { deleted: [], bytes: 0 };
      if (candidates.length > 0) {
        await ownDir(paths.root, STORE_DIRS.trash, { repair: true });
        const moved: Array<{ hex: string; size: number; aside: string }> = [];
        for (const c of candidates) {
          const aside = path.join(trash, ownedTempName('', `.${c.hex}`));
          try {
            await fs.rename(path.join(paths.sha256, c.hex), aside);
            moved.push({ ...c, aside });
          } catch (err) {
            if (!isNotFound(err)) throw err;
          }
        }
        const leasedNow = await liveLeasedDigests(paths);
        for (const m of moved) {
          if (leasedNow.has(`sha256:${m.hex}`)) await putBack(m.aside, path.join(paths.sha256, m.hex));
          else {
            await fs.rm(m.aside, { force: true });
            report.deleted.push(`sha256:${m.hex}`);
            report.bytes += m.size;
          }
        }
        await fsyncDir(paths.sha256);
      }
      if (report.deleted.length > 0) {
        const gone = new Set(report.deleted);
        await changeLayerSizes(paths, (sizes) => [...sizes.keys()].filter((d) => gone.has(d)).map((d) => sizes.delete(d)).length > 0);
        await dropBlobSources(paths, gone);
        await dropCompressedLayers(paths, gone);
      }
      // A layer's file index goes with the blob it was read from (and any index whose blob is already gone).
      await dropLayerIndexes(paths, async (digest) => (await fs.lstat(path.join(paths.sha256, digest.slice('sha256:'.length))).catch(() => null))?.isFile() ?? false);
      report.bytes += await cleanStaleIngest(paths);
      return report;
    },
    lockOptions,
  );
}

async function markFromIndex(paths: StorePaths, reader: WalkReader): Promise<Set<string>> {
  const index = await readIndexFile(paths);
  const reached = await walkReferences(reader, index.manifests, {
    onUnreadable: (descriptor, error) => {
      // A missing manifest has no children we could know about; anything else could hide live blobs.
      if (error instanceof BerthError && error.code === 'NOT_FOUND') return;
      throw new BerthError('STORE_CORRUPT', `gc stopped: manifest ${descriptor.digest} is unreadable (${(error as Error).message}); run fsck`);
    },
  });
  return new Set(reached.keys());
}

/** Blobs a killed gc had moved aside go back to blobs/ and are judged again. */
async function restoreTrash(paths: StorePaths): Promise<void> {
  const trash = paths.trash;
  for (const name of await listOwnDir(paths.root, STORE_DIRS.trash, { repair: true })) {
    const hex = name.slice(name.lastIndexOf('.') + 1);
    if (SHA256_HEX.test(hex)) await putBack(path.join(trash, name), path.join(paths.sha256, hex));
    else await fs.rm(path.join(trash, name), { force: true, recursive: true });
  }
}

async function putBack(aside: string, target: string): Promise<void> {
  await fs.link(aside, target).catch((err: unknown) => {
    if (errorCode(err) !== 'EEXIST') return fs.rename(aside, target);
  });
  await fs.rm(aside, { force: true });
}

/** Ingest, lease and index temp files of dead processes or older than a day; stale partial downloads. */
async function cleanStaleIngest(paths: StorePaths): Promise<number> {
  let bytes = 0;
  const sweep = async (relative: string, keep: (name: string) => boolean) => {
    const dir = path.join(paths.root, relative);
    const entries = relative === '' ? await fs.readdir(dir) : await listOwnDir(paths.root, relative, { repair: true });
    for (const name of entries) {
      if (keep(name)) continue;
      const file = path.join(dir, name);
      const stats = await fs.lstat(file).catch(() => null);
      if (!stats || stats.isDirectory()) continue;
      const pid = pidOfTempName(name);
      const dead = pid !== null && !isPidAlive(pid);
      if (dead || Date.now() - stats.mtimeMs > STALE_INGEST_MS) {
        await fs.rm(file, { force: true });
        bytes += stats.size;
      }
    }
  };
  await sweep(STORE_DIRS.ingest, (name) => name === path.basename(paths.lock));
  await sweep(STORE_DIRS.leases, (name) => !name.startsWith('.')); // lease files themselves: removeDeadLeases
  await listOwnDir(paths.root, STORE_DIRS.partial, { repair: true });
  bytes += await cleanPartials(paths);
  // What is left there: temp files of the partials' locks (a dead writer's go).
  await sweep(STORE_DIRS.partial, (name) => /^[a-f0-9]{64}(?:\.lock)?$/.test(name));
  await sweep('', (name) => !name.startsWith(INDEX_TEMP_PREFIX));
  await removeDeadLeases(paths);
  return bytes;
}
