// commit: what an index change may name. Every blob it points at must exist with exactly the stated size.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { openStore } from './store.js';
import { setTag, tagNames } from './test-support/image.js';
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
