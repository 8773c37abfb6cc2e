// commit: what an index change may name. Every blob it points at must exist with exactly the stated size.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { openStore } from './store.js';
import { setTag, tagNames, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-commit-'));
  store = await openStore(path.join(root, 'store'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const indexText = () => fs.readFile(path.join(store.root, 'index.json'), 'utf8');

describe('commit refuses a descriptor whose size does not match the blob', () => {
  it('at the top level (the tagged manifest), leaving index.json untouched', async () => {
    const session = await store.beginWrite();
    const manifest = await session.writeBlobBytes(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, layers: [] }));
    const before = await indexText();
    for (const size of [manifest.size + 1, manifest.size - 1]) {
      const error = await store
        .updateIndex((index) => setTag(index, 'example.test/size:1', { mediaType: MEDIA_TYPES.ociManifest, digest: manifest.digest, size }))
        .catch((err: unknown) => err);
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: `cannot commit: blob ${manifest.digest} (named in the index) is ${manifest.size} bytes but its descriptor says ${size}`,
      });
      expect(await indexText()).toBe(before);
    }
    // The right size goes through.
    await session.commit((index) => setTag(index, 'example.test/size:1', { mediaType: MEDIA_TYPES.ociManifest, ...manifest }));
    expect(tagNames(await store.readIndex())).toEqual(['example.test/size:1']);
  });

  it('below it (a layer the manifest names with the wrong size), leaving index.json untouched', async () => {
    const session = await store.beginWrite();
    const layer = await session.writeBlobBytes('layer bytes');
    const config = await session.writeBlobBytes('{}');
    const manifest = await session.writeBlobBytes(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: { mediaType: MEDIA_TYPES.ociConfig, ...config },
        layers: [{ mediaType: MEDIA_TYPES.ociLayer, digest: layer.digest, size: layer.size + 100 }],
      }),
    );
    const before = await indexText();
    const error = await session
      .commit((index) => setTag(index, 'example.test/size:2', { mediaType: MEDIA_TYPES.ociManifest, ...manifest }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `cannot commit: blob ${layer.digest} (referenced by ${manifest.digest}) is ${layer.size} bytes but its descriptor says ${layer.size + 100}`,
    });
    expect(await indexText()).toBe(before);
  });

  it('for an entry already in the index whose blob has since changed size', async () => {
    const session = await store.beginWrite();
    const manifest = await session.writeBlobBytes(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, layers: [] }));
    await session.commit((index) => setTag(index, 'example.test/size:3', { mediaType: MEDIA_TYPES.ociManifest, ...manifest }));
    await fs.appendFile(store.blobPath(manifest.digest), ' ');
    const before = await indexText();
    await expect(store.updateIndex((index) => setTag(index, 'example.test/other:1', index.manifests[0]!))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`is ${manifest.size + 1} bytes but its descriptor says ${manifest.size}`),
    });
    expect(await indexText()).toBe(before);
  });
});

describe('what commit follows down', () => {
  it('walks only the entries new to the index: damage under an existing entry does not block other tags', async () => {
    const first = await store.beginWrite();
    const old = await writeTestImage(first);
    await first.commit((index) => setTag(index, 'example.test/old:1', old));
    const { layers } = await store.readBlobJson<{ layers: Array<{ digest: string }> }>(old.digest);
    await fs.rm(store.blobPath(layers[0]!.digest));

    const second = await store.beginWrite();
    const fresh = await writeTestImage(second);
    await second.commit((index) => setTag(index, 'example.test/new:1', fresh));
    expect(tagNames(await store.readIndex()).sort()).toEqual(['example.test/new:1', 'example.test/old:1']);
    // Another tag on the damaged image adds no new digest, so nothing below it is walked either.
    await store.updateIndex((index) => setTag(index, 'example.test/old:2', old));
  });

  it('accepts a foreign layer that is not in the store, and checks one that is', async () => {
    const session = await store.beginWrite();
    const config = await session.writeBlobBytes('{}');
    const present = await session.writeBlobBytes('a foreign layer someone downloaded');
    const foreign = (digest: string, size: number) => ({
      mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
      digest,
      size,
      urls: ['https://example.invalid/layer'],
    });
    const manifestWith = (layer: object) =>
      session.writeBlobBytes(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: { mediaType: MEDIA_TYPES.ociConfig, ...config }, layers: [layer] }));
    const absent = await manifestWith(foreign(`sha256:${'f'.repeat(64)}`, 1234));
    const wrongSize = await manifestWith(foreign(present.digest, present.size + 1));
    await store.updateIndex((index) => setTag(index, 'example.test/windows:1', { mediaType: MEDIA_TYPES.ociManifest, ...absent }));
    await expect(store.updateIndex((index) => setTag(index, 'example.test/windows:2', { mediaType: MEDIA_TYPES.ociManifest, ...wrongSize }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`blob ${present.digest} (referenced by ${wrongSize.digest})`),
    });
    // Without urls it is an ordinary layer, and must be present.
    const plain = await manifestWith({ mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', digest: `sha256:${'e'.repeat(64)}`, size: 5 });
    await expect(store.updateIndex((index) => setTag(index, 'example.test/windows:3', { mediaType: MEDIA_TYPES.ociManifest, ...plain }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await session.abort();
  });

  it('refuses a manifest that cannot be read, naming it', async () => {
    const session = await store.beginWrite();
    const notJson = await session.writeBlobBytes('{ not json');
    await expect(session.commit((index) => setTag(index, 'example.test/broken:1', { mediaType: MEDIA_TYPES.ociManifest, ...notJson }))).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(new RegExp(`^cannot commit: manifest ${notJson.digest} is unreadable: `)),
    });
    expect(await store.readIndex()).toMatchObject({ manifests: [] });
  });
});
