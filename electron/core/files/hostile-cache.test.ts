// The layer index cache against what a hostile or broken store puts at an index's path: never believed, never
// blocking, never in the way of the index being built.
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { LAYER_FILES_DIR } from './index-cache.js';
import { decodeLayerIndex, encodeLayerIndex } from './index-format.js';
import { exportTar } from './export-tar.js';
import { planExport } from './export-plan.js';
import { imageFilesOf } from './image-files.js';
import { writeLayeredImage } from './test-support/layered-image.js';

let dir: string;
let store: ImageStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-cache-'));
  store = await openStore(path.join(dir, 'store'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

async function open() {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, 'example.com/cache:1').records[0]!);
}

describe('what sits at an index path', () => {
  for (const [what, plant] of [
    ['a folder', (at: string) => fs.mkdir(path.join(at, 'inner'), { recursive: true })],
    ['a FIFO', async (at: string) => void execFileSync('mkfifo', [at])],
    ['a symlink to a file outside the store', (at: string) => fs.symlink('/etc/hostname', at)],
  ] as const) {
    it(`${what}: read as absent, the index built and cached in its place`, async () => {
      await writeLayeredImage(store, [[{ path: 'etc/hosts', content: 'h\n' }]], { tag: 'example.com/cache:1' });
      const first = await open();
      const file = path.join(store.root, LAYER_FILES_DIR, first.layers[0]!.diffId.slice(7));
      await fs.rm(file);
      await plant(file);
      // A new store object: no merged tree kept in memory, so the cache is read again.
      store = await openStore(store.root);
      const files = await open();
      expect(files.resolve('/etc/hosts')?.entry.kind).toBe('file');
      expect((await fs.lstat(file)).isFile()).toBe(true);
    });
  }
});

describe('a planted index whose data offsets lie', () => {
  it('fails the read (STORE_CORRUPT), then is dropped: the next open builds the index from the layer again', async () => {
    await writeLayeredImage(store, [[{ path: 'etc/hosts', content: 'hosts\n' }]], { tag: 'example.com/cache:1' });
    const first = await open();
    const file = path.join(store.root, LAYER_FILES_DIR, first.layers[0]!.diffId.slice(7));
    const index = decodeLayerIndex(await fs.readFile(file), first.layers[0]!.diffId)!;
    index.entries = index.entries.map((entry) => (entry.kind === 'file' ? { ...entry, dataOffset: 1e9 } : entry));
    await fs.writeFile(file, encodeLayerIndex(index));
    store = await openStore(store.root);
    const forged = await open();
    await expect(forged.readFile('/etc/hosts', 1000)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    const again = await open();
    expect((await again.readFile('/etc/hosts', 1000))?.toString()).toBe('hosts\n');
  });

  it('an export that finds the layer shorter than its index drops the index too', async () => {
    await writeLayeredImage(store, [[{ path: 'etc/hosts', content: 'hosts\n' }]], { tag: 'example.com/cache:1' });
    const first = await open();
    const file = path.join(store.root, LAYER_FILES_DIR, first.layers[0]!.diffId.slice(7));
    const index = decodeLayerIndex(await fs.readFile(file), first.layers[0]!.diffId)!;
    index.entries = index.entries.map((entry) => (entry.kind === 'file' ? { ...entry, dataOffset: 1e9 } : entry));
    await fs.writeFile(file, encodeLayerIndex(index));
    store = await openStore(store.root);
    const forged = await open();
    const plan = planExport(forged, '/etc', { follow: false });
    const drain = async () => {
      for await (const chunk of exportTar(store, forged, plan)) void chunk;
    };
    const failure = await drain().catch(async (err: unknown) => {
      await forged.distrustIndexes(err);
      return err;
    });
    expect(failure).toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await (await open()).readFile('/etc/hosts', 1000))?.toString()).toBe('hosts\n');
  });
});
