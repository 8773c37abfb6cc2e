// Builds small but well-formed OCI images for store tests (and child processes).
import { randomBytes } from 'node:crypto';
import { ANNOTATIONS } from '../../oci/annotations.js';
import { MEDIA_TYPES } from '../../oci/media-types.js';
import type { Descriptor } from '../../oci/descriptor.js';
import type { OciIndex } from '../../oci/image-index.js';
import type { WriteSession } from '../types.js';

/** Writes a layer, a config and a manifest through `session`; returns the manifest descriptor. */
export async function writeTestImage(session: WriteSession, layerBytes = randomBytes(2048)): Promise<Descriptor> {
  const layer = await session.writeBlobBytes(layerBytes);
  const config = await session.writeBlobBytes(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-01T00:00:00Z',
      config: {},
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }),
  );
  const manifest = await session.writeBlobBytes(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, ...config },
      layers: [{ mediaType: MEDIA_TYPES.ociLayer, ...layer }],
    }),
  );
  return { mediaType: MEDIA_TYPES.ociManifest, ...manifest };
}

/** Sets `ref` (a full reference) on `manifest` in `index`, replacing an entry with the same name. */
export function setTag(index: OciIndex, ref: string, manifest: Descriptor): void {
  index.manifests = index.manifests.filter((d) => d.annotations?.[ANNOTATIONS.refName] !== ref);
  index.manifests.push({
    mediaType: manifest.mediaType,
    digest: manifest.digest,
    size: manifest.size,
    annotations: { [ANNOTATIONS.refName]: ref, [ANNOTATIONS.containerdName]: ref },
  });
}

export function tagNames(index: OciIndex): string[] {
  return index.manifests.map((d) => d.annotations?.[ANNOTATIONS.refName]).filter((r): r is string => !!r);
}
