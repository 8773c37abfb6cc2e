// What the Files tab has fetched of an image, kept per image ID: each folder listed once per view (the merged image
// or one layer's changes), in flight or done, plus which folders are open. Kept for the last few images, so going
// back to the tab or to an image just looked at shows its tree at once and never asks again for a loaded folder.
import type { ImageFileListing, ImageLayerFiles } from '../../../../../shared/api';
import { toErrorPayload } from '../../../../../shared/errors';
import { getBridge } from '../../../bridge/index';
import type { Folder } from './tree-rows';

/** null: the merged image; a number: that layer's changes. */
export type FilesView = number | null;

const KEPT_IMAGES = 3;

export interface ImageTotals {
  layers: ImageLayerFiles[];
  entries: number;
  size: number;
}

const viewKey = (view: FilesView) => (view === null ? 'merged' : `layer ${view}`);

export class ImageFileCache {
  private readonly folders = new Map<string, Folder>();
  private readonly opened = new Map<string, Set<string>>();
  private readonly listeners = new Set<() => void>();
  /** From the first listing: the layers and the merged view's totals. */
  totals: ImageTotals | null = null;
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;

  constructor(readonly imageId: string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  folder(view: FilesView, path: string): Folder | undefined {
    return this.folders.get(`${viewKey(view)}:${path}`);
  }

  /** Lists the folder unless it is listed or on its way; a failed listing is asked again. */
  async load(view: FilesView, path: string): Promise<Folder> {
    const key = `${viewKey(view)}:${path}`;
    const known = this.folders.get(key);
    if (known?.state === 'done') return known;
    if (known?.state === 'loading') return this.settled(key);
    this.folders.set(key, { state: 'loading' });
    this.changed();
    let folder: Folder;
    try {
      const listing: ImageFileListing = await getBridge().imageFiles(this.imageId, view === null ? { path } : { path, layer: view });
      this.totals ??= { layers: listing.layers, entries: listing.totalEntries, size: listing.totalSize };
      folder = { state: 'done', entries: listing.entries };
    } catch (err) {
      folder = { state: 'error', message: toErrorPayload(err).message };
    }
    this.folders.set(key, folder);
    this.changed();
    return folder;
  }

  /** Waits for a listing another caller started. */
  private settled(key: string): Promise<Folder> {
    return new Promise((resolve) => {
      const check = () => {
        const folder = this.folders.get(key);
        if (folder && folder.state !== 'loading') {
          unsubscribe();
          resolve(folder);
        }
      };
      const unsubscribe = this.subscribe(check);
    });
  }

  expanded(view: FilesView): ReadonlySet<string> {
    let set = this.opened.get(viewKey(view));
    if (!set) this.opened.set(viewKey(view), (set = new Set()));
    return set;
  }

  /** Opens or closes a folder; opening lists it the first time. */
  setExpanded(view: FilesView, path: string, open: boolean): void {
    const set = this.expanded(view) as Set<string>;
    if (open === set.has(path)) {
      if (open) void this.load(view, path); // asks again after a failure; a loaded folder is left as it is
      return;
    }
    // A new set each time, so what rendered from the old one sees the change.
    const next = new Set(set);
    if (open) next.add(path);
    else next.delete(path);
    this.opened.set(viewKey(view), next);
    this.changed();
    if (open) void this.load(view, path);
  }
}

const caches = new Map<string, ImageFileCache>();

/** The image's cache, made on first use; the least recently used beyond the last few is dropped. */
export function imageFileCache(imageId: string): ImageFileCache {
  let cache = caches.get(imageId);
  if (cache) caches.delete(imageId);
  else cache = new ImageFileCache(imageId);
  caches.set(imageId, cache);
  while (caches.size > KEPT_IMAGES) caches.delete(caches.keys().next().value!);
  return cache;
}
