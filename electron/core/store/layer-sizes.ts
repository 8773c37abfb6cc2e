// What each layer takes once unpacked (docker's layer size), measured when the layer is written and kept beside
// the store: it cannot be read back from the blob without decompressing and scanning it all. One small file,
// ingest/cache/layer-sizes.json, changed only under the store's write lock (with the index change that brings the
// layers in, and by gc when they go). It is derived data: a missing or damaged file loses sizes (the listing
// then shows the size as stored), never images.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isSha256Digest } from '../oci/digest.js';
import { fsyncDir } from './fs-util.js';
import { ParsedFileMemo } from './file-memo.js';
import { ownDir, readOwnFile } from './own-paths.js';
import { ownedTempName, type StorePaths } from './paths.js';

const FILE = 'layer-sizes.json';
const DIR = 'ingest/cache';
const MAX_BYTES = 64 * 1024 * 1024;

interface SizesFile {
  version: 1;
  sizes: Record<string, number>;
}

const fileOf = (paths: StorePaths) => path.join(paths.root, DIR, FILE);

/** digest -> unpacked bytes; empty when the file is absent or damaged. A fresh map the caller may change. */
export async function readLayerSizes(paths: StorePaths): Promise<Map<string, number>> {
  try {
    return parseSizes(await readOwnFile(fileOf(paths), MAX_BYTES));
  } catch {
    return new Map(); // absent, a link, a FIFO, a huge file: treated as lost, rewritten at the next change
  }
}

/** readLayerSizes for readers that only look: one map shared until the file changes (file-memo.ts). */
export function sharedLayerSizesReader(paths: StorePaths): () => Promise<ReadonlyMap<string, number>> {
  const memo = new ParsedFileMemo(fileOf(paths), MAX_BYTES, parseSizes);
  const none: ReadonlyMap<string, number> = new Map(); // one value for "absent", so readers can tell nothing changed
  return () => memo.read().catch(() => none);
}

function parseSizes(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  try {
    const value = JSON.parse(text) as Partial<SizesFile>;
    if (value.version !== 1 || !value.sizes || typeof value.sizes !== 'object') return sizes;
    for (const [digest, size] of Object.entries(value.sizes)) {
      if (isSha256Digest(digest) && Number.isSafeInteger(size) && size >= 0) sizes.set(digest, size);
    }
  } catch {
    // damaged: no sizes, as if absent
  }
  return sizes;
}

/**
 * Rewrites the file with `update` applied: call only under the write lock. Written to a temp file, fsynced and
 * renamed, so a reader sees the old or the new file.
 */
export async function changeLayerSizes(paths: StorePaths, update: (sizes: Map<string, number>) => boolean): Promise<void> {
  const sizes = await readLayerSizes(paths);
  if (!update(sizes)) return;
  const dir = await ownDir(paths.root, DIR, { repair: true });
  // The temp file sits in ingest/ itself, named by our pid: gc sweeps it there if this process dies before the rename.
  const temp = path.join(paths.ingest, ownedTempName('layer-sizes-', '.tmp'));
  const body: SizesFile = { version: 1, sizes: Object.fromEntries(sizes) };
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(JSON.stringify(body));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, fileOf(paths));
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}
