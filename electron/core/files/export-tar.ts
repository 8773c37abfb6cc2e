// A path of an image as the tar `docker cp CONTAINER:PATH -` writes (export-plan.ts says which entries, named and
// ordered how): ustar headers with pax records for what does not fit (long names and link targets, big ids and
// sizes), symlinks as symlinks, hard links within the export as links, devices and FIFOs as their entries, mode
// (setuid/setgid kept: a tar is data), owner and time as the image has them. File bytes stream from their layers
// (layer-reader.ts); nothing but one chunk is held.
import { layerEntryHeader, padding, type LayerEntryType } from '../archive/layer-header.js';
import type { ImageStore } from '../store/types.js';
import type { ExportEntry, ExportPlan } from './export-plan.js';
import type { ImageFiles } from './image-files.js';
import { LayerReader } from './layer-reader.js';

const TYPES: Record<ExportEntry['kind'], LayerEntryType> = {
  file: 'file', dir: 'directory', symlink: 'symlink', hardlink: 'hardlink', char: 'char', block: 'block', fifo: 'fifo',
};

export interface ExportTarOptions {
  signal?: AbortSignal;
  /** File bytes written so far (of plan.bytes). */
  onProgress?: (bytes: number) => void;
}

export async function* exportTar(store: ImageStore, files: ImageFiles, plan: ExportPlan, options: ExportTarOptions = {}): AsyncGenerator<Buffer> {
  const reader = new LayerReader(store, files.layers.map((layer) => layer.digest), plan.entries, options.signal);
  let done = 0;
  try {
    for (const entry of plan.entries) {
      options.signal?.throwIfAborted();
      yield layerEntryHeader({
        name: entry.name,
        type: TYPES[entry.kind],
        mode: entry.mode,
        uid: entry.uid,
        gid: entry.gid,
        mtime: entry.mtime,
        size: entry.size,
        ...(entry.link !== '' ? { linkname: entry.link } : {}),
        devmajor: entry.devmajor,
        devminor: entry.devminor,
      });
      if (!entry.data) continue;
      for await (const chunk of reader.read(entry.data.layer, entry.data.entry)) {
        yield chunk;
        done += chunk.length;
        options.onProgress?.(done);
      }
      yield padding(entry.size);
    }
    yield Buffer.alloc(1024); // two zero blocks: the end of the archive
  } finally {
    reader.close();
  }
}
