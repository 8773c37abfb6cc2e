// Small, varied images written into a real store for catalog tests: labels, creation times, platforms, and a
// multi-platform index, through the store's own write sessions.
import { MEDIA_TYPES } from '../../oci/media-types.js';
import type { Descriptor } from '../../oci/descriptor.js';
import type { Platform } from '../../oci/platform.js';
import type { ImageStore } from '../../store/types.js';
import { setTag } from '../../store/test-support/image.js';

export interface TestImage {
  labels?: Record<string, string>;
  created?: string;
  platform?: Platform;
  /** Distinguishes images that are otherwise alike. */
  salt?: string;
}

export async function writeImage(store: ImageStore, image: TestImage = {}): Promise<Descriptor> {
  const session = await store.beginWrite();
  const platform = image.platform ?? { os: 'linux', architecture: 'amd64' };
  const layer = await session.writeBlobBytes(`layer ${image.salt ?? ''}`);
  const config = await session.writeBlobBytes(JSON.stringify({
    ...platform,
    ...(image.created ? { created: image.created } : {}),
    config: { Env: ['PATH=/bin'], ...(image.labels ? { Labels: image.labels } : {}) },
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
    history: [{ created_by: `test ${image.salt ?? ''}` }],
  }));
  const manifest = await session.writeBlobBytes(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, ...config },
    layers: [{ mediaType: MEDIA_TYPES.ociLayer, ...layer }],
  }));
  await session.abort(); // the blobs stay; the caller tags them
  return { mediaType: MEDIA_TYPES.ociManifest, ...manifest };
}

/** An index over images for each platform (written first). */
export async function writeIndex(store: ImageStore, children: Array<{ manifest: Descriptor; platform: Platform }>): Promise<Descriptor> {
  const session = await store.beginWrite();
  const index = await session.writeBlobBytes(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: children.map((c) => ({ ...c.manifest, platform: c.platform })),
  }));
  await session.abort();
  return { mediaType: MEDIA_TYPES.ociIndex, ...index };
}

export async function tag(store: ImageStore, ref: string, target: Descriptor): Promise<void> {
  await store.updateIndex((index) => setTag(index, ref, target));
}

export async function addDangling(store: ImageStore, target: Descriptor): Promise<void> {
  await store.updateIndex((index) => {
    index.manifests.push({ mediaType: target.mediaType, digest: target.digest, size: target.size });
  });
}
