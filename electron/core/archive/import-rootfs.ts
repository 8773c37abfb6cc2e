// `berth import`: a root-filesystem tarball (plain, gzip, bzip2, xz or zstd) becomes a one-layer image.
//
// The layer's diff_id must equal what `docker import` computes for the same file. Measured with dockerd 20.10 here
// (vfs driver): the diff_id is the sha256 of the whole decompressed input, byte for byte, including the zero padding
// and even bytes after the end-of-archive marker. moby's layer store hashes the stream while the graph driver
// applies it (layer_store.applyTar: TeeReader into the digester, then io.Copy of the rest), and the containerd image
// store does the same (saveArchive/compressAndWriteBlob digest the uncompressed reader). So Berth stores the
// decompressed input verbatim as an uncompressed OCI layer whose digest is the diff_id, and never rewrites it:
// entries that would be unsafe as written are refused instead (tar-safety.ts).
//
// One pass: decompress -> validate every tar header (synchronously, before the bytes move on) -> hash + write into
// the store's ingest. A validation error aborts the blob write, so no ingest file and no blob remains.
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { applyChanges } from '../image/changes.js';
import { buildImportConfig, toGoJson } from '../image/import-config.js';
import type { ImageManifest } from '../oci/manifest.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import type { BlobRef, WriteSession } from '../store/types.js';
import type { Platform } from '../oci/platform.js';
import { decompressStream, type Compression } from './decompress.js';
import { checkRootfsEntry } from './tar-safety.js';
import { TarScanner } from './tar-scan.js';

export interface ImportRootfsOptions {
  /** `-c` instructions in Dockerfile syntax. */
  changes?: string[];
  /** `-m`: the history comment; docker's "Imported from -" when absent. */
  message?: string;
  platform?: Platform;
  signal?: AbortSignal;
  /** Called with the count of input (possibly compressed) bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Refuse more than this many decompressed bytes (decompression-bomb guard). */
  maxBytes?: number;
}

export interface ImportRootfsResult {
  config: BlobRef;
  layer: BlobRef;
  manifest: BlobRef;
  manifestBytes: Buffer;
  configBytes: Buffer;
  /** The layer's diff_id (equal to layer.digest: the layer is stored uncompressed). */
  diffId: string;
  compression: Compression;
  /** Tar entries seen in the layer. */
  entries: number;
}

/**
 * Writes the layer, config and OCI manifest through `session`. The caller commits the index entry (or aborts the
 * session on error; blobs already written are unreferenced and go at the next gc).
 */
export async function importRootfs(session: WriteSession, input: Readable, options: ImportRootfsOptions = {}): Promise<ImportRootfsResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  // Changes are checked before any byte is read, so a typo costs nothing.
  applyChanges({}, options.changes ?? []);

  const onAbort = () => input.destroy(signal?.reason instanceof Error ? signal.reason : new BerthError('CANCELLED', 'cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const counted = countInput(input, options.onProgress);
    const { compression, stream } = await decompressStream(counted, { maxOutputBytes: options.maxBytes, signal });
    const scanner = new TarScanner(checkRootfsEntry);
    const layer = await session.writeBlob(validated(stream, scanner), { signal });
    signal?.throwIfAborted();

    const configDocument = buildImportConfig({ diffId: layer.digest, changes: options.changes, message: options.message, platform: options.platform });
    const configBytes = Buffer.from(toGoJson(configDocument));
    const config = await session.writeBlobBytes(configBytes, { signal });
    const manifestDocument: ImageManifest = {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, digest: config.digest, size: config.size },
      layers: [{ mediaType: MEDIA_TYPES.ociLayer, digest: layer.digest, size: layer.size }],
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifestDocument));
    const manifest = await session.writeBlobBytes(manifestBytes, { signal });
    return { config, layer, manifest, manifestBytes, configBytes, diffId: layer.digest, compression, entries: scanner.entries };
  } catch (err) {
    if (signal?.aborted) throw new BerthError('CANCELLED', 'import cancelled', { cause: err });
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
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
async function* validated(stream: AsyncIterable<Uint8Array>, scanner: TarScanner): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    scanner.push(chunk);
    yield chunk;
  }
  scanner.end();
}
