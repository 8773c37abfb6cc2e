// An image of several layers, each a list of tar entries (whiteouts and opaque markers are plain entries named
// `.wh.NAME` / `.wh..wh..opq`, as dockerd writes them), written into a real store and tagged.
import { createHash } from 'node:crypto';
import { MEDIA_TYPES } from '../../oci/media-types.js';
import type { Descriptor } from '../../oci/descriptor.js';
import { setTag } from '../../store/test-support/image.js';
import type { ImageStore } from '../../store/types.js';
import { makeRootfsTar, type RootfsEntry, type TarCompression } from '../../testing/tarball.mjs';

export interface LayeredImageOptions {
  tag?: string;
  compression?: TarCompression;
  config?: Record<string, unknown>;
}

export async function writeLayeredImage(store: ImageStore, layers: RootfsEntry[][], options: LayeredImageOptions = {}): Promise<Descriptor> {
  const session = await store.beginWrite();
  const written: Descriptor[] = [];
  const diffIds: string[] = [];
  for (const entries of layers) {
    const tar = await makeRootfsTar(entries);
    diffIds.push(`sha256:${createHash('sha256').update(tar).digest('hex')}`);
    const stored = await session.writeBlobBytes(await makeRootfsTar(entries, { compression: options.compression ?? 'gzip' }));
    written.push({ mediaType: options.compression === 'none' ? MEDIA_TYPES.ociLayer : MEDIA_TYPES.ociLayerGzip, ...stored });
  }
  const config = await session.writeBlobBytes(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['sh'], ...options.config },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((_, i) => ({ created_by: `layer ${i}` })),
  }));
  const manifest = await session.writeBlobBytes(JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, ...config },
    layers: written,
  }));
  const descriptor = { mediaType: MEDIA_TYPES.ociManifest, ...manifest };
  await session.commit((index) => setTag(index, options.tag ?? 'example.com/layered:latest', descriptor));
  return descriptor;
}
