// A file's bytes out of the layer that holds them: the layer is decompressed from its start (gzip and zstd cannot
// seek) and the bytes before the file are passed over unread; an uncompressed layer is opened at the file's offset.
// The index said where the data is; the blob is the judge, so a layer shorter than its index claims is an error.
import { BerthError } from '../../../shared/errors.js';
import { decompressStream } from '../archive/decompress.js';
import type { ImageStore } from '../store/types.js';
import type { LayerEntry } from './layer-entry.js';

export async function* fileContent(store: ImageStore, blob: string, entry: Pick<LayerEntry, 'path' | 'size' | 'dataOffset'>, signal?: AbortSignal): AsyncGenerator<Buffer> {
  if (entry.size === 0) return;
  const raw = store.openBlob(blob);
  const { compression, stream } = await decompressStream(raw, { signal });
  let source: AsyncIterable<Buffer> = stream;
  let skip = entry.dataOffset;
  if (compression === 'none') {
    stream.destroy();
    source = store.openBlob(blob, { start: Math.min(entry.dataOffset, (await store.blobSize(blob)) ?? 0) });
    skip = 0;
  }
  let left = entry.size;
  try {
    for await (const chunk of source) {
      if (signal?.aborted) throw new BerthError('CANCELLED', 'reading the file was cancelled');
      let bytes = chunk;
      if (skip > 0) {
        if (bytes.length <= skip) {
          skip -= bytes.length;
          continue;
        }
        bytes = bytes.subarray(skip);
        skip = 0;
      }
      if (bytes.length >= left) {
        yield bytes.subarray(0, left);
        left = 0;
        return;
      }
      left -= bytes.length;
      yield bytes;
    }
  } finally {
    raw.destroy();
    (source as { destroy?: () => void }).destroy?.();
  }
  if (left > 0) throw new BerthError('STORE_CORRUPT', `layer ${blob} ends before the data of ${entry.path}: its index does not match it (the index is rebuilt on next use)`);
}

/** The whole file, refusing more than `maxBytes` before reading any of it. */
export async function readFileContent(store: ImageStore, blob: string, entry: Pick<LayerEntry, 'path' | 'size' | 'dataOffset'>, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  if (entry.size > maxBytes) throw new BerthError('TOO_LARGE', `/${entry.path} is ${entry.size} bytes, more than the ${maxBytes} that can be read whole`);
  const chunks: Buffer[] = [];
  for await (const chunk of fileContent(store, blob, entry, signal)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
