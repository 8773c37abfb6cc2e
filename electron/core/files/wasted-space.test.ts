// Wasted space and dive's efficiency on images written into a real store, every figure worked out by hand from the
// layers (dive's rules: dive-efficiency.ts).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import type { RootfsEntry } from '../testing/tarball.mjs';
import { imageFilesOf } from './image-files.js';
import { writeLayeredImage } from './test-support/layered-image.js';
import { imageWaste } from './wasted-space.js';

let dir: string;
let store: ImageStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-waste-'));
  store = await openStore(path.join(dir, 'store'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const bytes = (n: number) => Buffer.alloc(n, 1);

async function wasteOf(layers: RootfsEntry[][]) {
  await writeLayeredImage(store, layers);
  const catalog = new Catalog(store, { persist: false });
  const record = resolveImage((await catalog.load()).records, 'example.com/layered:latest').records[0]!;
  const files = await imageFilesOf({ store, catalog }, record);
  return imageWaste(record.id, files.indexes, files.merged);
}

describe('wasted space', () => {
  it('counts a 1 MiB file a later layer overwrites', async () => {
    const waste = await wasteOf([
      [{ path: 'etc/', type: 'directory' }, { path: 'etc/big', content: bytes(MiB) }, { path: 'etc/keep', content: bytes(100) }],
      [{ path: 'etc/', type: 'directory' }, { path: 'etc/big', content: bytes(2000) }],
    ]);
    expect(waste).toMatchObject({ wastedBytes: MiB, wastedPaths: 1, layerBytes: MiB + 100 + 2000 });
    expect(waste.offenders).toEqual([
      { path: '/etc/big', kind: 'file', wastedBytes: MiB, removed: false, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'overwritten' }] },
    ]);
    // dive: /etc/big occurs twice (1 MiB, then 2000), /etc/keep once; /etc is no leaf in either layer.
    expect(waste.efficiency).toBeCloseTo((2000 + 100) / (MiB + 2000 + 100), 12);
    expect(waste.diveWastedBytes).toBe(MiB + 2000);
  });

  it('counts a removed folder of three files as the bytes removed; dive does not count the removal as waste', async () => {
    const waste = await wasteOf([
      [{ path: 'd/', type: 'directory' }, { path: 'd/a', content: bytes(100) }, { path: 'd/b', content: bytes(200) }, { path: 'd/c', content: bytes(300) }, { path: 'keep', content: bytes(10) }],
      [{ path: '.wh.d', content: '' }],
    ]);
    expect(waste).toMatchObject({ wastedBytes: 600, wastedPaths: 1, layerBytes: 610 });
    expect(waste.offenders).toEqual([
      { path: '/d', kind: 'dir', wastedBytes: 600, removed: true, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'removed' }] },
    ]);
    // dive: the whiteout is an occurrence of /d sized 600 (the folder below), /d's only one: nothing duplicated.
    expect(waste.efficiency).toBe(1);
    expect(waste.diveWastedBytes).toBe(0);
  });

  it('counts a removed file; dive sizes the whiteout of a file 0', async () => {
    const waste = await wasteOf([
      [{ path: 'f', content: bytes(1000) }, { path: 'g', content: bytes(1000) }],
      [{ path: '.wh.f', content: '' }],
    ]);
    expect(waste).toMatchObject({ wastedBytes: 1000, wastedPaths: 1 });
    expect(waste.offenders[0]).toMatchObject({ path: '/f', kind: 'file', removed: true, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'removed' }] });
    // /f: 1000 then 0 (min 0); /g: 1000. (0 + 1000) / (1000 + 1000).
    expect(waste.efficiency).toBe(0.5);
    expect(waste.diveWastedBytes).toBe(1000);
  });

  it('counts what an opaque folder hides from the layers below; dive skips opaque markers', async () => {
    const waste = await wasteOf([
      [{ path: 'o/', type: 'directory' }, { path: 'o/x', content: bytes(400) }, { path: 'o/y', content: bytes(500) }],
      [{ path: 'o/', type: 'directory' }, { path: 'o/.wh..wh..opq', content: '' }, { path: 'o/z', content: bytes(50) }],
    ]);
    expect(waste).toMatchObject({ wastedBytes: 900, wastedPaths: 2, layerBytes: 950 });
    expect(waste.offenders).toEqual([
      { path: '/o/y', kind: 'file', wastedBytes: 500, removed: true, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'removed' }] },
      { path: '/o/x', kind: 'file', wastedBytes: 400, removed: true, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'removed' }] },
    ]);
    expect(waste.efficiency).toBe(1);
    expect(waste.diveWastedBytes).toBe(0);
  });

  it('does not count a file written twice in one layer; dive keeps its last entry', async () => {
    const waste = await wasteOf([[{ path: 'f', content: bytes(300) }, { path: 'f', content: bytes(700) }, { path: 'g', content: bytes(1000) }]]);
    expect(waste).toMatchObject({ wastedBytes: 0, wastedPaths: 0, offenders: [], layerBytes: 2000, efficiency: 1, diveWastedBytes: 0 });
  });

  it('adds up a path overwritten in several layers, naming each', async () => {
    const waste = await wasteOf([
      [{ path: 'app/bin', content: bytes(3000) }],
      [{ path: 'app/bin', content: bytes(2000) }, { path: 'tmp/', type: 'directory' }],
      [{ path: 'app/bin', content: bytes(1000) }, { path: 'tmp/', type: 'directory' }],
    ]);
    expect(waste).toMatchObject({ wastedBytes: 5000, wastedPaths: 1 });
    expect(waste.offenders[0]!.layers).toEqual([{ layer: 0, action: 'written' }, { layer: 1, action: 'overwritten' }, { layer: 2, action: 'overwritten' }]);
    // dive: /app/bin 3000+2000+1000 (min 1000); the empty folder /tmp is a leaf twice, size 0 (counted, costs nothing).
    expect(waste.efficiency).toBeCloseTo(1000 / 6000, 12);
    expect(waste.diveWastedBytes).toBe(6000);
  });

  it('names every layer that wrote below a removed folder', async () => {
    const waste = await wasteOf([
      [{ path: 'cache/a', content: bytes(10) }],
      [{ path: 'cache/sub/b', content: bytes(20) }, { path: 'other', content: bytes(5) }],
      [{ path: '.wh.cache', content: '' }],
    ]);
    expect(waste.offenders).toEqual([
      { path: '/cache', kind: 'dir', wastedBytes: 30, removed: true, layers: [{ layer: 0, action: 'written' }, { layer: 1, action: 'written' }, { layer: 2, action: 'removed' }] },
    ]);
    // dive: /cache was only ever a made-up parent (no entry of its own), so not a folder to dive: its whiteout sizes 0.
    expect(waste.efficiency).toBe(1);
  });

  it('has no waste for a single layer and an efficiency of 1 for an image without bytes', async () => {
    const waste = await wasteOf([[{ path: 'etc/', type: 'directory' }, { path: 'etc/empty', content: '' }]]);
    expect(waste).toMatchObject({ wastedBytes: 0, offenders: [], layerBytes: 0, efficiency: 1, diveWastedBytes: 0 });
  });
});
