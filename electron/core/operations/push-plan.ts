// Which documents a push sends for one tag. A manifest is sent as it is. For an index (a pull keeps the one it
// resolved, with only the chosen platform's image), Berth does what docker 20.10 (the graph-driver store) does
// when the store lacks some platforms: it pushes only the platform manifest it has (the host's platform when it
// has several) under the tag. When every manifest of the index is complete in the store, each goes by digest and
// then the index under the tag, as containerd's pusher (docker 25+ with the containerd store) does.
import { BerthError } from '../../../shared/errors.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import type { ImageManifest } from '../oci/manifest.js';
import { isIndexMediaType } from '../oci/media-types.js';
import { chooseManifest, defaultImagePlatform } from '../oci/platform.js';
import type { ImageStore } from '../store/types.js';

export interface PlannedManifest {
  descriptor: Descriptor;
  document: ImageManifest;
}

export interface PushPlan {
  /** Platform manifests, in the order they go (before the index, which names them). */
  manifests: PlannedManifest[];
  /** The index to put under the tag after them, or null when the (single) manifest goes under the tag. */
  index: { descriptor: Descriptor; document: OciIndex } | null;
}

async function completeManifest(store: ImageStore, descriptor: Descriptor): Promise<PlannedManifest | null> {
  if (!(await store.hasBlob(descriptor.digest))) return null;
  const document = await store.readBlobJson<ImageManifest>(descriptor.digest);
  if (!document.config || !Array.isArray(document.layers)) return null;
  for (const blob of [document.config, ...document.layers]) {
    if (!isForeignLayer(blob) && !(await store.hasBlob(blob.digest))) return null;
  }
  return { descriptor, document };
}

export async function planPush(store: ImageStore, entry: Descriptor, familiar: string): Promise<PushPlan> {
  const descriptor = { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
  if (!isIndexMediaType(entry.mediaType)) {
    const one = await completeManifest(store, descriptor);
    if (!one) throw new BerthError('STORE_CORRUPT', `${familiar}: the image's manifest or one of its blobs is missing from the store; run \`berth fsck\``);
    return { manifests: [one], index: null };
  }
  const document = await store.readBlobJson<OciIndex>(entry.digest);
  const present: PlannedManifest[] = [];
  for (const d of document.manifests) {
    const one = await completeManifest(store, d);
    if (one) present.push(one);
  }
  if (present.length === 0) throw new BerthError('STORE_CORRUPT', `${familiar}: the store holds none of the images its index names`);
  if (present.length === document.manifests.length) return { manifests: present, index: { descriptor, document } };
  const host = chooseManifest(present.map((p) => p.descriptor), defaultImagePlatform());
  const chosen = present.find((p) => p.descriptor === host) ?? present[0]!;
  return { manifests: [chosen], index: null };
}
