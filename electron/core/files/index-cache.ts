// Where layer indexes live: ingest/cache/layer-files/<diff ID hex>, derived data like layer-sizes.json. Keyed by
// the diff ID (the uncompressed content), so a layer pulled gzip and loaded plain shares one index. Written to a
// pid-named temp file in ingest/ (gc sweeps it if we die) and renamed into place: a reader sees a whole index or
// none. Read with O_NOFOLLOW|O_NONBLOCK and checked on the open descriptor, then checked again by its own digest
// (index-format.ts): anything wrong reads as absent and is rebuilt. gc drops the index of a layer it deletes.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { isSha256Digest } from '../oci/digest.js';
import { isNotFound } from '../store/fs-util.js';
import { listOwnDir, ownDir, SAFE_READ_FLAGS } from '../store/own-paths.js';
import { ownedTempName, type StorePaths } from '../store/paths.js';
import { blobOfIndexHead, decodeLayerIndex, encodeLayerIndex, INDEX_HEAD_BYTES, type LayerIndex } from './index-format.js';

export const LAYER_FILES_DIR = 'ingest/cache/layer-files';
const MAX_INDEX_BYTES = 1024 * 1024 * 1024;
const NAME = /^[a-f0-9]{64}$/;

const fileOf = (paths: StorePaths, diffId: string) => path.join(paths.root, LAYER_FILES_DIR, diffId.slice('sha256:'.length));

/** The cached index of `diffId`, or null when there is none or it cannot be believed. */
export async function readLayerIndex(paths: StorePaths, diffId: string): Promise<LayerIndex | null> {
  if (!isSha256Digest(diffId)) return null;
  let handle: fs.FileHandle;
  try {
    await ownDir(paths.root, LAYER_FILES_DIR, { repair: true });
    handle = await fs.open(fileOf(paths, diffId), SAFE_READ_FLAGS);
  } catch (err) {
    if (isNotFound(err) || ['ELOOP', 'EMLINK', 'ENXIO'].includes((err as NodeJS.ErrnoException).code ?? '')) return null;
    throw err;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > MAX_INDEX_BYTES) return null;
    const bytes = Buffer.allocUnsafe(stats.size);
    const { bytesRead } = await handle.read(bytes, 0, stats.size, 0);
    return bytesRead === stats.size ? decodeLayerIndex(bytes, diffId) : null;
  } finally {
    await handle.close();
  }
}

export async function writeLayerIndex(paths: StorePaths, index: LayerIndex): Promise<void> {
  const dir = await ownDir(paths.root, LAYER_FILES_DIR, { repair: true });
  const temp = path.join(paths.ingest, ownedTempName('layer-files-', '.tmp'));
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  try {
    await handle.writeFile(encodeLayerIndex(index));
  } finally {
    await handle.close();
  }
  // No fsync: a crash may lose the index (it is rebuilt) but never leaves a torn one (its digest would not match).
  const file = path.join(dir, index.diffId.slice('sha256:'.length));
  try {
    await fs.rename(temp, file).catch(async (err: unknown) => {
      // A folder where the index goes (nothing of ours makes one there) would refuse every rename for ever: it is
      // cleared away, as gc clears whatever in the folder is not an index, and the rename tried once more.
      if (!['EISDIR', 'ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
      await fs.rm(file, { recursive: true, force: true });
      await fs.rename(temp, file);
    });
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Removes the cached index of `diffId` (one its layer proved wrong), so the next use builds it again. */
export async function dropLayerIndex(paths: StorePaths, diffId: string): Promise<void> {
  if (isSha256Digest(diffId)) await fs.rm(fileOf(paths, diffId), { force: true, recursive: true });
}

/** Removes the indexes read from blobs that are gone (after gc), and whatever in the folder is not an index. */
export async function dropLayerIndexes(paths: StorePaths, blobPresent: (digest: string) => Promise<boolean>): Promise<number> {
  let removed = 0;
  for (const name of await listOwnDir(paths.root, LAYER_FILES_DIR, { repair: true })) {
    const file = path.join(paths.root, LAYER_FILES_DIR, name);
    const blob = NAME.test(name) ? await blobOfFile(file) : null;
    if (blob !== null && (await blobPresent(blob))) continue;
    await fs.rm(file, { force: true, recursive: true });
    removed++;
  }
  return removed;
}

async function blobOfFile(file: string): Promise<string | null> {
  const handle = await fs.open(file, SAFE_READ_FLAGS).catch(() => null);
  if (!handle) return null;
  try {
    if (!(await handle.stat()).isFile()) return null;
    const head = Buffer.alloc(INDEX_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, INDEX_HEAD_BYTES, 0);
    return blobOfIndexHead(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
