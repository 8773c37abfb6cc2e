// Following references: index -> manifests/indexes -> configs and layers.
import { isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';
import type { Descriptor } from '../oci/descriptor.js';
import { isSha256Digest } from '../oci/digest.js';
import { childDescriptors } from '../oci/manifest.js';

export interface WalkReader {
  readBlobJson<T>(digest: string): Promise<T>;
}

export interface WalkHooks {
  /** Called once per distinct digest reached. Return false to stop descending below it. */
  visit?(descriptor: Descriptor, parent: Descriptor | null): void | boolean | Promise<void | boolean>;
  /** A manifest or index that could not be read; the walk goes on without its children. */
  onUnreadable?(descriptor: Descriptor, error: unknown): void | Promise<void>;
  /** A descriptor whose digest Berth cannot address (not sha256, malformed); it is not followed. */
  onInvalidDigest?(descriptor: Descriptor, parent: Descriptor | null): void | Promise<void>;
}

/** Visits every descriptor reachable from `roots`, each digest once. */
export async function walkReferences(reader: WalkReader, roots: Descriptor[], hooks: WalkHooks = {}): Promise<Map<string, Descriptor>> {
  const seen = new Map<string, Descriptor>();
  const queue: Array<[Descriptor, Descriptor | null]> = roots.map((d) => [d, null]);
  while (queue.length > 0) {
    const [descriptor, parent] = queue.shift()!;
    if (!isSha256Digest(descriptor.digest)) {
      await hooks.onInvalidDigest?.(descriptor, parent);
      continue;
    }
    if (seen.has(descriptor.digest)) continue;
    seen.set(descriptor.digest, descriptor);
    if ((await hooks.visit?.(descriptor, parent)) === false) continue;
    if (!isIndexMediaType(descriptor.mediaType) && !isManifestMediaType(descriptor.mediaType)) continue;
    let document: unknown;
    try {
      document = await reader.readBlobJson<unknown>(descriptor.digest);
    } catch (err) {
      await hooks.onUnreadable?.(descriptor, err);
      continue;
    }
    for (const child of childDescriptors(descriptor.mediaType, document)) queue.push([child, descriptor]);
  }
  return seen;
}

/**
 * Every blob an image uses (the manifest or index itself, nested manifests, configs, layers): digest -> size
 * as the referencing descriptor states it. Unreadable manifests contribute themselves only.
 */
export async function collectImageBlobs(reader: WalkReader, manifest: Descriptor): Promise<Map<string, number>> {
  const reached = await walkReferences(reader, [manifest]);
  return new Map([...reached].map(([digest, d]) => [digest, d.size]));
}
