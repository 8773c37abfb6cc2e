// A small derived-data file beside the store (ingest/cache/<name>.json: `{version: 1, entries: {digest: value}}`),
// changed only under the store's write lock, written to a temp file, fsynced and renamed, so a reader sees the old
// or the new file and a crash loses at most the change being made. Losing the file loses hints (where a blob is
// known, which compressed twin a layer has), never images: a missing or damaged file reads as empty. layer-sizes.ts
// predates this and keeps its own format.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isSha256Digest } from '../oci/digest.js';
import { fsyncDir } from './fs-util.js';
import { ownDir, readOwnFile } from './own-paths.js';
import { ownedTempName, type StorePaths } from './paths.js';

const DIR = 'ingest/cache';
const MAX_BYTES = 64 * 1024 * 1024;

export interface CacheRecord<V> {
  /** digest -> value; empty when the file is absent or damaged. A fresh map the caller may change. */
  read(paths: StorePaths): Promise<Map<string, V>>;
  /** Rewrites the file with `update` applied (when it says it changed something): only under the write lock. */
  change(paths: StorePaths, update: (entries: Map<string, V>) => boolean): Promise<void>;
}

export function cacheRecord<V>(name: string, isValue: (value: unknown) => value is V): CacheRecord<V> {
  const fileOf = (paths: StorePaths) => path.join(paths.root, DIR, `${name}.json`);

  async function read(paths: StorePaths): Promise<Map<string, V>> {
    const entries = new Map<string, V>();
    try {
      const doc = JSON.parse(await readOwnFile(fileOf(paths), MAX_BYTES)) as { version?: unknown; entries?: unknown };
      if (doc.version !== 1 || !doc.entries || typeof doc.entries !== 'object') return entries;
      for (const [digest, value] of Object.entries(doc.entries)) if (isSha256Digest(digest) && isValue(value)) entries.set(digest, value);
    } catch {
      // absent, damaged, a link or a FIFO: treated as empty and rewritten at the next change
    }
    return entries;
  }

  async function change(paths: StorePaths, update: (entries: Map<string, V>) => boolean): Promise<void> {
    const entries = await read(paths);
    if (!update(entries)) return;
    const dir = await ownDir(paths.root, DIR, { repair: true });
    // In ingest/ itself, named by our pid: gc sweeps it there if this process dies before the rename.
    const temp = path.join(paths.ingest, ownedTempName(`${name}-`, '.tmp'));
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ version: 1, entries: Object.fromEntries(entries) }));
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

  return { read, change };
}
