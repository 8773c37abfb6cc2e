// The cache file in a hostile store: a symlink or a FIFO where the file belongs, a symlink where its folder
// belongs. None is followed or blocks a listing; the next write replaces a planted file with a real one.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { Catalog } from './catalog.js';
import { catalogCacheDir, catalogCachePath, encodeCatalogCache, readCatalogCache } from './catalog-cache.js';
import type { DocumentFacts } from './image-facts.js';
import { tag, writeImage } from './test-support/images.js';

let dir: string;
let root: string;
let store: ImageStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'berth-catalog-cache-'));
  root = path.join(dir, 'store');
  store = await openStore(root);
  await tag(store, 'docker.io/library/one:1', await writeImage(store, { labels: { real: 'yes' } }));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Fails instead of hanging when something blocks (a FIFO opened without O_NONBLOCK never returns). */
function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`blocked for more than ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function listLabels(): Promise<Array<Record<string, string> | null>> {
  const catalog = new Catalog(store);
  const { records } = await withinSeconds(10, catalog.load());
  await withinSeconds(10, catalog.flush());
  return records.map((r) => r.labels);
}

/** A sound cache file claiming other labels: used only if the reader follows the planted link. */
async function liarCache(): Promise<Buffer> {
  await listLabels();
  const entries = new Map((await readCatalogCache(root)).entries);
  for (const [digest, facts] of entries) if (facts.kind === 'manifest') entries.set(digest, { ...facts, labels: { real: 'no' } } as DocumentFacts);
  return encodeCatalogCache(entries);
}

describe('a planted cache file', () => {
  it('a symlink to a file elsewhere is not followed, and gets replaced by a real file', async () => {
    const elsewhere = path.join(dir, 'elsewhere.json');
    await fs.writeFile(elsewhere, await liarCache());
    await fs.rm(catalogCachePath(root));
    await fs.symlink(elsewhere, catalogCachePath(root));
    expect((await readCatalogCache(root)).problem).toBe('the cache file is a symbolic link');
    expect(await listLabels()).toEqual([{ real: 'yes' }]);
    expect((await fs.lstat(catalogCachePath(root))).isFile()).toBe(true);
    expect((await fs.readFile(elsewhere)).toString()).toContain('"real":"no"'); // untouched
  });

  it('a FIFO neither blocks the listing nor stays', async () => {
    await fs.mkdir(catalogCacheDir(root), { recursive: true });
    const made = spawnSync('mkfifo', [catalogCachePath(root)]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    expect((await withinSeconds(10, readCatalogCache(root))).problem).toBe('the cache file is not a regular file');
    expect(await listLabels()).toEqual([{ real: 'yes' }]);
    expect((await fs.lstat(catalogCachePath(root))).isFile()).toBe(true);
  });

  it('a directory in its place is left alone', async () => {
    await fs.mkdir(catalogCachePath(root), { recursive: true });
    expect((await readCatalogCache(root)).problem).toBe('the cache file is not a regular file');
    expect(await listLabels()).toEqual([{ real: 'yes' }]);
    expect((await fs.lstat(catalogCachePath(root))).isDirectory()).toBe(true);
  });

  it('a symlinked cache folder is neither read nor written through: the link itself is replaced', async () => {
    const outside = path.join(dir, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, path.basename(catalogCachePath(root))), await liarCache());
    await fs.rm(catalogCacheDir(root), { recursive: true });
    await fs.symlink(outside, catalogCacheDir(root));
    expect((await readCatalogCache(root)).problem).toBe('the cache folder is not a real folder');
    const before = await fs.readFile(path.join(outside, path.basename(catalogCachePath(root))));
    expect(await listLabels()).toEqual([{ real: 'yes' }]);
    expect(await fs.readdir(outside)).toEqual([path.basename(catalogCachePath(root))]);
    expect(await fs.readFile(path.join(outside, path.basename(catalogCachePath(root))))).toEqual(before);
    expect((await fs.lstat(catalogCacheDir(root))).isDirectory()).toBe(true);
    expect((await readCatalogCache(root)).problem).toBeNull();
  });

  it('leaves no temp file behind, and none inside blobs/', async () => {
    await listLabels();
    const ingest = await fs.readdir(path.join(root, 'ingest'));
    expect(ingest.filter((n) => n.startsWith('catalog-'))).toEqual([]);
    const blobs = await fs.readdir(path.join(root, 'blobs', 'sha256'));
    expect(blobs.every((n) => /^[a-f0-9]{64}$/.test(n))).toBe(true);
    expect((await store.fsck()).ok).toBe(true);
  });
});
