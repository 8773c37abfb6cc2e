// Layers go to a registry compressed, as docker push sends them: a layer the store holds uncompressed (an import,
// a docker save of Docker 25+, skopeo's oci: output) is gzip-compressed on the way. The bytes decide, never the
// media type: skopeo labels uncompressed layers `…tar+gzip`. The compressed blob is written to the store and kept
// as the layer's twin (store/compressed-layers.ts), so the next push sends the same bytes under the same digest
// without compressing again (docker remembers the digest in its V2Metadata and compresses again when it must).
import { createGzip } from 'node:zlib';
import { open } from 'node:fs/promises';
import { detectCompression, type Compression } from '../../../shared/archive-kind.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import type { ImageStore, WriteSession } from '../store/types.js';

/** The first bytes of a stored blob, enough for the compression magic. */
export async function sniffBlob(store: ImageStore, digest: string): Promise<Compression> {
  const handle = await open(store.blobPath(digest), 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectCompression(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The gzip layer type in the manifest's own family (docker schema 2 or OCI). */
export function gzipLayerType(manifestMediaType: string): string {
  return manifestMediaType === MEDIA_TYPES.dockerManifest ? MEDIA_TYPES.dockerLayerGzip : MEDIA_TYPES.ociLayerGzip;
}

const UNCOMPRESSED_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.dockerLayer, MEDIA_TYPES.ociLayer]);

export interface LayerCompressor {
  /** What the registry gets for `layer`: the layer itself, or its gzip twin (made now if need be). */
  prepare(layer: Descriptor, manifestMediaType: string, signal: AbortSignal): Promise<Descriptor>;
  /** Twins made by this push, to record while the session still leases them. */
  readonly made: ReadonlyMap<string, Descriptor>;
}

export function layerCompressor(store: ImageStore, session: WriteSession, known: ReadonlyMap<string, Descriptor>): LayerCompressor {
  const made = new Map<string, Descriptor>();
  // One compression per layer even when two manifests of an index share it.
  const pending = new Map<string, Promise<Descriptor>>();

  async function twinOf(layer: Descriptor, mediaType: string, signal: AbortSignal): Promise<Descriptor> {
    const twin = known.get(layer.digest);
    if (twin && (await store.blobSize(twin.digest)) === twin.size) {
      await session.retain(twin.digest);
      return { mediaType, digest: twin.digest, size: twin.size };
    }
    const gzip = createGzip();
    const source = store.openBlob(layer.digest);
    source.on('error', (error) => gzip.destroy(error));
    source.pipe(gzip);
    const written = await session.writeBlob(gzip, { signal }).finally(() => source.destroy());
    const descriptor = { mediaType, digest: written.digest, size: written.size };
    made.set(layer.digest, descriptor);
    return descriptor;
  }

  async function prepare(layer: Descriptor, manifestMediaType: string, signal: AbortSignal): Promise<Descriptor> {
    if (isForeignLayer(layer)) return layer;
    const compression = await sniffBlob(store, layer.digest);
    if (compression !== 'none') {
      // gzip bytes under an uncompressed label: the label is what is wrong.
      return compression === 'gzip' && UNCOMPRESSED_TYPES.has(layer.mediaType) ? { ...layer, mediaType: gzipLayerType(manifestMediaType) } : layer;
    }
    const mediaType = gzipLayerType(manifestMediaType);
    let job = pending.get(layer.digest);
    if (!job) pending.set(layer.digest, (job = twinOf(layer, mediaType, signal)));
    const twin = await job;
    return { ...layer, mediaType, digest: twin.digest, size: twin.size };
  }

  return { prepare, made };
}
