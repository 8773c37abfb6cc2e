// A root-filesystem tarball (plain, gzip, bzip2, xz or zstd) read as the one layer `docker import` makes of it.
//
// The layer's diff_id must equal what `docker import` computes for the same file. Measured with dockerd 20.10 here
// (vfs driver): the diff_id is the sha256 of the whole decompressed input, byte for byte, including the zero padding
// and even bytes after the end-of-archive marker. moby's layer store hashes the stream while the graph driver
// applies it (layer_store.applyTar: TeeReader into the digester, then io.Copy of the rest), and the containerd image
// store does the same (saveArchive/compressAndWriteBlob digest the uncompressed reader). So Berth stores the
// decompressed input verbatim as an uncompressed OCI layer whose digest is the diff_id, and never rewrites it:
// entries that would be unsafe as written are refused instead (tar-safety.ts).
//
// One pass: decompress -> validate every tar header (synchronously, before the bytes move on) -> the caller writes
// the bytes into the store. A validation error ends the stream with that error, so the blob write fails and
// leaves nothing.
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { decompressStream, type Compression } from './decompress.js';
import { rootfsEntryChecker } from './tar-safety.js';
import { TarScanner } from './tar-scan.js';
import { UnpackedSize } from './unpacked-size.js';

export interface RootfsLayerOptions {
  signal?: AbortSignal;
  /** Called with the count of input (possibly compressed) bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Refuse more than this many decompressed bytes (decompression-bomb guard). */
  maxBytes?: number;
}

export interface RootfsLayer {
  /** The uncompressed tar, each header checked before its bytes pass. */
  stream: AsyncIterable<Uint8Array>;
  compression: Compression;
  /** Tar entries seen so far (all of them once `stream` has ended). */
  entries(): number;
  /** What the entries seen so far take unpacked (docker's layer size; final once `stream` has ended). */
  unpackedSize(): number;
}

export async function openRootfsLayer(input: Readable, options: RootfsLayerOptions = {}): Promise<RootfsLayer> {
  const { signal } = options;
  signal?.throwIfAborted();
  const onAbort = () => input.destroy(signal?.reason instanceof Error ? signal.reason : new BerthError('CANCELLED', 'cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const counted = countInput(input, options.onProgress);
    const { compression, stream } = await decompressStream(counted, { maxOutputBytes: options.maxBytes, signal });
    const check = rootfsEntryChecker();
    const unpacked = new UnpackedSize();
    const scanner = new TarScanner((entry) => {
      check(entry);
      unpacked.add(entry);
    });
    return {
      stream: validated(stream, scanner, () => signal?.removeEventListener('abort', onAbort)),
      compression,
      entries: () => scanner.entries,
      unpackedSize: () => unpacked.bytes,
    };
  } catch (err) {
    signal?.removeEventListener('abort', onAbort);
    throw err;
  }
}

async function* countInput(input: Readable, onProgress?: (bytesRead: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    read += bytes.length;
    onProgress?.(read);
    yield bytes;
  }
}

/** Passes bytes on only after the scanner accepted them; ends with the check that the tar was complete. */
async function* validated(stream: AsyncIterable<Uint8Array>, scanner: TarScanner, done: () => void): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      scanner.push(chunk);
      yield chunk;
    }
    scanner.end();
  } finally {
    done();
  }
}
