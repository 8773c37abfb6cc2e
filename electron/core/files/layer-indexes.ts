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

  constructor(private readonly store: ImageStore) {
    this.paths = storePaths(store.root);
  }

  /** Whether a believable index is on disk already (reads and checks it: use for a few layers, not thousands). */
  async has(diffId: string): Promise<boolean> {
    return (await readLayerIndex(this.paths, diffId)) !== null;
  }

  async get(layer: LayerToIndex, options: IndexLayerOptions = {}): Promise<LayerIndex> {
    const cached = await readLayerIndex(this.paths, layer.diffId);
    if (cached) return cached;
    let build = this.building.get(layer.diffId);
    if (!build) {
      // One build for everybody; a caller's cancel must not fail the others, so the shared build takes no signal
      // of any one of them (each caller stops waiting on its own signal instead).
      // The cache only saves time: an index that cannot be written (a full disk, a read-only store) is still
      // the answer, built again next time.
      build = indexLayer(this.store, layer, { onProgress: options.onProgress }).then(async (index) => {
        await writeLayerIndex(this.paths, index).catch(() => undefined);
        return index;
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
