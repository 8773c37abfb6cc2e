// Following references: index -> manifests/indexes -> configs and layers.
import { MEDIA_TYPES, type Descriptor } from './types.js';
import { isDescriptor } from './index-file.js';
import { isDigest } from './paths.js';

const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
const MANIFEST_TYPES = new Set<string>([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

export function isManifestMediaType(mediaType: string): boolean {
  return MANIFEST_TYPES.has(mediaType);
}

/** Layers a registry may legitimately keep elsewhere (Windows base layers): absent locally is not an error. */
export function isForeignLayer(descriptor: Descriptor): boolean {
  return /\.(foreign|nondistributable)\./.test(descriptor.mediaType) && Array.isArray(descriptor.urls) && descriptor.urls.length > 0;
}

/** The descriptors a manifest or index JSON document points at (config, layers, nested manifests). */
export function childDescriptors(mediaType: string, document: unknown): Descriptor[] {
  if (!document || typeof document !== 'object') return [];
  const doc = document as Record<string, unknown>;
  const found: unknown[] = [];
  if (isIndexMediaType(mediaType) && Array.isArray(doc.manifests)) found.push(...doc.manifests);
  if (isManifestMediaType(mediaType)) {
    found.push(doc.config);
    if (Array.isArray(doc.layers)) found.push(...doc.layers);
  }
  return found.filter((d): d is Descriptor => isDescriptor(d));
}

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
    if (!isDigest(descriptor.digest)) {
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
