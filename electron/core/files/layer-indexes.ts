// The indexes of an image's layers, each read from the cache or built once (concurrent askers share one build).
import type { ImageStore } from '../store/types.js';
import { storePaths, type StorePaths } from '../store/paths.js';
import { readLayerIndex, writeLayerIndex } from './index-cache.js';
import type { LayerIndex } from './index-format.js';
import { indexLayer, type IndexLayerOptions } from './index-layer.js';

export interface LayerToIndex {
  /** The stored blob. */
  digest: string;
  diffId: string;
}

export class LayerIndexes {
  private readonly paths: StorePaths;
  private readonly building = new Map<string, Promise<LayerIndex>>();
  /**
   * Indexes read lately, kept while their entries add up to less than KEEP_ENTRIES: two images of one base (a diff,
   * the Files tab moving between tags) share layers, and reading an index back costs more than keeping it. Entries
   * are never changed once read, so sharing them is safe.
   */
  private readonly recent = new Map<string, LayerIndex>();
  private recentEntries = 0;

  constructor(private readonly store: ImageStore) {
    this.paths = storePaths(store.root);
  }

  /** Whether a believable index is on disk already (reads and checks it: use for a few layers, not thousands). */
  private keep(index: LayerIndex): LayerIndex {
    if (this.recent.has(index.diffId) || index.entries.length > KEEP_ENTRIES) return index;
    this.recent.set(index.diffId, index);
    this.recentEntries += index.entries.length;
    for (const [diffId, old] of this.recent) {
      if (this.recentEntries <= KEEP_ENTRIES) break;
      this.recent.delete(diffId);
      this.recentEntries -= old.entries.length;
    }
    return index;
  }

  /** Drops the index kept in memory (one found lying about its layer), so the next `get` reads or builds it anew. */
  forget(diffId: string): void {
    const kept = this.recent.get(diffId);
    if (!kept) return;
    this.recent.delete(diffId);
    this.recentEntries -= kept.entries.length;
  }

  async has(diffId: string): Promise<boolean> {
    return (await readLayerIndex(this.paths, diffId)) !== null;
  }

  async get(layer: LayerToIndex, options: IndexLayerOptions = {}): Promise<LayerIndex> {
    const kept = this.recent.get(layer.diffId);
    if (kept) {
      this.recent.delete(layer.diffId);
      this.recent.set(layer.diffId, kept);
      return kept;
    }
    const cached = await readLayerIndex(this.paths, layer.diffId);
    if (cached) return this.keep(cached);
    let build = this.building.get(layer.diffId);
    if (!build) {
      // One build for everybody; a caller's cancel must not fail the others, so the shared build takes no signal
      // of any one of them (each caller stops waiting on its own signal instead).
      // The cache only saves time: an index that cannot be written (a full disk, a read-only store) is still
      // the answer, built again next time.
      build = indexLayer(this.store, layer, { onProgress: options.onProgress }).then(async (index) => {
        await writeLayerIndex(this.paths, index).catch(() => undefined);
        return this.keep(index);
      });
      this.building.set(layer.diffId, build);
      void build.then(
        () => this.building.delete(layer.diffId),
        () => this.building.delete(layer.diffId),
      );
    }
    return options.signal ? abortable(build, options.signal) : build;
  }
}

const KEEP_ENTRIES = 400_000;

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}
