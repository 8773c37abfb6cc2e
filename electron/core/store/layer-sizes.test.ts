// Layer sizes: recorded with the commit that brings a layer in, dropped by the gc that deletes it, and only ever
// derived data — a damaged file loses sizes, never images.
import { mkdtemp, rm, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import { setTag, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

let dir: string;
let store: ImageStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-sizes-'));
  store = await openStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function imageWithMeasuredLayer(name: string, unpacked: number) {
  const session = await store.beginWrite();
  const manifest = await writeTestImage(session);
  const layer = (await store.readBlobJson<{ layers: Array<{ digest: string }> }>(manifest.digest)).layers[0]!.digest;
  session.noteLayerSize(layer, unpacked);
  await session.commit((index) => setTag(index, `docker.io/library/${name}:1`, manifest));
  return layer;
}

describe('layer sizes', () => {
  it('are kept with the commit and dropped by the gc that deletes their layer', async () => {
    const a = await imageWithMeasuredLayer('a', 123_456);
    const b = await imageWithMeasuredLayer('b', 7);
    expect(await store.layerSizes()).toEqual(new Map([[a, 123_456], [b, 7]]));
    await store.updateIndex((index) => {
      index.manifests = index.manifests.filter((e) => !e.annotations?.['org.opencontainers.image.ref.name']?.endsWith('/a:1'));
    });
    await store.gc();
    expect(await store.layerSizes()).toEqual(new Map([[b, 7]]));
  });

  it('are not kept when the session aborts', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    session.noteLayerSize(manifest.digest, 5);
    await session.abort();
    expect(await store.layerSizes()).toEqual(new Map());
  });

  it('a damaged, foreign or linked file loses sizes, not images, and the next commit writes a good one', async () => {
    await imageWithMeasuredLayer('a', 1);
    const file = path.join(dir, 'ingest', 'cache', 'layer-sizes.json');
    for (const junk of ['{nope', JSON.stringify({ version: 9, sizes: {} }), JSON.stringify({ version: 1, sizes: { 'sha256:xyz': 1, [`sha256:${'a'.repeat(64)}`]: -5 } })]) {
      await writeFile(file, junk);
      expect(await store.layerSizes()).toEqual(new Map());
    }
    await rm(file);
    await writeFile(path.join(dir, 'outside.json'), JSON.stringify({ version: 1, sizes: { [`sha256:${'b'.repeat(64)}`]: 9 } }));
    await symlink(path.join(dir, 'outside.json'), file);
    expect(await store.layerSizes()).toEqual(new Map());
    const c = await imageWithMeasuredLayer('c', 42);
    expect(await store.layerSizes()).toEqual(new Map([[c, 42]]));
    expect((await store.readIndex()).manifests).toHaveLength(2);
  });
});
