// Reads a layer's entries in one streaming pass: the blob is decompressed (whatever its compression) and only tar
// headers are parsed; file data streams past unread, so memory stays at one chunk plus the entries themselves.
import { BerthError } from '../../../shared/errors.js';
import { decompressStream } from '../archive/decompress.js';
import { TarScanner } from '../archive/tar-scan.js';
import type { ImageStore } from '../store/types.js';
import type { LayerIndex } from './index-format.js';
import { layerEntryOf, type LayerEntry } from './layer-entry.js';

export interface IndexLayerOptions {
  signal?: AbortSignal;
  /** Stored (compressed) bytes read so far. */
  onProgress?: (bytes: number) => void;
}

export async function indexLayer(store: ImageStore, layer: { digest: string; diffId: string }, options: IndexLayerOptions = {}): Promise<LayerIndex> {
  const entries: LayerEntry[] = [];
  let problem: unknown = null;
  const scanner = new TarScanner((entry) => {
    if (problem !== null) return;
    try {
      const found = layerEntryOf(entry);
      if (found) entries.push(found);
    } catch (err) {
      problem = err; // thrown from the loop below, so the scanner never sees its own callback fail
    }
  });
  const raw = store.openBlob(layer.digest);
  try {
    const { stream } = await decompressStream(counted(raw, options.onProgress), { signal: options.signal });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw new BerthError('CANCELLED', 'indexing cancelled');
      if (scanner.ended) continue;
      scanner.push(chunk);
      if (problem !== null) throw problem;
    }
    scanner.end();
  } catch (err) {
    raw.destroy();
    if (err instanceof BerthError && (err.code === 'INVALID_ARCHIVE' || err.code === 'CANCELLED')) {
      throw new BerthError(err.code, `layer ${layer.diffId}: ${err.message}`, { cause: err });
    }
    throw err;
  }
  return { diffId: layer.diffId, blob: layer.digest, entries };
}

async function* counted(source: AsyncIterable<Buffer>, onProgress?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of source) {
    read += chunk.length;
    onProgress?.(read);
    yield chunk;
  }
}
