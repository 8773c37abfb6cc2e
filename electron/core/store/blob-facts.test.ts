// The store's records of where blobs live in registries and of the gzip twins a push made: kept while the layer
// is, forgotten (and the twin deleted) by the gc that deletes the layer; a damaged file reads as empty.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { openStore } from './store.js';
import { setTag, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-facts-'));
  store = await openStore(path.join(root, 'store'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** A tagged image and a gzip twin of its layer, recorded as a push records it (while the session leases the twin). */
async function imageWithTwin() {
  const session = await store.beginWrite();
  const manifest = await writeTestImage(session);
  const layer = (await store.readBlobJson<{ layers: Array<{ digest: string }> }>(manifest.digest)).layers[0]!.digest;
  const twin = await session.writeBlobBytes('pretend these are gzip bytes');
  await store.recordBlobFacts({
    sources: [[layer, 'r.example/team/app'], [twin.digest, 'r.example/team/app']],
    compressed: [[layer, { mediaType: MEDIA_TYPES.ociLayerGzip, ...twin }]],
  });
  await session.commit((index) => setTag(index, 'r.example/team/app:1', manifest));
  return { manifest, layer, twin };
}

describe('blob facts', () => {
  it('gc keeps a referenced layer\'s twin (fsck calls it no orphan), then drops both and their entries with the layer', async () => {
    const { layer, twin } = await imageWithTwin();
    expect((await store.gc()).deleted).toEqual([]);
    expect(await store.hasBlob(twin.digest)).toBe(true);
    expect((await store.fsck()).problems).toEqual([]);
    expect((await store.blobSources()).get(layer)).toEqual(['r.example/team/app']);

    await store.updateIndex((index) => {
      index.manifests = [];
    });
    const report = await store.gc();
    expect(report.deleted).toContain(twin.digest);
    expect(report.deleted).toContain(layer);
    expect(await store.compressedLayers()).toEqual(new Map());
    expect(await store.blobSources()).toEqual(new Map());
  });

  it('newest source first, each name once, at most eight', async () => {
    const { layer } = await imageWithTwin();
    for (let i = 0; i < 10; i++) await store.recordBlobFacts({ sources: [[layer, `r.example/n${i}`]] });
    await store.recordBlobFacts({ sources: [[layer, 'r.example/n5']] });
    const names = (await store.blobSources()).get(layer)!;
    expect(names[0]).toBe('r.example/n5');
    expect(names).toHaveLength(8);
    expect(new Set(names).size).toBe(8);
  });

  it('a damaged record reads as empty and is rewritten at the next change', async () => {
    const { layer } = await imageWithTwin();
    await fs.writeFile(path.join(root, 'store', 'ingest', 'cache', 'blob-sources.json'), '{not json');
    expect(await store.blobSources()).toEqual(new Map());
    await store.recordBlobFacts({ sources: [[layer, 'r.example/again']] });
    expect((await store.blobSources()).get(layer)).toEqual(['r.example/again']);
  });
});
