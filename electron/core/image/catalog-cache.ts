// The catalog cache file: `<store>/ingest/cache/catalog-v1.json`, the facts listing needs (image-facts.ts) for
// every manifest and index the store's index.json reaches, so `berth images` on 5,000 distinct images reads one
// file instead of 10,000 blobs.
//
// Where: ingest/ is the store's one Berth-private folder (OCI tools ignore it; it is never part of an image), and
// gc only sweeps the files directly inside it, so the subfolder is left alone while temp files of writers that
// died (`ingest/catalog-<pid>-<random>.tmp`) are cleaned like any other. Not in blobs/: it is not content.
//
// Format: one JSON document whose fixed prefix carries the format name, the version and the sha256 of the exact
// bytes of the `entries` value: `{"format":"berth-catalog-cache","version":1,"sha256":"<hex>","entries":{…}}`.
// A reader checks the prefix and the checksum before parsing, then every entry's shape (checkFacts) before use.
// Anything wrong (absent, torn, hand-edited, older or newer version, not a regular file) reads as "no cache":
// it is never the source of truth, only a shortcut to facts the blobs hold, and the next writer replaces it.
//
// Safety: the folder must be a real folder reached through real folders (own-paths.ts; a writer repairs a link
// there by removing the link itself, as for Berth's other scratch folders) and the file is opened with
// O_NOFOLLOW | O_NONBLOCK and then checked to be a regular file, so a symlink is not followed and a FIFO planted
// in its place cannot block a listing. Writers need no lock: temp file, fsync, rename; concurrent writers each publish a whole file and the
// last rename wins. The directory is not fsynced: a rename lost in a crash leaves the previous (valid) cache.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ownDir, SAFE_READ_FLAGS } from '../store/own-paths.js';
import { ownedTempName } from '../store/paths.js';
import { checkFacts, type DocumentFacts } from './image-facts.js';

export const CATALOG_CACHE_FILE = 'catalog-v1.json';
const PREFIX = Buffer.from('{"format":"berth-catalog-cache","version":1,"sha256":"');
const MIDDLE = Buffer.from('","entries":');
const SUFFIX = Buffer.from('}');
const HEX_LENGTH = 64;
const BODY_START = PREFIX.length + HEX_LENGTH + MIDDLE.length;
/** Far above what 100,000 distinct images need; a bigger file is not ours. */
const MAX_BYTES = 256 * 1024 * 1024;

const CACHE_DIR = 'ingest/cache';

export function catalogCacheDir(storeRoot: string): string {
  return path.join(storeRoot, ...CACHE_DIR.split('/'));
}

export function catalogCachePath(storeRoot: string): string {
  return path.join(catalogCacheDir(storeRoot), CATALOG_CACHE_FILE);
}

export interface CacheRead {
  entries: Map<string, DocumentFacts>;
  /** Why nothing (or not everything) could be used; null for a sound file. */
  problem: string | null;
}

/** Never throws: whatever is wrong with the file, the answer is an empty cache and the reason. */
export async function readCatalogCache(storeRoot: string): Promise<CacheRead> {
  const entries = new Map<string, DocumentFacts>();
  let bytes: Buffer;
  try {
    bytes = await readSafely(storeRoot);
  } catch (err) {
    return { entries, problem: (err as Error).message };
  }
  const problem = framingProblem(bytes);
  if (problem) return { entries, problem };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8', BODY_START, bytes.length - SUFFIX.length));
  } catch (err) {
    return { entries, problem: `entries are not JSON: ${(err as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { entries, problem: 'entries is not an object' };
  let rejected = 0;
  for (const [digest, value] of Object.entries(parsed)) {
    const facts = digest.startsWith('sha256:') ? checkFacts(value) : null;
    if (facts) entries.set(digest, facts);
    else rejected++;
  }
  return { entries, problem: rejected > 0 ? `${rejected} entries have the wrong shape` : null };
}

async function readSafely(storeRoot: string): Promise<Buffer> {
  try {
    await ownDir(storeRoot, CACHE_DIR, { create: false });
  } catch (err) {
    throw new Error('the cache folder is not a real folder', { cause: err });
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(catalogCachePath(storeRoot), SAFE_READ_FLAGS);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new Error(code === 'ENOENT' ? 'absent' : code === 'ELOOP' ? 'the cache file is a symbolic link' : `unreadable (${code})`, { cause: err });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error('the cache file is not a regular file');
    if (stats.size > MAX_BYTES) throw new Error(`the cache file is ${stats.size} bytes, more than ${MAX_BYTES}`);
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function framingProblem(bytes: Buffer): string | null {
  if (bytes.length < BODY_START + SUFFIX.length) return 'too short';
  if (!bytes.subarray(0, PREFIX.length).equals(PREFIX)) return 'not a version 1 catalog cache';
  if (!bytes.subarray(PREFIX.length + HEX_LENGTH, BODY_START).equals(MIDDLE)) return 'malformed header';
  if (!bytes.subarray(bytes.length - SUFFIX.length).equals(SUFFIX)) return 'truncated';
  const recorded = bytes.toString('latin1', PREFIX.length, PREFIX.length + HEX_LENGTH);
  const actual = createHash('sha256').update(bytes.subarray(BODY_START, bytes.length - SUFFIX.length)).digest('hex');
  return recorded === actual ? null : 'checksum mismatch';
}

/** The file's bytes for `entries` (exported for tests that plant files). */
export function encodeCatalogCache(entries: ReadonlyMap<string, DocumentFacts>): Buffer {
  const body = Buffer.from(JSON.stringify(Object.fromEntries(entries)));
  const hex = createHash('sha256').update(body).digest('hex');
  return Buffer.concat([PREFIX, Buffer.from(hex, 'latin1'), MIDDLE, body, SUFFIX]);
}

/** Publishes `entries` as the whole cache. Throws on failure (the caller decides whether a cache matters). */
export async function writeCatalogCache(storeRoot: string, entries: ReadonlyMap<string, DocumentFacts>): Promise<void> {
  // Never write through a link planted where the folder belongs: that would put files outside the store.
  await ownDir(storeRoot, CACHE_DIR, { repair: true });
  const temp = path.join(storeRoot, 'ingest', ownedTempName('catalog-', '.tmp'));
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(encodeCatalogCache(entries));
    await handle.sync();
    await handle.close();
    await fs.rename(temp, catalogCachePath(storeRoot));
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw err;
  }
}
