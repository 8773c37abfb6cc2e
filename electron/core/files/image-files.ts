// One image's files: its layers indexed (from the cache, or built now), merged, and readable. The merged tree of the
// last few images asked about is kept per store, so the Files tab's next folder, a search or a preview answers at
// once; it is keyed by manifest digest, which names the layers exactly.
import { BerthError } from '../../../shared/errors.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';
import { defaultImagePlatform, parsePlatform } from '../oci/platform.js';
import type { ImageRecord } from '../image/model.js';
import { resolveImage } from '../image/resolve.js';
import type { OperationContext } from '../operations/context.js';
import { storePaths } from '../store/paths.js';
import type { ImageStore } from '../store/types.js';
import { dropLayerIndex } from './index-cache.js';
import { fileContent, readFileContent } from './file-content.js';
import type { FileSource } from './file-source.js';
import type { LayerIndex } from './index-format.js';
import { LayerIndexes, type LayerToIndex } from './layer-indexes.js';
import { LayerReader } from './layer-reader.js';
import { find, mergeLayers, type FileNode, type MergedImage } from './merged-tree.js';

const MAX_LINK_HOPS = 40;
const KEEP_MERGED = 3;

export interface OpenImageFilesOptions {
  platform?: string;
  signal?: AbortSignal;
  /** Stored bytes indexed so far, of `total` (only layers not indexed yet count). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImageFiles extends FileSource {
  readonly record: ImageRecord;
  readonly manifest: ImageManifest;
  readonly config: ImageConfig;
  readonly layers: readonly LayerToIndex[];
  readonly indexes: readonly LayerIndex[];
  readonly merged: MergedImage;
  /** The node at `path` ('/etc/passwd' or 'etc/passwd'); symlinks on the way are followed, the last one only with `follow`. */
  resolve(path: string, options?: { follow?: boolean }): FileNode | undefined;
  /**
   * After `err` from reading this image's layers: when it says a layer is shorter than its index claims (a stale or
   * planted index, STORE_CORRUPT), the image's indexes are dropped from disk and memory, so the next use rebuilds them.
   */
  distrustIndexes(err: unknown): Promise<void>;
  /** The bytes of a regular file or hard link, streamed from its layer. */
  content(node: FileNode, signal?: AbortSignal): AsyncIterable<Buffer>;
}

interface PerStore {
  indexes: LayerIndexes;
  merged: Map<string, Promise<{ indexes: LayerIndex[]; merged: MergedImage }>>;
}

const perStore = new WeakMap<ImageStore, PerStore>();

export function layerIndexesOf(store: ImageStore): LayerIndexes {
  return stateOf(store).indexes;
}

function stateOf(store: ImageStore): PerStore {
  let state = perStore.get(store);
  if (!state) {
    state = { indexes: new LayerIndexes(store), merged: new Map() };
    perStore.set(store, state);
  }
  return state;
}

export async function openImageFiles(ctx: OperationContext, reference: string, options: OpenImageFilesOptions = {}): Promise<ImageFiles> {
  const platform = options.platform ? parsePlatform(options.platform) : defaultImagePlatform();
  const { records } = await ctx.catalog.load(platform);
  const record = resolveImage(records, reference).records[0]!;
  return imageFilesOf(ctx, record, options);
}

export async function imageFilesOf(ctx: Pick<OperationContext, 'store' | 'catalog'>, record: ImageRecord, options: OpenImageFilesOptions = {}): Promise<ImageFiles> {
  const { manifest, config } = await ctx.catalog.documents(record);
  const layers = layersOf(record, manifest, config);
  const state = stateOf(ctx.store);
  let pending = state.merged.get(record.manifestDigest);
  if (!pending) {
    pending = indexAll(state.indexes, layers, options).then((indexes) => ({ indexes, merged: mergeLayers(indexes) }));
    state.merged.set(record.manifestDigest, pending);
    pending.catch(() => state.merged.delete(record.manifestDigest));
    while (state.merged.size > KEEP_MERGED) state.merged.delete(state.merged.keys().next().value!);
  } else {
    // Most recently used last, so the oldest is the one dropped.
    state.merged.delete(record.manifestDigest);
    state.merged.set(record.manifestDigest, pending);
  }
  const { indexes, merged } = await pending;
  return new MergedFiles(ctx.store, record, manifest, config, layers, indexes, merged);
}

/** The image's layers with their diff IDs; an image whose config and manifest disagree is refused. */
export function layersOf(record: ImageRecord, manifest: ImageManifest, config: ImageConfig): LayerToIndex[] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw new BerthError('STORE_CORRUPT', `image ${record.reference ?? record.id} has ${manifest.layers.length} layers but its config names ${diffIds.length} diff IDs`);
  }
  return manifest.layers.map((layer, i) => ({ digest: layer.digest, diffId: diffIds[i]! }));
}

async function indexAll(indexes: LayerIndexes, layers: readonly LayerToIndex[], options: OpenImageFilesOptions): Promise<LayerIndex[]> {
  const result: LayerIndex[] = [];
  for (const layer of layers) result.push(await indexes.get(layer, { signal: options.signal }));
  return result;
}

class MergedFiles implements ImageFiles {
  constructor(
    private readonly store: ImageStore,
    readonly record: ImageRecord,
    readonly manifest: ImageManifest,
    readonly config: ImageConfig,
    readonly layers: readonly LayerToIndex[],
    readonly indexes: readonly LayerIndex[],
    readonly merged: MergedImage,
  ) {}

  resolve(path: string, options: { follow?: boolean } = {}): FileNode | undefined {
    const pending = path.split('/').filter((name) => name !== '' && name !== '.').reverse();
    let node: FileNode = this.merged.root;
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (name === '..') {
        node = node.parent ?? node; // the root's parent is the root, as in a chroot
        continue;
      }
      const child = node.children?.get(name);
      if (!child) return undefined;
      if (child.entry.kind === 'symlink' && (pending.length > 0 || options.follow)) {
        if (++hops > MAX_LINK_HOPS) return undefined;
        const target = child.entry.link;
        if (target.startsWith('/')) node = this.merged.root;
        pending.push(...target.split('/').filter((part) => part !== '' && part !== '.').reverse());
        continue;
      }
      node = child;
    }
    return node;
  }

  async readFile(path: string, maxBytes: number): Promise<Buffer | null> {
    const node = dataNode(this.resolve(path, { follow: true }));
    if (!node) return null;
    return this.distrusting(node.layer, () => readFileContent(this.store, this.layers[node.layer]!.digest, node.entry, maxBytes));
  }

  async readFiles(paths: readonly string[], maxBytes: number, maxTotal: number): Promise<Array<Buffer | 'too-large' | null>> {
    // Each readFile decompresses its layer from the start: a thousand small files (dpkg's status.d) would be a
    // thousand passes. Read in layer and offset order instead, through one reader per layer.
    const nodes = paths.map((path) => dataNode(this.resolve(path, { follow: true })));
    let total = 0;
    const result: Array<Buffer | 'too-large' | null> = nodes.map((node) => {
      if (node === undefined) return null;
      if (node.entry.size > maxBytes || total + node.entry.size > maxTotal) return 'too-large';
      total += node.entry.size;
      return Buffer.alloc(0);
    });
    const wanted = nodes
      .map((node, i) => ({ node, i }))
      .filter((item): item is { node: FileNode; i: number } => item.node !== undefined && result[item.i] !== 'too-large')
      .sort((a, b) => a.node.layer - b.node.layer || a.node.entry.dataOffset - b.node.entry.dataOffset);
    const reader = new LayerReader(this.store, this.layers.map((layer) => layer.digest), wanted.map(({ node }) => ({ data: { layer: node.layer } })));
    try {
      for (const { node, i } of wanted) {
        result[i] = await this.distrusting(node.layer, async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of reader.read(node.layer, node.entry)) chunks.push(Buffer.from(chunk));
          return Buffer.concat(chunks);
        });
      }
    } finally {
      reader.close();
    }
    return result;
  }

  async list(path: string): Promise<string[] | null> {
    const node = this.resolve(path, { follow: true });
    return node?.children ? [...node.children.keys()].sort() : null;
  }

  content(node: FileNode, signal?: AbortSignal): AsyncIterable<Buffer> {
    const data = dataNode(node);
    if (!data) throw new BerthError('INVALID_ARGUMENT', `/${node.entry.path} is not a regular file`);
    const source = fileContent(this.store, this.layers[data.layer]!.digest, data.entry, signal);
    const distrusting = this.distrusting.bind(this);
    return (async function* () {
      const iterator = source[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await distrusting(data.layer, () => iterator.next());
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await iterator.return?.(undefined); // a reader that stops early closes the layer's stream
      }
    })();
  }

  /**
   * `work`, and when it finds the layer shorter than its index says (STORE_CORRUPT: a stale or planted index), the
   * index is dropped from disk and every merged tree of this store forgotten, so the next use builds it from the layer.
   */
  private async distrusting<T>(layer: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof BerthError && err.code === 'STORE_CORRUPT') await this.distrust([this.layers[layer]!]);
      throw err;
    }
  }

  async distrustIndexes(err: unknown): Promise<void> {
    // The exports read several layers at once and their error names the blob, not the layer: all of them go.
    if (err instanceof BerthError && err.code === 'STORE_CORRUPT') await this.distrust(this.layers);
  }

  private async distrust(layers: readonly LayerToIndex[]): Promise<void> {
    for (const { diffId } of layers) {
      await dropLayerIndex(storePaths(this.store.root), diffId).catch(() => undefined);
      stateOf(this.store).indexes.forget(diffId);
    }
    stateOf(this.store).merged.clear();
  }
}

/** The node whose bytes a regular file or hard link has; undefined for anything else. */
function dataNode(node: FileNode | undefined): FileNode | undefined {
  if (node?.entry.kind === 'hardlink') node = node.linkTarget;
  return node?.entry.kind === 'file' && node.layer >= 0 ? node : undefined;
}

export { find };
