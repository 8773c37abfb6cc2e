// Reads index.json into ImageRecords. Manifests and configs are immutable blobs, so parsed documents are cached
// by digest for the life of the process: a store of 5,000 tags over a few images costs a few blob reads.
import { isAttestationManifest, type Descriptor } from '../oci/descriptor.js';
import type { ImageStore } from '../store/types.js';
import type { OciIndex } from '../oci/image-index.js';
import { type Platform, chooseManifest, defaultImagePlatform } from '../oci/platform.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { isIndexMediaType } from '../oci/media-types.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { ImageRecord } from './model.js';
import { normalizeReference } from '../ref/reference.js';

export class BlobCache {
  private readonly documents = new Map<string, unknown>();
  constructor(private readonly store: ImageStore) {}

  async json<T>(digest: string): Promise<T> {
    const hit = this.documents.get(digest);
    if (hit !== undefined) return hit as T;
    const value = await this.store.readBlobJson<T>(digest);
    this.documents.set(digest, value);
    return value;
  }
}

/** The reference an index entry names: Berth's own annotation, containerd's, or a bare OCI ref name. */
export function entryReference(entry: Descriptor): string | null {
  const names = [entry.annotations?.[ANNOTATIONS.containerdName], entry.annotations?.[ANNOTATIONS.refName]];
  for (const name of names) {
    if (!name) continue;
    try {
      return normalizeReference(name);
    } catch {
      // A bare OCI tag such as "v1" (as umoci writes) is not a name Berth can list under a repository.
    }
  }
  return null;
}

export interface CatalogResult {
  records: ImageRecord[];
  broken: Array<{ entry: Descriptor; reason: string }>;
}

export async function loadCatalog(store: ImageStore, cache: BlobCache, want: Platform = defaultImagePlatform()): Promise<CatalogResult> {
  return catalogOf(await store.readIndex(), store, cache, want);
}

export async function catalogOf(index: OciIndex, store: ImageStore, cache: BlobCache, want: Platform = defaultImagePlatform()): Promise<CatalogResult> {
  const records: ImageRecord[] = [];
  const broken: CatalogResult['broken'] = [];
  // Many tags usually share few images: resolve each top digest once per pass (an index costs a stat per child).
  const images = new Map<string, Promise<ResolvedImage>>();
  for (const entry of index.manifests) {
    let image = images.get(entry.digest);
    if (!image) images.set(entry.digest, (image = resolveTarget(entry, store, cache, want)));
    try {
      records.push({ ...(await image), entry, reference: entryReference(entry), topDigest: entry.digest });
    } catch (err) {
      broken.push({ entry, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { records, broken };
}

type ResolvedImage = Omit<ImageRecord, 'entry' | 'reference' | 'topDigest'>;

async function resolveTarget(entry: Descriptor, store: ImageStore, cache: BlobCache, want: Platform): Promise<ResolvedImage> {
  let manifestDescriptor = entry;
  // An index may nest (Docker 25+ exports, containerd): descend until a manifest, choosing the wanted platform.
  for (let depth = 0; isIndexMediaType(manifestDescriptor.mediaType); depth++) {
    if (depth > 4) throw new Error(`index nesting too deep at ${entry.digest}`);
    const index = await cache.json<OciIndex>(manifestDescriptor.digest);
    manifestDescriptor = await choosePlatform(store, index.manifests, want, manifestDescriptor.digest);
  }
  const manifest = await cache.json<ImageManifest>(manifestDescriptor.digest);
  if (!manifest.config?.digest || !Array.isArray(manifest.layers)) {
    throw new Error(`manifest ${manifestDescriptor.digest} has no config or layers`);
  }
  const config = await cache.json<ImageConfig>(manifest.config.digest);
  return {
    manifestDigest: manifestDescriptor.digest,
    manifestSize: manifestDescriptor.size,
    manifestMediaType: manifest.mediaType ?? manifestDescriptor.mediaType,
    manifest,
    id: manifest.config.digest,
    config,
    platform: { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) },
    size: manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
  };
}

/** Picks the wanted platform among the manifests actually present (a single-platform copy keeps the whole index). */
async function choosePlatform(store: ImageStore, candidates: Descriptor[], want: Platform, indexDigest: string): Promise<Descriptor> {
  const present: Descriptor[] = [];
  for (const d of candidates) if (await store.hasBlob(d.digest)) present.push(d);
  // Listing shows an image even when only another platform is present (a copy made for another machine).
  const chosen = chooseManifest(present, want) ?? present.find((d) => !isAttestationManifest(d));
  if (!chosen) throw new Error(`index ${indexDigest} lists no image manifest`);
  return chosen;
}
