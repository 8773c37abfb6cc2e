// An ImageRecord as the catalog makes it, without a store: for the pure listing functions.
import { instantOf } from '../../../../shared/format.js';
import { MEDIA_TYPES } from '../../oci/media-types.js';
import { parseReference } from '../../ref/reference.js';
import type { ImageRecord } from '../model.js';

/** `docker.io/library/<name>:<tag>` of an image whose ID is `hex` repeated, created at `created`. */
export function record(name: string, hex: string, created: string, tag = '1'): ImageRecord {
  const id = `sha256:${hex.repeat(64)}`;
  const manifestDigest = `sha256:${hex.repeat(63)}f`;
  const reference = `docker.io/library/${name}:${tag}`;
  return {
    entry: { mediaType: MEDIA_TYPES.ociManifest, digest: manifestDigest, size: 100 },
    reference,
    ref: parseReference(reference),
    topDigest: manifestDigest,
    manifestDigest,
    manifestSize: 100,
    manifestMediaType: MEDIA_TYPES.ociManifest,
    id,
    platform: { os: 'linux', architecture: 'amd64' },
    size: 0,
    diskSize: 0,
    layers: [],
    created,
    createdAt: instantOf(created),
    labels: null,
  };
}
