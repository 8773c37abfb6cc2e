// Indexing in the background: after an import, load, pull or commit ends, the new image's layers are indexed one at
// a time, so the Files tab (and wasted space, and diff) of a fresh image opens at once. Only the long-lived shells
// (the app, `berth serve`) ask for it: a CLI command must exit when its work is done, not wait for this.
//
// It never slows an operation: it starts after the task has ended (its result already delivered) and a short pause
// later, so the listing the shells reload on the task's end comes first; it waits while any task runs (a second pull
// gets the machine to itself; only the layer being indexed, if any, finishes); it builds one layer at a time through
// the shared LayerIndexes, so a Files tab opened meanwhile joins that build instead of starting another; it yields
// to the event loop between layers; and a failure is only reported to `onError` (a damaged layer fails when it is
// opened, with its own message, not here).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TaskInfo, TaskKind } from '../../../shared/api.js';
import type { OperationContext } from '../operations/context.js';
import { LAYER_FILES_DIR } from './index-cache.js';
import { layerIndexesOf, layersOf } from './image-files.js';
import type { LayerToIndex } from './layer-indexes.js';

const START_DELAY_MS = 250;
/** How often a waiting indexer looks again whether the tasks are done. */
const BUSY_POLL_MS = 250;

/** The image IDs a finished task brought into the store, for the kinds that bring images in. */
export function imagesOfTask(task: TaskInfo): string[] {
  if (task.state !== 'done' || task.result === null) return [];
  const kind: TaskKind = task.kind;
  switch (kind) {
    case 'import':
    case 'pull':
    case 'commit': {
      const { id } = task.result as TaskInfo<'import' | 'pull' | 'commit'>['result'] & object;
      return [id];
    }
    case 'load':
    case 'copy-to-berth':
      return (task.result as TaskInfo<'load'>['result'] & object).images.map((image) => image.id);
    default:
      return [];
  }
}

export class BackgroundIndexer {
  private readonly queue: string[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ctx: Pick<OperationContext, 'store' | 'catalog'>,
    /** Whether an operation is running now (the service's tasks). */
    private readonly busy: () => boolean = () => false,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Called with every task update; queues the images of the ones that just brought images in. */
  taskUpdated(task: TaskInfo): void {
    if (this.closed) return;
    for (const id of imagesOfTask(task)) if (!this.queue.includes(id)) this.queue.push(id);
    if (this.queue.length > 0 && !this.running && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.running = this.drain().finally(() => (this.running = null));
      }, START_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Stops taking work; the layer being indexed finishes on its own (a cache write, never waited for by a close). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.queue.length > 0) {
      const id = this.queue.shift()!;
      try {
        for (const layer of await this.layersOf(id)) {
          if (await this.indexed(layer)) continue;
          while (!this.closed && this.busy()) await pause(BUSY_POLL_MS);
          if (this.closed) return;
          await layerIndexesOf(this.ctx.store).get(layer);
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        this.onError(err);
      }
    }
  }

  /** The image's layers, for the platform the Files tab opens (the host's, or the one the image has). */
  private async layersOf(id: string): Promise<LayerToIndex[]> {
    const { records } = await this.ctx.catalog.load();
    const record = records.find((r) => r.id === id);
    if (!record) return []; // removed again already
    const { manifest, config } = await this.ctx.catalog.documents(record);
    return layersOf(record, manifest, config);
  }

  /** A cheap look: an index file is there (a damaged one is found and rebuilt when the image is opened). */
  private async indexed(layer: LayerToIndex): Promise<boolean> {
    const file = path.join(this.ctx.store.root, LAYER_FILES_DIR, layer.diffId.slice('sha256:'.length));
    return fs.lstat(file).then((stats) => stats.isFile(), () => false);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
