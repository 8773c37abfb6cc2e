// Reads index.json into ImageRecords. What a record needs from the manifest and config blobs (image-facts.ts) is
// looked up, by the blob's digest, in memory, then in the catalog cache file (catalog-cache.ts), and only then
// read from the blobs; facts learned from blobs are written back to the file once the pass is over, together
// with dropping facts nothing in index.json reaches any more. Blobs are immutable, so a fact never goes stale.
//
// Per row the work is small: a Map lookup for the image, the reference parsed once per string (entry-reference.ts)
// and one record object. Images not cached yet are read with synchronous reads (readBlobJsonSync: a small blob
// costs microseconds of syscalls but several times that as a round trip through libuv's thread pool), in batches
// with a yield to the event loop between them, so a window or `berth serve` stays responsive meanwhile.
import type { Descriptor } from '../oci/descriptor.js';
import { isAttestationManifest } from '../oci/descriptor.js';
import type { ImageConfig } from '../oci/config.js';
import type { OciIndex } from '../oci/image-index.js';
import type { ImageManifest } from '../oci/manifest.js';
import { isIndexMediaType } from '../oci/media-types.js';
import { chooseManifest, defaultImagePlatform, formatPlatform, type Platform } from '../oci/platform.js';
import type { ImageStore } from '../store/types.js';
import { readCatalogCache, writeCatalogCache } from './catalog-cache.js';
import { entryName } from './entry-reference.js';
import { configDigestOf, indexFacts, manifestFacts, type DocumentFacts, type IndexFacts, type ManifestFacts } from './image-facts.js';
import type { ImageRecord } from './model.js';

export { entryReference } from './entry-reference.js';

/** Images resolved from blobs between two yields to the event loop (about 2 ms of reads). */
const BATCH = 64;
const MAX_INDEX_DEPTH = 4;

export interface CatalogResult {
  records: readonly ImageRecord[];
  broken: Array<{ entry: Descriptor; reason: string }>;
}

export interface CatalogOptions {
  /** Read and write the cache file (default true). Off for fsck, which must judge the blobs themselves. */
  persist?: boolean;
}

type ResolvedImage = Omit<ImageRecord, 'entry' | 'reference' | 'ref' | 'topDigest'>;
type Outcome = { image: ResolvedImage } | { error: string };

export class Catalog {
  private readonly facts = new Map<string, DocumentFacts>();
  private fileLoaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly persist: boolean;
  private lastLoad: { index: OciIndex; sizes: ReadonlyMap<string, number>; platform: string; result: CatalogResult } | null = null;

  constructor(
    private readonly store: ImageStore,
    options: CatalogOptions = {},
  ) {
    this.persist = options.persist ?? true;
  }

  /**
   * The records of index.json as it is now. While index.json and the layer sizes are the versions read last
   * (the store hands out the same frozen objects then), the last result is returned as it was: every Berth change,
   * a new platform's manifest under a kept index included, commits and so replaces index.json. A result with broken
   * entries is not reused: a blob another tool puts back is then found at the next listing.
   */
  async load(want: Platform = defaultImagePlatform()): Promise<CatalogResult> {
    const index = await this.store.readIndex();
    const sizes = await this.store.layerSizes();
    const platform = formatPlatform(want);
    const last = this.lastLoad;
    const same = last && last.index === index && last.sizes === sizes && last.platform === platform;
    if (same && last.result.broken.length === 0) return last.result;
    const result = await this.of(index, want, sizes);
    Object.freeze(result.records);
    Object.freeze(result.broken);
    this.lastLoad = { index, sizes, platform, result };
    return result;
  }

  /** The records of `index` (which must be the store's, e.g. inside updateIndex). */
  async of(index: OciIndex, want: Platform = defaultImagePlatform(), sizes?: ReadonlyMap<string, number>): Promise<CatalogResult> {
    if (this.persist) await (this.fileLoaded ??= this.loadFile());
    // What each layer takes unpacked (docker's size), as measured when it was written: one small file per pass.
    const pass = new Pass(this.store, this.facts, want, sizes ?? (await this.store.layerSizes()));
    const outcomes = new Map<string, Outcome>();
    const pending: Descriptor[] = [];
    for (const entry of index.manifests) {
      if (outcomes.has(entry.digest)) continue;
      const image = pass.fromMemory(entry);
      if (image) outcomes.set(entry.digest, { image });
      else {
        outcomes.set(entry.digest, { error: 'unresolved' });
        pending.push(entry);
      }
    }
    for (let i = 0; i < pending.length; i++) {
      if (i > 0 && i % BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
      const entry = pending[i]!;
      try {
        outcomes.set(entry.digest, { image: await pass.resolve(entry) });
      } catch (err) {
        outcomes.set(entry.digest, { error: err instanceof Error ? err.message : String(err) });
      }
    }

    const records: ImageRecord[] = [];
    const broken: CatalogResult['broken'] = [];
    for (const entry of index.manifests) {
      const outcome = outcomes.get(entry.digest)!;
      if ('error' in outcome) {
        broken.push({ entry, reason: outcome.error });
        continue;
      }
      const { image } = outcome;
      const name = entryName(entry);
      records.push({
        entry,
        reference: name?.full ?? null,
        ref: name?.ref ?? null,
        topDigest: entry.digest,
        manifestDigest: image.manifestDigest,
        manifestSize: image.manifestSize,
        manifestMediaType: image.manifestMediaType,
        id: image.id,
        platform: image.platform,
        size: image.size,
        diskSize: image.diskSize,
        layers: image.layers,
        created: image.created,
        createdAt: image.createdAt,
        labels: image.labels,
      });
    }
    this.settle(pass);
    return { records, broken };
  }

  /** The full manifest and config of a record, always read from the blobs (inspect, history). */
  async documents(record: ImageRecord): Promise<{ manifest: ImageManifest; config: ImageConfig }> {
    const manifest = await this.store.readBlobJson<ImageManifest>(record.manifestDigest);
    const config = await this.store.readBlobJson<ImageConfig>(configDigestOf(record.manifestDigest, manifest));
    return { manifest, config };
  }

  /** Resolves when the cache writes started so far have finished (or failed: a cache write never fails a command). */
  flush(): Promise<void> {
    return this.writing;
  }

  private async loadFile(): Promise<void> {
    const { entries } = await readCatalogCache(this.store.root);
    for (const [digest, facts] of entries) if (!this.facts.has(digest)) this.facts.set(digest, facts);
  }

  /**
   * Keeps only what this pass used; publishes the file when that differs from what it held. Two passes at once (a
   * listing while rmi reads the catalog) may each drop what only the other used: the next pass reads those blobs
   * again. Records are never wrong for it, only slower.
   */
  private settle(pass: Pass): void {
    let stale = false;
    for (const digest of this.facts.keys()) {
      if (!pass.used.has(digest)) {
        this.facts.delete(digest);
        stale = true;
      }
    }
    if (!this.persist || (!stale && pass.learned === 0)) return;
    const snapshot = new Map(this.facts);
    this.writing = this.writing.then(() => writeCatalogCache(this.store.root, snapshot)).catch(() => undefined);
  }
}

/** One resolution of index.json: which facts it used, how many it had to learn from blobs. */
class Pass {
  readonly used = new Set<string>();
  learned = 0;
  private readonly images = new Map<string, ResolvedImage>();

  constructor(
    private readonly store: ImageStore,
    private readonly facts: Map<string, DocumentFacts>,
    private readonly want: Platform,
    private readonly layerSizes: ReadonlyMap<string, number>,
  ) {}

  /** Without any I/O: a manifest whose facts are known (an index needs its children's presence checked). */
  fromMemory(entry: Descriptor): ResolvedImage | undefined {
    const known = this.images.get(entry.digest);
    if (known) return known;
    const facts = this.facts.get(entry.digest);
    if (isIndexMediaType(entry.mediaType) || facts?.kind !== 'manifest') return undefined;
    return this.image(entry, entry, facts);
  }

  async resolve(entry: Descriptor): Promise<ResolvedImage> {
    let descriptor: Descriptor = entry;
    // An index may nest (Docker 25+ exports, containerd): descend until a manifest, choosing the wanted platform.
    for (let depth = 0; isIndexMediaType(descriptor.mediaType); depth++) {
      if (depth > MAX_INDEX_DEPTH) throw new Error(`index nesting too deep at ${entry.digest}`);
      descriptor = await this.choosePlatform(this.indexFacts(descriptor.digest), descriptor.digest);
    }
    return this.image(entry, descriptor, this.manifestFacts(descriptor.digest));
  }

  private image(entry: Descriptor, manifest: Descriptor, facts: ManifestFacts): ResolvedImage {
    this.used.add(entry.digest).add(manifest.digest);
    let size = 0;
    let diskSize = 0;
    const layers = facts.layers.map(([digest, stored]) => {
      // A layer never measured (written by another tool) counts as stored: the best figure without reading it.
      const unpacked = this.layerSizes.get(digest) ?? null;
      size += unpacked ?? stored;
      diskSize += stored;
      return { digest, size: stored, unpacked };
    });
    const image: ResolvedImage = {
      manifestDigest: manifest.digest,
      manifestSize: manifest.size,
      manifestMediaType: facts.mediaType ?? manifest.mediaType,
      id: facts.config,
      platform: facts.platform,
      size,
      diskSize,
      layers,
      created: facts.created,
      createdAt: { ms: facts.instant[0], ns: facts.instant[1] },
      labels: facts.labels,
    };
    this.images.set(entry.digest, image);
    return image;
  }

  private indexFacts(digest: string): IndexFacts {
    const known = this.facts.get(digest);
    if (known?.kind === 'index') {
      this.used.add(digest);
      return known;
    }
    const facts = indexFacts(digest, this.store.readBlobJsonSync<unknown>(digest));
    this.learn(digest, facts);
    return facts;
  }

  private manifestFacts(digest: string): ManifestFacts {
    const known = this.facts.get(digest);
    if (known?.kind === 'manifest') return known;
    const manifest = this.store.readBlobJsonSync<ImageManifest>(digest);
    const config = this.store.readBlobJsonSync<ImageConfig>(configDigestOf(digest, manifest));
    const facts = manifestFacts(digest, manifest, config);
    this.learn(digest, facts);
    return facts;
  }

  private learn(digest: string, facts: DocumentFacts): void {
    this.facts.set(digest, facts);
    this.used.add(digest);
    this.learned++;
  }

  /** The wanted platform among the manifests actually present (a single-platform copy keeps the whole index). */
  private async choosePlatform(index: IndexFacts, indexDigest: string): Promise<Descriptor> {
    const present: Descriptor[] = [];
    for (const d of index.manifests) if (await this.store.hasBlob(d.digest)) present.push(d);
    // Listing shows an image even when only another platform is present (a copy made for another machine).
    const chosen = chooseManifest(present, this.want) ?? present.find((d) => !isAttestationManifest(d));
    if (!chosen) throw new Error(`index ${indexDigest} lists no image manifest`);
    return chosen;
  }
}
